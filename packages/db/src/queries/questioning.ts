import {
  event,
  type Fact,
  isQuestioningStatus,
  type JobEvent,
  QuestionDecision,
  type QuestioningTurnResult,
  type TurnInput,
} from '@app/core/schemas';
import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../client.ts';
import { ConflictError, InvalidInputError } from '../errors.ts';
import type { JobRow } from '../schema.ts';
import type { TaskToEnqueue } from '../tasks.ts';
import { requireJobRole } from './access.ts';
import { addJobUsage, toQuestion } from './jobs.ts';
import { transitionJob } from './transition.ts';

/** The person's answers, skips and "Build now" steer the builder conversation: editors and owners. */
async function requireBuildableJob(db: DbOrTrx, jobId: string, userId: string): Promise<JobRow> {
  const { job } = await requireJobRole(db, { userId, jobId, action: 'build' });
  return job;
}

async function requireOpenQuestion(db: DbOrTrx, job: JobRow, questionId: string) {
  const row = await db
    .selectFrom('questions')
    .selectAll()
    .where('id', '=', questionId)
    .where('job_id', '=', job.id)
    .executeTakeFirst();
  // Answered, skipped, unknown or not yet asked: all the same to the caller — not the open question.
  if (row?.status !== 'open' || job.open_question_id !== questionId) {
    throw new ConflictError('That question is not open any more');
  }
  return toQuestion(row);
}

/** Hands the job to the next questioning turn, which will distill `input`. */
function nextTurn(job: JobRow, input: TurnInput) {
  return {
    update: {
      status: 'questioning' as const,
      open_question_id: null,
      turn: job.turn + 1,
      turn_input: JSON.stringify(input),
    },
    enqueue: {
      task: 'questioning_turn',
      payload: { jobId: job.id, turn: job.turn + 1 },
    } satisfies TaskToEnqueue,
  };
}

export async function answerQuestion(
  db: DbOrTrx,
  input: { jobId: string; userId: string; questionId: string; optionIds: string[]; text: string | null },
): Promise<{ job: JobRow; events: JobEvent[] }> {
  const job = await requireBuildableJob(db, input.jobId, input.userId);
  const question = await requireOpenQuestion(db, job, input.questionId);
  const optionIds = [...new Set(input.optionIds)];
  const known = new Set(question.options.map((option) => option.id));
  const unknown = optionIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new InvalidInputError('optionIds', `not options of this question: ${unknown.join(', ')}`);
  if (question.kind === 'single' && optionIds.length > 1) {
    throw new InvalidInputError('optionIds', 'this question takes one option');
  }
  const text = input.text?.trim() ? input.text.trim() : null;
  if (optionIds.length === 0 && !text)
    throw new InvalidInputError('text', 'pick an option or write an answer');
  const answer = { optionIds, text };
  const turn = nextTurn(job, { kind: 'answer', questionId: question.id });
  return transitionJob(db, {
    jobId: job.id,
    guard: { status: 'awaiting_answer', openQuestionId: question.id, turn: job.turn },
    update: turn.update,
    write: (trx) => closeQuestion(trx, question.id, 'answered', JSON.stringify(answer)),
    events: [event('answer_received', { questionId: question.id, optionIds, text })],
    enqueue: turn.enqueue,
  });
}

export async function skipQuestion(
  db: DbOrTrx,
  input: { jobId: string; userId: string; questionId: string },
): Promise<{ job: JobRow; events: JobEvent[] }> {
  const job = await requireBuildableJob(db, input.jobId, input.userId);
  const question = await requireOpenQuestion(db, job, input.questionId);
  const turn = nextTurn(job, { kind: 'skip', questionId: question.id });
  return transitionJob(db, {
    jobId: job.id,
    guard: { status: 'awaiting_answer', openQuestionId: question.id, turn: job.turn },
    update: turn.update,
    write: (trx) => closeQuestion(trx, question.id, 'skipped', null),
    events: [
      event('question_skipped', { questionId: question.id, assumption: question.assumptionIfSkipped }),
    ],
    enqueue: turn.enqueue,
  });
}

/**
 * "Build now": skip whatever is left. An open question is skipped (its default becomes an
 * assumption); a turn already running is superseded — its result no longer matches `turn` and is
 * dropped — and a final turn distills and completes questioning.
 */
export async function buildNow(
  db: DbOrTrx,
  input: { jobId: string; userId: string },
): Promise<{ job: JobRow; events: JobEvent[] }> {
  const job = await requireBuildableJob(db, input.jobId, input.userId);
  if (!isQuestioningStatus(job.status)) {
    throw new ConflictError(`Cannot build now: the job is ${job.status.replace('_', ' ')}`);
  }
  const openQuestion = job.open_question_id
    ? await db.selectFrom('questions').selectAll().where('id', '=', job.open_question_id).executeTakeFirst()
    : undefined;
  const turn = nextTurn(job, { kind: 'build_now' });
  return transitionJob(db, {
    jobId: job.id,
    guard: { status: job.status, openQuestionId: job.open_question_id, turn: job.turn },
    update: turn.update,
    write: async (trx) => {
      if (openQuestion) await closeQuestion(trx, openQuestion.id, 'skipped', null);
    },
    events: openQuestion
      ? [
          event('question_skipped', {
            questionId: openQuestion.id,
            assumption: openQuestion.assumption_if_skipped,
          }),
        ]
      : [],
    enqueue: turn.enqueue,
  });
}

async function closeQuestion(
  trx: Trx,
  questionId: string,
  status: 'answered' | 'skipped',
  answer: string | null,
) {
  await trx
    .updateTable('questions')
    .set({ status, answer, answered_at: sql<string>`now()` })
    .where('id', '=', questionId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
}

/** A questioning turn's result (core's), addressed to the job and turn it was computed for. */
export type TurnResult = QuestioningTurnResult & { jobId: string; turn: number };

/**
 * Persists one questioning turn: the ledger and the blueprint, then either the next question (with
 * its decision: what each option and the skip change) or the end of questioning (which queues
 * generation). Guarded by `turn`: a rerun after a crash, or a turn
 * superseded by "Build now" or cancel, gets `ConflictError` and persists nothing — one question per
 * turn, ever (and `questions (job_id, number)` is unique besides).
 */
export async function recordTurnResult(db: DbOrTrx, result: TurnResult) {
  const questionId = crypto.randomUUID();
  const asking = result.outcome.action === 'ask_question';
  return transitionJob(db, {
    jobId: result.jobId,
    guard: { status: 'questioning', turn: result.turn },
    update: asking
      ? {
          status: 'awaiting_answer',
          open_question_id: questionId,
          readiness: result.readiness,
          blueprint: JSON.stringify(result.blueprint),
        }
      : {
          status: 'generating',
          open_question_id: null,
          readiness: result.readiness,
          blueprint: JSON.stringify(result.blueprint),
          generation_run: sql<number>`generation_run + 1`,
        },
    // The write ends in the turn's last event: the question as stored, or the end of questioning.
    write: async (trx, job) => {
      await replaceLedger(trx, job.id, result.ledger);
      await addJobUsage(trx, job.id, result.usage);
      const count = await trx
        .selectFrom('questions')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('job_id', '=', job.id)
        .executeTakeFirstOrThrow();
      const questionCount = Number(count.count);
      const { outcome } = result;
      if (outcome.action === 'complete') {
        return event('questioning_complete', {
          ledger: result.ledger,
          questionCount,
          reason: outcome.reason,
        });
      }
      const draft = outcome.question;
      const row = await trx
        .insertInto('questions')
        .values({
          id: questionId,
          job_id: job.id,
          number: questionCount + 1,
          text: draft.text,
          why: draft.why,
          kind: draft.kind,
          options: JSON.stringify(draft.options),
          assumption_if_skipped: draft.assumptionIfSkipped,
          topic: draft.topic ?? null,
          decision: outcome.decision === null ? null : JSON.stringify(outcome.decision),
          status: 'open',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return event('question_asked', { question: toQuestion(row) });
    },
    events: (_job, outcomeEvent) => [
      ...result.usage.map((usage) => event('usage', usage)),
      event('ledger_updated', { ledger: result.ledger, readiness: result.readiness }),
      event('blueprint_updated', { blueprint: result.blueprint, readiness: result.readiness }),
      outcomeEvent,
    ],
    enqueue: (job) =>
      asking ? null : { task: 'generate_app', payload: { jobId: job.id, run: job.generation_run } },
  });
}

/**
 * What each of the job's questions decides (stored when it was asked), by question id. Questions
 * from before blueprints, or whose stored decision this version cannot read, have none: answering
 * them changes the blueprint only through their words.
 */
export async function listQuestionDecisions(
  db: DbOrTrx,
  jobId: string,
): Promise<Record<string, QuestionDecision>> {
  const rows = await db
    .selectFrom('questions')
    .select(['id', 'decision'])
    .where('job_id', '=', jobId)
    .execute();
  const decisions: Record<string, QuestionDecision> = {};
  for (const row of rows) {
    const parsed = QuestionDecision.safeParse(row.decision);
    if (parsed.success) decisions[row.id] = parsed.data;
  }
  return decisions;
}

/** The decisions the job's answered and skipped questions settled: never asked, never open again. */
export async function listAskedDecisionIds(db: DbOrTrx, jobId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('questions')
    .select(['decision'])
    .where('job_id', '=', jobId)
    .where('status', '!=', 'open')
    .orderBy('number')
    .execute();
  return rows.flatMap((row) => {
    const parsed = QuestionDecision.safeParse(row.decision);
    return parsed.success ? [parsed.data.decisionId] : [];
  });
}

async function replaceLedger(trx: Trx, jobId: string, ledger: Fact[]): Promise<void> {
  await trx.deleteFrom('ledger_facts').where('job_id', '=', jobId).execute();
  if (ledger.length === 0) return;
  await trx
    .insertInto('ledger_facts')
    .values(
      ledger.map((fact, position) => ({
        id: fact.id,
        job_id: jobId,
        position,
        kind: fact.kind,
        text: fact.text,
        source_kind: fact.source.kind,
        source_question_id: fact.source.questionId ?? null,
        topic: fact.topic ?? null,
      })),
    )
    .execute();
}
