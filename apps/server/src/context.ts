import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Db, findSessionUser, type User } from '@app/db';
import { hashSessionToken, readCookie, sessionCookieName } from './auth/sessions.ts';
import type { ServerMetrics } from './observability/metrics.ts';
import type { JobEventHub } from './realtime/job-event-hub.ts';

/** Everything a procedure may use; built once per process (services) and per request (user). */
export interface Services {
  db: Db;
  hub: JobEventHub;
  sessionSecret: string;
  secureCookies: boolean;
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
}

export async function createContext(
  services: Services,
  { req, res }: { req: IncomingMessage; res: ServerResponse },
): Promise<Context> {
  const token = readCookie(req, sessionCookieName);
  const sessionTokenHash = token ? hashSessionToken(token, services.sessionSecret) : null;
  const user = sessionTokenHash ? ((await findSessionUser(services.db, sessionTokenHash)) ?? null) : null;
  return { ...services, req, res, user, sessionTokenHash };
}
