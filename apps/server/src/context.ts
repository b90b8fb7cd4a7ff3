import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Db, findActiveAccessToken, findSession, type User } from '@app/db';
import { readBearerCredential } from './auth/access-tokens.ts';
import { clientAddress } from './auth/client-address.ts';
import type { PasswordHasher } from './auth/passwords.ts';
import type { AuthRateLimits } from './auth/rate-limits.ts';
import type { CredentialRef, SessionRevocations } from './auth/session-revocations.ts';
import { hashSessionToken, readSessionToken, sessionCookieName } from './auth/sessions.ts';
import type { ServerMetrics } from './observability/metrics.ts';
import type { StreamAccessWatch } from './realtime/access-watch.ts';
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
  /** Ends a job's event stream when its reader loses access (one query per interval for all). */
  streamAccess: StreamAccessWatch;
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
  /** The cookie session's hash (null with a bearer token or signed out): sign-out revokes it. */
  sessionTokenHash: string | null;
  /** What the user signed in with (null when signed out), for ending streams when it ends. */
  credential: CredentialRef | null;
  /**
   * Why the request's `Authorization` header was refused (malformed, unknown or revoked token), or
   * null. Every procedure answers UNAUTHORIZED then (see `refuseRejectedCredentials`), `auth.*`
   * included: a client that sent a token means to be that token's user, never anyone else.
   */
  credentialRejection: string | null;
  /** Who rate limits count this request against (see `clientAddress`). */
  clientAddress: string;
}

type Identity = Pick<Context, 'user' | 'sessionTokenHash' | 'credential' | 'credentialRejection'>;

const signedOut: Identity = {
  user: null,
  sessionTokenHash: null,
  credential: null,
  credentialRejection: null,
};

/**
 * A bearer token, when the request has an `Authorization` header, else the session cookie. The two
 * never mix: a request with a header is judged by the header alone (docs/auth.md).
 */
async function identify(services: Services, req: IncomingMessage): Promise<Identity> {
  const bearer = readBearerCredential(req);
  if (bearer.kind === 'malformed') {
    return { ...signedOut, credentialRejection: 'Malformed Authorization header: send "Bearer abt_…"' };
  }
  if (bearer.kind === 'token') {
    const found = await findActiveAccessToken(services.db, bearer.tokenHash);
    if (!found) return { ...signedOut, credentialRejection: 'Unknown or revoked token' };
    return { ...signedOut, user: found.user, credential: { kind: 'accessToken', tokenId: found.tokenId } };
  }
  const token = readSessionToken(req, sessionCookieName(services.secureCookies));
  const sessionTokenHash = token ? hashSessionToken(token, services.sessionSecret) : null;
  const found = sessionTokenHash ? await findSession(services.db, sessionTokenHash) : undefined;
  if (!found || !sessionTokenHash) return { ...signedOut, sessionTokenHash };
  return {
    user: found.user,
    sessionTokenHash,
    credential: { kind: 'session', tokenHash: sessionTokenHash, expiresAt: found.expiresAt },
    credentialRejection: null,
  };
}

export async function createContext(
  services: Services,
  { req, res }: { req: IncomingMessage; res: ServerResponse },
): Promise<Context> {
  return {
    ...services,
    req,
    res,
    ...(await identify(services, req)),
    clientAddress: clientAddress(req, services.trustProxy),
  };
}
