import { capMessage, isModelError, safeMessage } from '@app/core';
import {
  ConflictError,
  failJob,
  returnAttempt,
  type TaskName,
  type TaskPayload,
  taskContract,
} from '@app/db';
import type { Task } from 'graphile-worker';
import type { TaskDependencies, TaskHandler } from './context.ts';

const maxMessageLength = 500;

/**
 * Turns a handler into a graphile task with the rules every task shares:
 * - the payload crosses its zod schema; one that does not parse can never succeed, so it is logged
 *   and dropped instead of retried;
 * - a `ConflictError` means the job moved on (answered, cancelled, another run won): done;
 * - a throw after the shutdown signal aborted gives the attempt back and lets graphile release the
 *   job, so a deploy never uses up — or fails — a job;
 * - any other throw is retried by graphile, except on the last attempt: then the job ends `failed`
 *   with `job_failed` + `done` right here (docs/spine.md#crash-recovery: never stuck).
 */
export function wrapTask<N extends TaskName>(
  deps: TaskDependencies,
  taskName: N,
  handler: TaskHandler<TaskPayload<N>>,
): Task {
  const contract = taskContract(taskName);
  return async (rawPayload, helpers) => {
    const { job, abortSignal } = helpers;
    const attempt = { number: job.attempts, max: job.max_attempts, isLast: job.attempts >= job.max_attempts };
    const logger = deps.logger.child({ task: taskName, graphileJobId: job.id, attempt: job.attempts });

    const parsed = contract.payload.safeParse(rawPayload);
    if (!parsed.success) {
      logger.error('invalid task payload; dropped without retry', {
        payload: rawPayload,
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      });
      return;
    }
    const payload = parsed.data;

    try {
      await handler(payload, { ...deps, signal: abortSignal, attempt, logger });
    } catch (error) {
      if (error instanceof ConflictError) {
        logger.info('job moved on while the task ran; nothing to do', { reason: error.message });
        return;
      }
      if (abortSignal.aborted) {
        // Give the attempt back before rethrowing: graphile's failure handling (which unlocks the
        // job) runs after we return, while we still hold the lock this update is guarded on.
        if (job.locked_by) {
          await returnAttempt(deps.db, job.id, job.locked_by).catch((returnError: unknown) =>
            logger.warn('could not give back the aborted attempt', { error: returnError }),
          );
        }
        logger.info('task aborted by shutdown; it will run again on another worker');
        throw error;
      }
      // A model that refuses or runs out of output tokens will do the same on a rerun: end now.
      const terminal = isModelError(error) && !error.retryable;
      if (!attempt.isLast && !terminal) throw error;

      const message = describeFailure(error);
      let failed: boolean;
      try {
        failed = await failJob(deps.db, {
          ...contract.target(payload),
          phase: contract.phase,
          message,
          // Retrying the same request into a refusal is pointless; anything else may go through.
          retryable: !(isModelError(error) && error.code === 'refusal'),
        });
      } catch (failError) {
        // Leave graphile's exhausted job in place: the sweeper retries this failure later.
        logger.error('last attempt failed and recording the failure failed too', { error, failError });
        throw error;
      }
      logger.error(
        failed ? 'last attempt failed; job marked failed' : 'last attempt failed; job had moved on',
        { error },
      );
    }
  };
}

/**
 * What the person sees for a failure. Scrubbed of credentials before the cap (a pg error can quote
 * the connection string); `failJob` scrubs again, as every writer of a failure must.
 */
function describeFailure(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = safeMessage(raw.trim() || 'The task failed without a message');
  return capMessage(message, maxMessageLength);
}
