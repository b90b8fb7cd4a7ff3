import {
  Answer,
  Blueprint,
  type Fact,
  FactTopic,
  JobError,
  type JobKind,
  type JobStatus,
  type Question,
  QuestionOption,
  Usage,
  zeroUsage,
} from '@app/core/schemas';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DbOrTrx, Trx } from '../client.ts';
import type { JobRow, QuestionRow } from '../schema.ts';

/** A job as the API shows it (`jobs.get`; docs/state-machine.md). */
export interface JobView {
  id: string;
  appId: string;
  kind: JobKind;
  status: JobStatus;
  request: string;
  questions: Question[];
  ledger: Fact[];
  /** The design so far (docs/architecture.md#shapes); null before the first turn and for jobs from before blueprints. */
  blueprint: Blueprint | null;
  readiness: number;
  versionId: string | null;
  error: JobError | null;
  usage: Usage;
  createdAt: string;
  updatedAt: string;
  /**
   * The log's last `seq` when this view was read. A client replaying `jobs.events` from the start
   * has caught up with this view once it has received this seq (0: the log is empty).
   */
  lastSeq: number;
}

export async function findJob(db: DbOrTrx, jobId: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

export async function listQuestions(db: DbOrTrx, jobId: string): Promise<Question[]> {
  const rows = await db
    .selectFrom('questions')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('number')
    .execute();
  return rows.map(toQuestion);
}

export async function listLedger(db: DbOrTrx, jobId: string): Promise<Fact[]> {
  const rows = await db
    .selectFrom('ledger_facts')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: row.text,
    source: row.source_question_id
      ? { kind: row.source_kind, questionId: row.source_question_id }
      : { kind: row.source_kind },
    ...topicOf(row.topic),
  }));
}

export async function loadJobView(db: DbOrTrx, job: JobRow): Promise<JobView> {
  const [questions, ledger] = await Promise.all([listQuestions(db, job.id), listLedger(db, job.id)]);
  return toJobView(job, questions, ledger);
}

export function toJobView(job: JobRow, questions: Question[], ledger: Fact[]): JobView {
  return {
    id: job.id,
    appId: job.app_id,
    kind: job.kind,
    status: job.status,
    request: job.request,
    questions,
    ledger,
    blueprint: Blueprint.nullable()
      .catch(null)
      .parse(job.blueprint ?? null),
    readiness: job.readiness,
    versionId: job.version_id,
    error: job.error === null ? null : JobError.parse(job.error),
    usage: Usage.catch(zeroUsage).parse(job.usage),
    createdAt: job.created_at.toISOString(),
    updatedAt: job.updated_at.toISOString(),
    lastSeq: job.last_seq,
  };
}

/** A stored topic, if it is one this version knows (unknown or missing: omitted, as the schema allows). */
function topicOf(stored: string | null): { topic?: FactTopic } {
  const topic = FactTopic.safeParse(stored).data;
  return topic ? { topic } : {};
}

export function toQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    number: row.number,
    text: row.text,
    why: row.why,
    kind: row.kind,
    options: z.array(QuestionOption).parse(row.options),
    assumptionIfSkipped: row.assumption_if_skipped,
    status: row.status,
    answer: row.answer === null ? null : Answer.parse(row.answer),
    ...topicOf(row.topic),
  };
}

/** Adds model usage to the job's running total (shown while it works, kept when it ends). */
export async function addJobUsage(
  trx: Trx,
  jobId: string,
  usage: readonly { inputTokens: number; outputTokens: number; costUsd: number }[],
): Promise<void> {
  if (usage.length === 0) return;
  const total = usage.reduce(
    (sum, item) => ({
      inputTokens: sum.inputTokens + item.inputTokens,
      outputTokens: sum.outputTokens + item.outputTokens,
      costUsd: sum.costUsd + item.costUsd,
    }),
    { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  );
  await trx
    .updateTable('jobs')
    .set({
      usage: sql`jsonb_build_object(
        'inputTokens', (usage->>'inputTokens')::int + ${total.inputTokens}::int,
        'outputTokens', (usage->>'outputTokens')::int + ${total.outputTokens}::int,
        'costUsd', round(((usage->>'costUsd')::numeric + ${total.costUsd}::numeric), 6))`,
    })
    .where('id', '=', jobId)
    .execute();
}
