import {
  activeJobStatuses,
  event,
  JobError,
  type JobEvent,
  type JobPhase,
  safeMessage,
  statusOfPhase,
} from '@app/core/schemas';
import type { DbOrTrx } from '../client.ts';
import { ConflictError } from '../errors.ts';
import type { JobRow } from '../schema.ts';
import { requireJobRole } from './access.ts';
import { transitionJob } from './transition.ts';

/**
 * Cancels a job in any non-final status. A worker still running a turn or a generation for it
 * finds the status changed when it tries to commit (its guard fails) and persists nothing.
 */
export async function cancelJob(
  db: DbOrTrx,
  input: { jobId: string; userId: string },
): Promise<{ job: JobRow; events: JobEvent[] }> {
  const { job } = await requireJobRole(db, { userId: input.userId, jobId: input.jobId, action: 'build' });
  return transitionJob(db, {
    jobId: job.id,
    guard: { status: activeJobStatuses },
    update: { status: 'cancelled', open_question_id: null },
    events: [event('job_cancelled', {}), event('done', { status: 'cancelled' })],
  }).catch((error: unknown) => {
    if (error instanceof ConflictError)
      throw new ConflictError(`Cannot cancel: the job is already ${job.status}`);
    throw error;
  });
}

/**
 * Sends a failed job back to the phase that failed: a fresh turn, or a fresh generation run. The
 * `job_retried` event commits with the state change, so every open stream (another tab, the CLI)
 * sees the job run again from the log alone.
 */
export async function retryJob(
  db: DbOrTrx,
  input: { jobId: string; userId: string },
): Promise<{ job: JobRow; events: JobEvent[] }> {
  const { job } = await requireJobRole(db, { userId: input.userId, jobId: input.jobId, action: 'build' });
  if (job.status !== 'failed')
    throw new ConflictError(`Only a failed job can be retried (this one is ${job.status})`);
  const phase = JobError.safeParse(job.error).data?.phase ?? 'questioning';
  const questioning = phase === 'questioning';
  return transitionJob(db, {
    jobId: job.id,
    guard: { status: 'failed', turn: job.turn, generationRun: job.generation_run },
    update: questioning
      ? { status: 'questioning', error: null, open_question_id: null, turn: job.turn + 1 }
      : { status: 'generating', error: null, generation_run: job.generation_run + 1 },
    events: [event('job_retried', { phase })],
    enqueue: questioning
      ? { task: 'questioning_turn', payload: { jobId: job.id, turn: job.turn + 1 } }
      : { task: 'generate_app', payload: { jobId: job.id, run: job.generation_run + 1 } },
  });
}

export interface FailJobInput {
  jobId: string;
  phase: JobPhase;
  /** Shown to the user. */
  message: string;
  /** Whether retrying may help (default true): `job_failed.retryable`. */
  retryable?: boolean;
  /** The task's own counters: a stale task must not fail a job that has moved on. */
  turn?: number;
  generationRun?: number;
}

/**
 * Ends a job whose task gave up (docs/spine.md#crash-recovery, never stuck): `failed` with a retryable error, then
 * `job_failed` + `done`. Guarded on the status the phase implies (and the task's turn / run), so it
 * is safe to call for a task that lost a race with `cancel`, an answer or another worker: then it
 * returns false and writes nothing.
 */
export async function failJob(db: DbOrTrx, input: FailJobInput): Promise<boolean> {
  // The job row and the event get the same scrubbed, capped text: the raw error may quote a
  // connection string or an env value, and may be megabytes long (a generated app's error).
  const message = safeMessage(input.message);
  try {
    await transitionJob(db, {
      jobId: input.jobId,
      guard: {
        status: statusOfPhase[input.phase],
        turn: input.turn,
        generationRun: input.generationRun,
      },
      update: {
        status: 'failed',
        error: JSON.stringify({
          message,
          retryable: input.retryable ?? true,
          phase: input.phase,
        }),
      },
      events: [
        event('job_failed', { message, retryable: input.retryable ?? true }),
        event('done', { status: 'failed' }),
      ],
    });
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
