import { z } from 'zod';

/** Job lifecycle (docs/state-machine.md). `questioning` means a turn is queued or running. */
export const jobStatuses = [
  'questioning',
  'awaiting_answer',
  'generating',
  'complete',
  'failed',
  'cancelled',
] as const;
export const JobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof JobStatus>;

/**
 * A job with work ahead of it: a turn or a generation queued or running, or a question waiting for
 * its answer. At most one per app (the partial unique index `jobs_one_active_per_app`, whose SQL in
 * migration 0001 spells the same list), and `cancel` works in exactly these.
 */
export const activeJobStatuses = [
  'questioning',
  'awaiting_answer',
  'generating',
] as const satisfies readonly JobStatus[];
export type ActiveJobStatus = (typeof activeJobStatuses)[number];

export function isActiveStatus(status: JobStatus | null | undefined): status is ActiveJobStatus {
  return (activeJobStatuses as readonly (JobStatus | null | undefined)[]).includes(status);
}

/** The questioning phase: a turn queued or running, or the open question waiting for its answer. */
export const questioningJobStatuses = [
  'questioning',
  'awaiting_answer',
] as const satisfies readonly ActiveJobStatus[];

export function isQuestioningStatus(
  status: JobStatus | null | undefined,
): status is (typeof questioningJobStatuses)[number] {
  return (questioningJobStatuses as readonly (JobStatus | null | undefined)[]).includes(status);
}

export const finalJobStatuses = ['complete', 'failed', 'cancelled'] as const satisfies readonly JobStatus[];
export type FinalJobStatus = (typeof finalJobStatuses)[number];

export function isFinalStatus(status: JobStatus): status is FinalJobStatus {
  return (finalJobStatuses as readonly JobStatus[]).includes(status);
}

export const JobKind = z.enum(['create', 'change']);
export type JobKind = z.infer<typeof JobKind>;

/** Which phase a failed job goes back to on `jobs.retry`. */
export const JobPhase = z.enum(['questioning', 'generation']);
export type JobPhase = z.infer<typeof JobPhase>;

/** The status a job is in while a task of this phase is queued or running (and after its retry). */
export const statusOfPhase = {
  questioning: 'questioning',
  generation: 'generating',
} as const satisfies Record<JobPhase, ActiveJobStatus>;

export const JobError = z.object({
  message: z.string(),
  retryable: z.boolean(),
  phase: JobPhase,
});
export type JobError = z.infer<typeof JobError>;

export const Usage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
});
export type Usage = z.infer<typeof Usage>;

export const zeroUsage: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: Math.round((a.costUsd + b.costUsd) * 1e6) / 1e6,
  };
}
