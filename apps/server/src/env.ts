import { type ModelConfig, modelConfigFromEnv } from '@app/core';
import { z } from 'zod';
import { appsOriginProblems } from './preview/apps-origin-check.ts';

const Env = z.object({
  DATABASE_URL: z
    .string()
    .min(1, 'DATABASE_URL is required (pnpm dev starts an embedded Postgres and sets it)'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PREVIEW_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  PUBLIC_URL: z.url().optional(),
  PREVIEW_URL: z.url().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters'),
  MAX_QUESTIONS: z.coerce.number().int().min(0).max(20).default(5),
  STATIC_DIR: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.string().optional(),
  // SPEC §5 limits: failed sign-ins per email and per client address per 15 minutes, sign-ups
  // per client address per hour.
  RATE_LIMIT_SIGNIN: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_SIGNIN_IP: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_SIGNUP: z.coerce.number().int().min(1).default(50),
  // 1/true: the client address is X-Forwarded-For's last entry. Only behind a proxy you run.
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
});

export type ServerEnv = z.infer<typeof Env> & {
  model: ModelConfig;
  publicUrl: string;
  previewUrl: string;
};

/** Parses the environment, listing every problem at once; the process exits on any. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const blankToUndefined = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
  const parsed = Env.safeParse(blankToUndefined);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  const env = parsed.success ? parsed.data : null;
  const model = modelConfigFromEnv(source);
  problems.push(...model.problems.map((problem) => `  ${problem}`));
  const publicUrl = env?.PUBLIC_URL ?? `http://localhost:${env?.PORT ?? 3000}`;
  const previewUrl = env?.PREVIEW_URL ?? `http://localhost:${env?.PREVIEW_PORT ?? 3001}`;
  if (env?.NODE_ENV === 'production')
    problems.push(
      ...appsOriginProblems({ publicUrl, previewUrl, previewUrlSet: env.PREVIEW_URL !== undefined }).map(
        (problem) => `  ${problem}`,
      ),
    );
  if (!env || !model.config || problems.length > 0) {
    console.error(`Invalid environment:\n${problems.join('\n')}`);
    process.exit(1);
  }
  return {
    ...env,
    model: model.config,
    publicUrl,
    previewUrl,
  };
}
