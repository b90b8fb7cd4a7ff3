import type { ModelConfig } from '@app/core';
import { z } from 'zod';
import { type LogLevel, logLevels } from './logger.ts';

/** Unset and empty are the same thing for env vars (`FOO= pnpm dev`). */
const optionalString = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());
const positiveInt = (fallback: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().positive().default(fallback),
  );

const EnvSchema = z.object({
  DATABASE_URL: z.string({ error: 'is required' }).min(1, 'is required'),
  WORKER_CONCURRENCY: positiveInt(4),
  MODEL_PROVIDER: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['offline', 'openai']).optional(),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  QUESTIONING_MODEL: optionalString,
  GENERATION_MODEL: optionalString,
  MAX_QUESTIONS: positiveInt(5),
  LOG_LEVEL: z.preprocess((value) => (value === '' ? undefined : value), z.enum(logLevels).default('info')),
});

export interface WorkerEnv {
  databaseUrl: string;
  concurrency: number;
  model: ModelConfig;
  maxQuestions: number;
  logLevel: LogLevel;
}

export const defaultQuestioningModel = 'gpt-4.1-mini';
export const defaultGenerationModel = 'gpt-4.1';

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
  // Checked on the raw values, so this problem is listed even when other variables are invalid.
  // `openai` is the default only when a key is there; asking for it explicitly without one is an error.
  const provider = source.MODEL_PROVIDER || (source.OPENAI_API_KEY ? 'openai' : 'offline');
  if (provider === 'openai' && !source.OPENAI_API_KEY) {
    problems.push('OPENAI_API_KEY: is required when MODEL_PROVIDER is openai');
  }
  if (!parsed.success || problems.length > 0) throw new EnvError(problems);
  const values = parsed.data;

  return {
    databaseUrl: values.DATABASE_URL,
    concurrency: values.WORKER_CONCURRENCY,
    maxQuestions: values.MAX_QUESTIONS,
    logLevel: values.LOG_LEVEL,
    model:
      provider === 'openai'
        ? {
            provider: 'openai',
            apiKey: values.OPENAI_API_KEY ?? '',
            ...(values.OPENAI_BASE_URL ? { baseURL: values.OPENAI_BASE_URL } : {}),
            questioningModel: values.QUESTIONING_MODEL ?? defaultQuestioningModel,
            generationModel: values.GENERATION_MODEL ?? defaultGenerationModel,
          }
        : { provider: 'offline' },
  };
}
