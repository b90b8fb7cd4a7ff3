import { z } from 'zod';
import type { ModelConfig } from '../model.ts';
import { modelConfigFromEnv } from '../model-env.ts';

/*
 * What the server and the worker both read from the environment, defined once: each app's env.ts
 * composes `sharedEnvFields` into its own schema and resolves them with `resolveSharedEnv`, so the
 * two processes can no longer disagree on a value (docs/deploy.md#environment). Takes the
 * environment as data: only the apps' env.ts files read the real one.
 */

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const sharedEnvFields = {
  DATABASE_URL: z
    .string({ error: 'is required (pnpm dev starts an embedded Postgres and sets it)' })
    .min(1, 'is required (pnpm dev starts an embedded Postgres and sets it)')
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// connection URL'),
  /** 0–20 questions per job; 0 builds straight from the request (the cap decides at once). */
  MAX_QUESTIONS: z.coerce.number().int().min(0).max(20).default(5),
  PREVIEW_PORT: port(3001),
  /** The apps origin's base URL; unset: http://localhost:$PREVIEW_PORT. */
  PREVIEW_URL: z.url().optional(),
};

const SharedEnvSchema = z.object(sharedEnvFields);

export interface SharedEnv {
  databaseUrl: string;
  maxQuestions: number;
  previewPort: number;
  /** The apps origin (PREVIEW_URL, or localhost on PREVIEW_PORT). */
  previewUrl: string;
  /** Whether PREVIEW_URL was set (production refuses the localhost default). */
  previewUrlSet: boolean;
  model: ModelConfig;
}

/**
 * Parses an app's environment: the shared fields, the app's own (`ownFields`), blank values read
 * as unset, the model settings, and any cross-field `check` the app adds. Every problem is
 * collected first and thrown at once as an `EnvError`; the app's main.ts prints it and exits 1.
 */
export function parseAppEnv<Own extends z.ZodRawShape>(
  ownFields: Own,
  source: Record<string, string | undefined>,
  check?: (own: z.output<z.ZodObject<Own>>, shared: SharedEnv) => string[],
): { own: z.output<z.ZodObject<Own>>; shared: SharedEnv } {
  const present = withoutBlanks(source);
  const sharedParsed = SharedEnvSchema.safeParse(present);
  const ownParsed = z.object(ownFields).safeParse(present);
  const model = modelConfigFromEnv(present);
  const problems = [
    ...(sharedParsed.success ? [] : envProblems(sharedParsed.error)),
    ...(ownParsed.success ? [] : envProblems(ownParsed.error)),
    ...model.problems,
  ];
  if (!sharedParsed.success || !ownParsed.success || !model.config) throw new EnvError(problems);
  const values = sharedParsed.data;
  const shared: SharedEnv = {
    databaseUrl: values.DATABASE_URL,
    maxQuestions: values.MAX_QUESTIONS,
    previewPort: values.PREVIEW_PORT,
    previewUrl: values.PREVIEW_URL ?? `http://localhost:${values.PREVIEW_PORT}`,
    previewUrlSet: values.PREVIEW_URL !== undefined,
    model: model.config,
  };
  problems.push(...(check?.(ownParsed.data, shared) ?? []));
  if (problems.length > 0) throw new EnvError(problems);
  return { own: ownParsed.data, shared };
}

/** Unset and empty are the same thing for env vars (`FOO= pnpm dev`). */
function withoutBlanks(source: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
}

/** `NAME: message` for every issue of a failed parse (zod paths are the variable names). */
function envProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`);
}

/** Every problem of an environment at once, so one start shows the whole list. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}
