import { parseAppEnv, type SharedEnv } from '@app/core/env';
import { z } from 'zod';
import type { AuthRateLimitOptions } from './auth/rate-limits.ts';
import { appsOriginProblems } from './preview/apps-origin-check.ts';

/** The server's own variables; what it shares with the worker is core's `sharedEnvFields`. */
const serverFields = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  SESSION_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
  STATIC_DIR: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  // The abuse limits (docs/architecture.md#limits): failed sign-ins per email and per client
  // address per 15 minutes, sign-ups per client address per hour.
  RATE_LIMIT_SIGNIN: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_SIGNIN_IP: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_SIGNUP: z.coerce.number().int().min(1).default(50),
  RATE_LIMIT_APP_SIGNIN: z.coerce.number().int().min(1).default(60),
  // 1/true: the client address is X-Forwarded-For's last entry. Only behind a proxy you run.
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
  NODE_ENV: z.string().optional(),
};

export interface ServerEnv extends SharedEnv {
  port: number;
  host: string;
  /** The builder's public URL (PUBLIC_URL, or localhost on PORT). */
  publicUrl: string;
  sessionSecret: string;
  staticDir: string | null;
  rateLimits: AuthRateLimitOptions;
  trustProxy: boolean;
}

/**
 * Parses the server's environment. Throws an `EnvError` listing every problem at once; main.ts
 * prints it and exits 1. In production the apps origin must be a site of its own
 * (docs/deploy.md#the-apps-origin).
 */
export function loadEnv(source: Record<string, string | undefined>): ServerEnv {
  const { own, shared } = parseAppEnv(serverFields, source, (own, shared) =>
    own.NODE_ENV === 'production'
      ? appsOriginProblems({
          publicUrl: publicUrlOf(own),
          previewUrl: shared.previewUrl,
          previewUrlSet: shared.previewUrlSet,
        })
      : [],
  );
  return {
    ...shared,
    port: own.PORT,
    host: own.HOST,
    publicUrl: publicUrlOf(own),
    sessionSecret: own.SESSION_SECRET,
    staticDir: own.STATIC_DIR ?? null,
    rateLimits: {
      signInPerEmail: own.RATE_LIMIT_SIGNIN,
      signInPerAddress: own.RATE_LIMIT_SIGNIN_IP,
      signUpPerAddress: own.RATE_LIMIT_SIGNUP,
      appSignInsPerPerson: own.RATE_LIMIT_APP_SIGNIN,
    },
    trustProxy: own.TRUST_PROXY,
  };
}

function publicUrlOf(values: { PUBLIC_URL?: string | undefined; PORT: number }): string {
  return values.PUBLIC_URL ?? `http://localhost:${values.PORT}`;
}
