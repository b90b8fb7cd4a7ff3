import { finalJobStatuses } from '@app/core/schemas';
import { type Db, listEvents } from '@app/db';
import type { JobSnapshot } from './checker.ts';

/** Reads what the database holds for these jobs: the truth the clients' history is checked against. */
export async function snapshotJobs(db: Db, jobIds: readonly string[]): Promise<JobSnapshot[]> {
  return Promise.all(
    [...new Set(jobIds)].map(async (jobId) => {
      const [job, events, questions] = await Promise.all([
        db.selectFrom('jobs').select(['status']).where('id', '=', jobId).executeTakeFirstOrThrow(),
        listEvents(db, jobId, 0, 1_000_000),
        db
          .selectFrom('questions')
          .select(['id', 'number', 'status'])
          .where('job_id', '=', jobId)
          .orderBy('number')
          .execute(),
      ]);
      return { jobId, status: job.status, events, questions };
    }),
  );
}

const settledStatuses = new Set<string>(['awaiting_answer', ...finalJobStatuses]);

/** Polls until every job is waiting for an answer or final (bounded by `timeoutMs`). */
export async function waitForSettled(db: Db, jobIds: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db
      .selectFrom('jobs')
      .select(['id', 'status'])
      .where('id', 'in', [...jobIds])
      .execute();
    const busy = rows.filter((row) => !settledStatuses.has(row.status));
    if (busy.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `jobs still busy after ${timeoutMs} ms: ${busy.map((row) => `${row.id.slice(0, 8)}=${row.status}`).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
