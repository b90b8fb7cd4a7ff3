import type { JobPhase } from '@app/core/schemas';
import { z } from 'zod';

/*
 * The worker tasks: one typed contract for the enqueuer (every `transitionJob`) and the worker
 * (its task list is `satisfies Record<TaskName, …>`), like graphile-worker's own
 * `GraphileWorker.Tasks`. A task name that is not a key here does not compile anywhere.
 *
 * Payloads outlive the code that queued them, so both sides go through these schemas. `turn` /
 * `run` pin a task to the job state it was queued for: a stale or duplicated task finds the job
 * moved on and does nothing (docs/spine.md#idempotent-tasks).
 */

export const QuestioningTurnPayload = z.object({
  jobId: z.string().uuid(),
  turn: z.number().int().positive(),
});
export type QuestioningTurnPayload = z.infer<typeof QuestioningTurnPayload>;

export const GenerateAppPayload = z.object({ jobId: z.string().uuid(), run: z.number().int().positive() });
export type GenerateAppPayload = z.infer<typeof GenerateAppPayload>;

/** The job a task works on, pinned to the turn / run it was queued for (what `failJob` guards on). */
export interface TaskTarget {
  jobId: string;
  turn?: number;
  generationRun?: number;
}

interface TaskContract<P> {
  payload: z.ZodType<P>;
  /**
   * Always explicit and small: graphile-worker's default (25, backoff up to hours) means "stuck". A
   * job that exhausts them ends `failed` with `job_failed` + `done`, never stuck.
   */
  maxAttempts: number;
  /** graphile's job key: scheduling dedupe only — it does not stop a running job from running again. */
  jobKey(payload: P): string;
  /** Where a failed job goes back to on `jobs.retry`, and what its error says failed. */
  phase: JobPhase;
  target(payload: P): TaskTarget;
}

export const taskContracts = {
  questioning_turn: {
    payload: QuestioningTurnPayload,
    maxAttempts: 3,
    jobKey: (payload) => `questioning_turn:${payload.jobId}:${payload.turn}`,
    phase: 'questioning',
    target: (payload) => ({ jobId: payload.jobId, turn: payload.turn }),
  } satisfies TaskContract<QuestioningTurnPayload>,
  generate_app: {
    payload: GenerateAppPayload,
    maxAttempts: 2,
    jobKey: (payload) => `generate_app:${payload.jobId}:${payload.run}`,
    phase: 'generation',
    target: (payload) => ({ jobId: payload.jobId, generationRun: payload.run }),
  } satisfies TaskContract<GenerateAppPayload>,
};

export type TaskName = keyof typeof taskContracts;
export type TaskPayload<N extends TaskName> = z.infer<(typeof taskContracts)[N]['payload']>;

export const taskNames = Object.keys(taskContracts) as TaskName[];

export function isTaskName(name: string): name is TaskName {
  return Object.hasOwn(taskContracts, name);
}

/** The contract of one task, seen through its own payload type. */
export function taskContract<N extends TaskName>(name: N): TaskContract<TaskPayload<N>> {
  return taskContracts[name] as unknown as TaskContract<TaskPayload<N>>;
}

/** A graphile-worker job to add in the caller's transaction; attempts and key come from the contract. */
export type TaskToEnqueue = { [N in TaskName]: { task: N; payload: TaskPayload<N>; runAt?: Date } }[TaskName];

/** The job and phase a stored payload names, or null when it no longer parses. */
export function describeStoredTask(
  taskName: TaskName,
  payload: unknown,
): { target: TaskTarget; phase: JobPhase } | null {
  const contract: TaskContract<unknown> = taskContract(taskName);
  const parsed = contract.payload.safeParse(payload);
  return parsed.success ? { target: contract.target(parsed.data), phase: contract.phase } : null;
}
