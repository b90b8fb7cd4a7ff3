import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/**
 * Over https the cookie is `__Host-session`: browsers accept a `__Host-` cookie only when it is
 * Secure, has Path=/ and no Domain, so neither a sibling subdomain nor a plain-http page can plant
 * one under that name. Plain http (development) cannot carry the prefix and uses `session`. Writing
 * and reading both go through this one name, so the two never disagree.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session' : 'session';
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What `newSessionToken` produces: 32 random bytes in base64url, nothing else is ever ours. */
const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Only this hash is stored: the database never holds a usable cookie value. */
export function hashSessionToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

/**
 * The session token the request carries, or null for signed out. A cookie that is not exactly one
 * well-formed token counts as signed out: a malformed value is not ours, and two cookies of the
 * same name mean something else (a sibling origin, an old path) planted one — with no way to tell
 * which is real, trusting either could sign the person into someone else's session.
 */
export function readSessionToken(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  let found: string | null = null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    if (found !== null) return null;
    found = part.slice(separator + 1).trim();
  }
  return found !== null && sessionTokenPattern.test(found) ? found : null;
}

export interface CookieOptions {
  secure: boolean;
}

export function setSessionCookie(res: ServerResponse, token: string, options: CookieOptions): void {
  appendSetCookie(
    res,
    `${sessionCookieName(options.secure)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${
      sessionLifetimeMs / 1000
    }${options.secure ? '; Secure' : ''}`,
  );
}

export function clearSessionCookie(res: ServerResponse, options: CookieOptions): void {
  appendSetCookie(
    res,
    `${sessionCookieName(options.secure)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${
      options.secure ? '; Secure' : ''
    }`,
  );
}

function appendSetCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/** A stable fingerprint for logs without the token itself. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}
