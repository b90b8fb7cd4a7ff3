/**
 * A one-cookie jar like a browser's, for clients that sign in with email and password (tests, the
 * CLI's `login`): it sends the session cookie it holds and keeps whatever `Set-Cookie: session=…`
 * the server answers with (a cleared cookie empties it). Mutable on purpose: tests hand a session
 * from one client to another by assigning `value`.
 */
export interface CookieJar {
  /** The `Cookie` header value (`session=…`), or null when signed out. */
  value: string | null;
}

export const sessionCookieName = 'session';

export function createCookieJar(value: string | null = null): CookieJar {
  return { value };
}

/** Reads the session cookie out of a response's `Set-Cookie` headers into the jar. */
export function storeSessionCookie(jar: CookieJar, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (!pair) continue;
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (name === sessionCookieName) jar.value = value ? `${sessionCookieName}=${value}` : null;
  }
}
