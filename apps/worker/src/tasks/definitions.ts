import type { JobPhase } from '@app/core';
import { GenerateAppPayload, QuestioningTurnPayload } from '@app/db';
import type { z } from 'zod';

/** The worker's tasks: their names are graphile task identifiers, stored in queued jobs. */
export interface TaskPayloads {
  questioning_turn: QuestioningTurnPayload;
  generate_app: GenerateAppPayload;
}
export type TaskName = keyof TaskPayloads;

/** The job a task works on, pinned to the turn / run it was queued for. */
export interface TaskTarget {
  jobId: string;
  turn?: number;
  generationRun?: number;
}

interface TaskDefinition<P> {
  payload: z.ZodType<P>;
  /** Where a failed job goes back to on `jobs.retry`, and what its error says failed. */
  phase: JobPhase;
  target(payload: P): TaskTarget;
}

/**
 * One table for what both the task wrapper and the crash sweeper need to know about a task, so the
 * two can never disagree on which job a payload names or which phase it belongs to.
 */
export const taskDefinitions: { [N in TaskName]: TaskDefinition<TaskPayloads[N]> } = {
  questioning_turn: {
    payload: QuestioningTurnPayload,
    phase: 'questioning',
    target: (payload) => ({ jobId: payload.jobId, turn: payload.turn }),
  },
  generate_app: {
    payload: GenerateAppPayload,
    phase: 'generation',
    target: (payload) => ({ jobId: payload.jobId, generationRun: payload.run }),
  },
};

export const taskNames = Object.keys(taskDefinitions) as TaskName[];

export function isTaskName(name: string): name is TaskName {
  return Object.hasOwn(taskDefinitions, name);
}

/** The job and phase a stored payload names, or null when it no longer parses. */
export function describeStoredTask(
  taskName: TaskName,
  payload: unknown,
): { target: TaskTarget; phase: JobPhase } | null {
  const definition: TaskDefinition<unknown> = taskDefinitions[taskName] as TaskDefinition<unknown>;
  const parsed = definition.payload.safeParse(payload);
  return parsed.success ? { target: definition.target(parsed.data), phase: definition.phase } : null;
}
