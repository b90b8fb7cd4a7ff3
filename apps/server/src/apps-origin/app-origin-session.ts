import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appOriginSessionLifetimeSeconds, type Db, findAppOriginSessionUser } from '@app/db';

/**
 * Sessions on an app's own origin (docs/architecture.md#publishing). The builder's session cookie
 * never reaches the apps origin (another host, host-only cookies), so a published app has sessions
 * of its own: one per (person, app), made only by exchanging a one-time code the builder issued.
 *
 * The cookie is host-only (no `Domain`), `HttpOnly`, `SameSite=Lax`; over https it is `Secure` and
 * named with the `__Host-` prefix, so neither a sibling app's host nor a plain-http page can plant
 * one. Its value is 32 random bytes; only their SHA-256 is stored (a plain hash is enough for 256
 * random bits, as for access tokens), and the stored session names its app, so a cookie carried to
 * another app's host is no session there.
 */
export interface AppOriginCookies {
  /** https apps origin (PREVIEW_URL): Secure cookies with the `__Host-` prefix. */
  secure: boolean;
}

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newOriginSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOriginSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function isOriginSecret(value: string | null | undefined): value is string {
  return typeof value === 'string' && tokenPattern.test(value);
}

export function appSessionCookieName(cookies: AppOriginCookies): string {
  return cookies.secure ? '__Host-app_session' : 'app_session';
}

/** Binds a sign-in round trip to the browser that started it (see sign-in.ts). */
export function signInStateCookieName(cookies: AppOriginCookies): string {
  return cookies.secure ? '__Host-app_signin_state' : 'app_signin_state';
}

/**
 * The one value of cookie `name`, or null. Two cookies of the same name mean someone planted one;
 * with no way to tell which is real, neither counts (as for the builder's session cookie).
 */
export function readOriginCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  let found: string | null = null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    if (found !== null) return null;
    found = part.slice(separator + 1).trim();
  }
  return isOriginSecret(found) ? found : null;
}

export function setOriginCookie(
  res: ServerResponse,
  cookies: AppOriginCookies,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  const cookie = `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${
    cookies.secure ? '; Secure' : ''
  }`;
  const existing = res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

export function setAppSessionCookie(res: ServerResponse, cookies: AppOriginCookies, token: string): void {
  setOriginCookie(res, cookies, appSessionCookieName(cookies), token, appOriginSessionLifetimeSeconds);
}

export function clearAppSessionCookie(res: ServerResponse, cookies: AppOriginCookies): void {
  setOriginCookie(res, cookies, appSessionCookieName(cookies), '', 0);
}

export interface AppOriginUser {
  id: string;
  email: string;
}

/**
 * Who the request's app-origin session names on this app, or null (no cookie, a malformed or
 * duplicated one, revoked, expired, or a session of another app). It does NOT check membership:
 * callers ask `appAccess` on every request as well, so a removed member loses access at once.
 */
export async function findAppOriginUser(
  db: Db,
  cookies: AppOriginCookies,
  req: IncomingMessage,
  appId: string,
): Promise<AppOriginUser | null> {
  const token = readOriginCookie(req, appSessionCookieName(cookies));
  if (!token) return null;
  return findAppOriginSessionUser(db, { tokenHash: hashOriginSecret(token), appId });
}

/**
 * The resolver the apps origin's other routes (the data API) use: the signed-in person's id on
 * this app's origin, or null. Membership is theirs to check with `requireAppRole` per request.
 */
export function createAppOriginUserResolver(db: Db, cookies: AppOriginCookies) {
  return async function resolveAppOriginUser(req: IncomingMessage, appId: string): Promise<string | null> {
    return (await findAppOriginUser(db, cookies, req, appId))?.id ?? null;
  };
}

export type ResolveAppOriginUser = ReturnType<typeof createAppOriginUserResolver>;
