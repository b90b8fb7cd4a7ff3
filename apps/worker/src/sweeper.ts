import type { JobPhase } from '@app/core';
import {
  type Db,
  deleteGraphileJob,
  describeStoredTask,
  type ExhaustedTaskJob,
  failJob,
  findExhaustedTaskJobs,
  inTransaction,
  isTaskName,
  releaseDeadWorkers,
  taskNames,
} from '@app/db';
import type { Logger } from './logger.ts';
import { repeat } from './repeat.ts';

export interface SweepOptions {
  db: Db;
  deadAfterMs: number;
  ownWorkerIds: readonly string[];
  logger: Logger;
}

export interface SweepResult {
  deadWorkerIds: string[];
  unlockedJobs: number;
  /** Exhausted graphile jobs that were ended (and whether their app job was marked failed). */
  exhausted: { graphileJobId: string; jobId: string | null; failed: boolean }[];
}

/**
 * One recovery pass (docs/spine.md#crash-recovery). First the locks of dead workers are released, so their jobs run
 * again on a live worker. Then jobs that can never run again — a worker died during their last
 * attempt, whose count graphile had already taken — end their app job `failed` instead of
 * leaving it stuck. The order matters: a job unlocked by the first step is seen by the second in
 * the same pass.
 */
export async function sweep(options: SweepOptions): Promise<SweepResult> {
  const { db, logger } = options;
  const released = await releaseDeadWorkers(db, {
    deadAfterMs: options.deadAfterMs,
    ownWorkerIds: options.ownWorkerIds,
  });
  if (released.workerIds.length > 0) {
    logger.warn('released the jobs of dead workers', {
      workerIds: released.workerIds,
      unlockedJobs: released.unlockedJobs,
    });
  }
  const exhausted = [];
  for (const job of await findExhaustedTaskJobs(db, taskNames)) {
    exhausted.push(await endExhaustedJob(db, job, logger));
  }
  return { deadWorkerIds: released.workerIds, unlockedJobs: released.unlockedJobs, exhausted };
}

async function endExhaustedJob(db: Db, job: ExhaustedTaskJob, logger: Logger) {
  const stored = isTaskName(job.taskIdentifier) ? describeStoredTask(job.taskIdentifier, job.payload) : null;
  // One transaction: graphile's row is our only record that the job gave up, so it may go only
  // together with the committed failure (a job failed twice is impossible anyway: the guard).
  const failed = await inTransaction(db, async (trx) => {
    const marked = stored
      ? await failJob(trx, {
          ...stored.target,
          phase: stored.phase,
          message: gaveUpMessage(stored.phase, job),
        })
      : false;
    await deleteGraphileJob(trx, job.id);
    return marked;
  });
  const fields = {
    graphileJobId: job.id,
    task: job.taskIdentifier,
    jobId: stored?.target.jobId ?? null,
    lastError: job.lastError,
  };
  if (!stored) logger.error('dropped an exhausted task whose payload no longer parses', fields);
  else if (failed) logger.warn('job gave up after its last attempt; marked failed', fields);
  else logger.info('cleared an exhausted task whose job had moved on', fields);
  return { graphileJobId: job.id, jobId: stored?.target.jobId ?? null, failed };
}

/**
 * What the user reads. graphile's `last_error` is logged, not shown: after a crash it belongs to an
 * earlier attempt, not to the one that was lost.
 */
function gaveUpMessage(phase: JobPhase, job: ExhaustedTaskJob): string {
  const step = phase === 'questioning' ? 'The questioning step' : 'The generation step';
  return `${step} did not finish after ${job.attempts} attempts`;
}

/** Sweeps now and then every `intervalMs` until stopped. */
export function startSweeper(options: SweepOptions & { intervalMs: number }): { stop(): Promise<void> } {
  return repeat(
    async () => {
      await sweep(options);
    },
    options.intervalMs,
    { immediately: true, onError: (error) => options.logger.warn('recovery sweep failed', { error }) },
  );
}
