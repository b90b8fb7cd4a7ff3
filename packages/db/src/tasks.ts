import { z } from 'zod';
import type { TaskToEnqueue } from './queries/transition.ts';

/**
 * The worker tasks and their payloads. Payloads outlive the code that queued them, so both sides
 * go through these schemas. `turn` / `run` pin a task to the job state it was queued for: a stale
 * or duplicated task finds the job moved on and does nothing.
 */
export const QuestioningTurnPayload = z.object({
  jobId: z.string().uuid(),
  turn: z.number().int().positive(),
});
export type QuestioningTurnPayload = z.infer<typeof QuestioningTurnPayload>;

export const GenerateAppPayload = z.object({ jobId: z.string().uuid(), run: z.number().int().positive() });
export type GenerateAppPayload = z.infer<typeof GenerateAppPayload>;

/** Small budgets: a job that exhausts them ends `failed` with `job_failed` + `done`, never stuck. */
export const turnMaxAttempts = 3;
export const generationMaxAttempts = 2;

export function questioningTurnTask(payload: QuestioningTurnPayload): TaskToEnqueue {
  return {
    task: 'questioning_turn',
    payload,
    maxAttempts: turnMaxAttempts,
    jobKey: `questioning_turn:${payload.jobId}:${payload.turn}`,
  };
}

export function generateAppTask(payload: GenerateAppPayload): TaskToEnqueue {
  return {
    task: 'generate_app',
    payload,
    maxAttempts: generationMaxAttempts,
    jobKey: `generate_app:${payload.jobId}:${payload.run}`,
  };
}
