import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Db, findSession, type User } from '@app/db';
import { clientAddress } from './auth/client-address.ts';
import type { PasswordHasher } from './auth/passwords.ts';
import type { AuthRateLimits } from './auth/rate-limits.ts';
import type { SessionRef, SessionRevocations } from './auth/session-revocations.ts';
import { hashSessionToken, readSessionToken, sessionCookieName } from './auth/sessions.ts';
import type { ServerMetrics } from './observability/metrics.ts';
import type { JobEventHub } from './realtime/job-event-hub.ts';

/** Everything a procedure may use; built once per process (services) and per request (user). */
export interface Services {
  db: Db;
  hub: JobEventHub;
  sessionSecret: string;
  /** https PUBLIC_URL: Secure cookies named `__Host-session`. */
  secureCookies: boolean;
  /** Origins a browser's mutation may come from (see `mutationRefusal`); null = the request's Host. */
  builderOrigins: string[] | null;
  /** Take the client address from X-Forwarded-For (TRUST_PROXY): only behind a proxy you run. */
  trustProxy: boolean;
  passwords: PasswordHasher;
  rateLimits: AuthRateLimits;
  sessionRevocations: SessionRevocations;
  maxQuestions: number;
  /** Absolute base of the preview origin (PREVIEW_URL). */
  previewBaseUrl: string;
  metrics: ServerMetrics;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface Context extends Services {
  req: IncomingMessage;
  res: ServerResponse;
  user: User | null;
  sessionTokenHash: string | null;
  /** The live session the cookie names (null when signed out), for ending streams with it. */
  session: SessionRef | null;
  /** Who rate limits count this request against (see `clientAddress`). */
  clientAddress: string;
}

export async function createContext(
  services: Services,
  { req, res }: { req: IncomingMessage; res: ServerResponse },
): Promise<Context> {
  const token = readSessionToken(req, sessionCookieName(services.secureCookies));
  const sessionTokenHash = token ? hashSessionToken(token, services.sessionSecret) : null;
  const found = sessionTokenHash ? await findSession(services.db, sessionTokenHash) : undefined;
  return {
    ...services,
    req,
    res,
    user: found?.user ?? null,
    sessionTokenHash,
    session: found && sessionTokenHash ? { tokenHash: sessionTokenHash, expiresAt: found.expiresAt } : null,
    clientAddress: clientAddress(req, services.trustProxy),
  };
}
