import { parseAppEnv, type SharedEnv } from '@app/core/env';
import { z } from 'zod';
import { type LogLevel, logLevels } from './logger.ts';

export { EnvError } from '@app/core/env';

/** The worker's own variables; what it shares with the server is core's `sharedEnvFields`. */
const workerFields = {
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  CHROMIUM_PATH: z.string().optional(),
};

export interface WorkerEnv extends Omit<SharedEnv, 'previewPort' | 'previewUrl' | 'previewUrlSet'> {
  concurrency: number;
  logLevel: LogLevel;
  /** `CHROMIUM_PATH`: the browser verification uses; null = discover the system's Chromium. */
  chromiumPath: string | null;
  /** Where the apps origin is; the worker signs nothing (the server signs preview links). */
  preview: { baseUrl: string };
}

/**
 * Reads and validates the worker's environment. Throws an `EnvError` listing every problem at
 * once, so one start shows the whole list instead of one fix-and-retry per variable.
 */
export function loadEnv(source: Record<string, string | undefined>): WorkerEnv {
  const { own, shared } = parseAppEnv(workerFields, source);
  return {
    databaseUrl: shared.databaseUrl,
    concurrency: own.WORKER_CONCURRENCY,
    maxQuestions: shared.maxQuestions,
    logLevel: own.LOG_LEVEL,
    chromiumPath: own.CHROMIUM_PATH ?? null,
    model: shared.model,
    preview: { baseUrl: shared.previewUrl },
  };
}
