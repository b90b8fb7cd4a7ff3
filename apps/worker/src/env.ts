import { type ModelConfig, modelConfigFromEnv } from '@app/core';
import { z } from 'zod';
import { type LogLevel, logLevels } from './logger.ts';

/** Unset and empty are the same thing for env vars (`FOO= pnpm dev`). */
const positiveInt = (fallback: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().positive().default(fallback),
  );

const EnvSchema = z.object({
  DATABASE_URL: z.string({ error: 'is required' }).min(1, 'is required'),
  WORKER_CONCURRENCY: positiveInt(4),
  MAX_QUESTIONS: positiveInt(5),
  PREVIEW_PORT: positiveInt(3001),
  PREVIEW_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  LOG_LEVEL: z.preprocess((value) => (value === '' ? undefined : value), z.enum(logLevels).default('info')),
  CHROMIUM_PATH: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
});

export interface WorkerEnv {
  databaseUrl: string;
  concurrency: number;
  model: ModelConfig;
  maxQuestions: number;
  logLevel: LogLevel;
  /** `CHROMIUM_PATH`: the browser verification uses; null = discover the system's Chromium. */
  chromiumPath: string | null;
  /** Where the apps origin is; the worker signs nothing (the server signs preview links). */
  preview: { baseUrl: string };
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Reads and validates the worker's environment (SPEC §3). Every problem is collected before
 * throwing, so one start shows the whole list instead of one fix-and-retry per variable.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  const parsed = EnvSchema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`);
  const model = modelConfigFromEnv(source);
  problems.push(...model.problems);
  if (!parsed.success || problems.length > 0 || !model.config) throw new EnvError(problems);
  const values = parsed.data;

  return {
    databaseUrl: values.DATABASE_URL,
    concurrency: values.WORKER_CONCURRENCY,
    maxQuestions: values.MAX_QUESTIONS,
    logLevel: values.LOG_LEVEL,
    chromiumPath: values.CHROMIUM_PATH ?? null,
    model: model.config,
    preview: { baseUrl: values.PREVIEW_URL ?? `http://localhost:${values.PREVIEW_PORT}` },
  };
}
