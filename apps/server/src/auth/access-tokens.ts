import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Personal access tokens (docs/auth.md): `abt_` + 32 random bytes in base64url. The prefix lets a
 * person (and secret scanners) tell a builder token from any other string, and lets the server
 * refuse junk without a database round trip.
 */
export const accessTokenPrefix = 'abt_';
const accessTokenPattern = /^abt_[A-Za-z0-9_-]{43}$/;

export function newAccessToken(): string {
  return `${accessTokenPrefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Only this hash is stored. Plain SHA-256 suffices: the token carries 256 random bits, so nothing
 * is gained by a slow or keyed hash, and tokens keep working when SESSION_SECRET is rotated.
 */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type BearerCredential =
  | { kind: 'none' }
  | { kind: 'malformed' }
  | { kind: 'token'; token: string; tokenHash: string };

/**
 * What the request's `Authorization` header carries. Any header at all is a claim to be someone,
 * so one that is not exactly `Bearer <one of our tokens>` is `malformed` (→ UNAUTHORIZED), never
 * silently ignored in favour of a cookie.
 */
export function readBearerCredential(req: IncomingMessage): BearerCredential {
  const header = req.headers.authorization;
  if (header === undefined) return { kind: 'none' };
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const token = match?.[1];
  if (!token || !accessTokenPattern.test(token)) return { kind: 'malformed' };
  return { kind: 'token', token, tokenHash: hashAccessToken(token) };
}
