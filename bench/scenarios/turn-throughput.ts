import { answerQuestion, createAppWithJob, type Db } from '@app/db';
import { round, waitUntil } from '../stats.ts';

export interface ThroughputResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
}

/**
 * Creates `count` apps with their first questioning turn queued, all in ONE transaction: the
 * worker(s) see the whole backlog at once, at commit. Returns the job ids.
 */
export async function createTurnBacklog(db: Db, ownerId: string, count: number): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const jobIds: string[] = [];
    for (let index = 0; index < count; index++) {
      const { job } = await createAppWithJob(trx, {
        userId: ownerId,
        name: `Bench app ${index + 1}`,
        request: 'A tracker for our support tickets with priorities',
      });
      jobIds.push(job.id);
    }
    return jobIds;
  });
}

/**
 * Answers every job's open question (its first option) through the same `answerQuestion` the
 * `jobs.answer` mutation uses — conditional update, event, `add_job` — in one transaction, so the
 * next turns of all jobs become runnable at the same instant.
 */
export async function answerAllOpenQuestions(
  db: Db,
  ownerId: string,
  jobIds: readonly string[],
): Promise<void> {
  const open = await db
    .selectFrom('jobs')
    .innerJoin('questions', 'questions.id', 'jobs.open_question_id')
    .select(['jobs.id as jobId', 'questions.id as questionId', 'questions.options'])
    .where('jobs.id', 'in', jobIds)
    .where('jobs.status', '=', 'awaiting_answer')
    .execute();
  if (open.length !== jobIds.length) {
    throw new Error(`expected ${jobIds.length} open questions, found ${open.length}`);
  }
  await db.transaction().execute(async (trx) => {
    for (const row of open) {
      const [first] = row.options as { id: string }[];
      await answerQuestion(trx, {
        jobId: row.jobId,
        userId: ownerId,
        questionId: row.questionId,
        optionIds: first ? [first.id] : [],
        text: first ? null : 'Something else',
      });
    }
  });
}

/**
 * Times from the backlog's commit (the caller's `committedAt`) until every job is back in
 * `awaiting_answer` — i.e. each queued turn ran and committed its question.
 */
export async function waitForTurns(
  db: Db,
  jobIds: readonly string[],
  committedAt: number,
  timeoutMs: number,
): Promise<ThroughputResult> {
  let failed = 0;
  await waitUntil(
    `${jobIds.length} questioning turns`,
    async () => {
      const rows = await db
        .selectFrom('jobs')
        .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
        .where('id', 'in', jobIds)
        .groupBy('status')
        .execute();
      const count = (status: string) => rows.find((row) => row.status === status)?.count ?? 0;
      const row = { waiting: count('awaiting_answer'), failed: count('failed') };
      failed = row?.failed ?? 0;
      if (failed > 0) throw new Error(`${failed} jobs failed during the throughput run`);
      return row?.waiting === jobIds.length;
    },
    timeoutMs,
    25,
  );
  const seconds = (performance.now() - committedAt) / 1000;
  return {
    turns: jobIds.length,
    seconds: round(seconds, 3),
    turnsPerSecond: round(jobIds.length / seconds, 1),
  };
}
