import { event, type NewEvent } from '@app/core';
import {
  appendRunEvents,
  createAppWithJob,
  type Db,
  failJob,
  findUserByEmail,
  inTransaction,
  transitionJob,
} from '@app/db';

/**
 * A job that plays "a generation in progress" straight against the database, so events keep
 * committing while a server (or the whole API) is down — the way a worker keeps going during a
 * server restart. The job is moved to `generating` in the transaction that creates it, so the
 * queued first turn finds it moved on and no worker touches it; `stop()` ends it visibly failed.
 */
export interface Ticker {
  jobId: string;
  /** Events appended so far by the ticker (not counting the job's opening events). */
  readonly appended: number;
  /** Appends one batch now (e.g. big `file_written` events), outside the periodic loop. */
  append(events: NewEvent[]): Promise<void>;
  /** Starts appending `step_started` every `intervalMs` until `stop()`. */
  start(intervalMs: number): void;
  /** Stops the loop and ends the job with `job_failed` + `done`. */
  stop(): Promise<void>;
}

export async function startTicker(db: Db, ownerEmail: string): Promise<Ticker> {
  const owner = await findUserByEmail(db, ownerEmail);
  if (!owner) throw new Error(`no user ${ownerEmail}`);
  const jobId = await inTransaction(db, async (trx) => {
    const { job } = await createAppWithJob(trx, { userId: owner.id, name: 'Ticker', request: 'A ticker' });
    await transitionJob(trx, {
      jobId: job.id,
      guard: { status: 'questioning', turn: 1 },
      update: { status: 'generating', generation_run: 1 },
      events: [
        event('ledger_updated', { ledger: [], readiness: 100 }),
        event('questioning_complete', { ledger: [], questionCount: 0, reason: 'skipped' }),
      ],
    });
    return job.id;
  });
  const ref = { jobId, run: 1 };
  let appended = 0;
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  const append = async (events: NewEvent[]) => {
    await appendRunEvents(db, ref, events);
    appended += events.length;
  };
  await append([event('generation_started', {})]);
  return {
    jobId,
    get appended() {
      return appended;
    },
    append,
    start(intervalMs) {
      running = true;
      loop = (async () => {
        for (let index = 0; running; index++) {
          await append([event('step_started', { index })]);
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
      await failJob(db, { jobId, phase: 'generation', generationRun: 1, message: 'The ticker stopped' });
    },
  };
}
