import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  appAccess,
  consumeAppOriginCode,
  type Db,
  insertAppOriginSession,
  revokeAppOriginSession,
} from '@app/db';

import {
  type AppOriginCookies,
  appSessionCookieName,
  clearAppSessionCookie,
  hashOriginSecret,
  isOriginSecret,
  newOriginSecret,
  readOriginCookie,
  setAppSessionCookie,
  setOriginCookie,
  signInStateCookieName,
} from './app-origin-session.ts';
import { link, sendNotice } from './origin-pages.ts';

/** How long a session of someone who is not a member lasts (their 403 page, a way to switch). */
const nonMemberSessionSeconds = 60 * 60;

/**
 * Signing in on an app's origin goes through the builder (docs/architecture.md#publishing):
 *
 * 1. A visitor without a session is sent to the builder's `/apps-sign-in?app=<id>&state=<s>`, and
 *    this origin remembers `s` in a short-lived host-only cookie.
 * 2. The builder (its own session, its own sign-in) asks `auth.appOriginCode`, which names the
 *    person (what they may see is decided here, on every request) and returns `<app origin>/_auth/callback?code=…&state=s` — a URL the
 *    server builds from the app id, never from anything the page passed in, so it cannot redirect
 *    anywhere else.
 * 3. Here the callback exchanges the code server-side: single use, 60 seconds, for this app only,
 *    and only in the browser that started the round trip (`state` must equal the cookie — else a
 *    stranger could send someone a callback link with the stranger's own code and sign them in as
 *    the stranger, the classic login CSRF).
 */
export interface SignInRoutesOptions {
  db: Db;
  cookies: AppOriginCookies;
  /** The builder's origin (PUBLIC_URL), where the sign-in route lives. */
  builderUrl: () => string;
}

const stateLifetimeSeconds = 10 * 60;

/** Step 1: off to the builder, with a state bound to this browser. */
export function redirectToBuilderSignIn(
  options: SignInRoutesOptions,
  res: ServerResponse,
  appId: string,
): void {
  const state = newOriginSecret();
  setOriginCookie(res, options.cookies, signInStateCookieName(options.cookies), state, stateLifetimeSeconds);
  const target = new URL('/apps-sign-in', options.builderUrl());
  target.searchParams.set('app', appId);
  target.searchParams.set('state', state);
  res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' });
  res.end();
}

const retry = link('/', 'Sign in again');

/** Step 3: the code for a session of this origin, then the app. */
export async function handleSignInCallback(
  options: SignInRoutesOptions,
  req: IncomingMessage,
  res: ServerResponse,
  input: { appId: string; url: URL },
): Promise<void> {
  const state = input.url.searchParams.get('state');
  const code = input.url.searchParams.get('code');
  const expectedState = readOriginCookie(req, signInStateCookieName(options.cookies));
  if (!isOriginSecret(state) || !expectedState || state !== expectedState) {
    return sendNotice(res, 400, {
      title: 'This sign-in did not start here',
      message: 'Open the app’s address and sign in from there.',
      actionsHtml: retry,
    });
  }
  const signedIn = isOriginSecret(code)
    ? await consumeAppOriginCode(options.db, { codeHash: hashOriginSecret(code), appId: input.appId })
    : null;
  if (!signedIn) {
    return sendNotice(res, 400, {
      title: 'This sign-in link has expired',
      message: 'Sign-in links work once, for a minute. Start again and it will take you straight in.',
      actionsHtml: retry,
    });
  }
  const token = newOriginSecret();
  // Anyone signed in gets a session (the page then says what they may see); a non-member's lasts an
  // hour, not a week, so strangers' visits do not pile up as week-long rows.
  const member = (await appAccess(options.db, { userId: signedIn.userId, appId: input.appId })) !== null;
  await insertAppOriginSession(options.db, {
    tokenHash: hashOriginSecret(token),
    userId: signedIn.userId,
    appId: input.appId,
    // Signing out of the builder ends this session too (packages/db revokeSession).
    builderSessionId: signedIn.builderSessionId,
    ...(member ? {} : { lifetimeSeconds: nonMemberSessionSeconds }),
  });
  setOriginCookie(res, options.cookies, signInStateCookieName(options.cookies), '', 0);
  setAppSessionCookie(res, options.cookies, token);
  // 303 and a clean URL: the code never stays in the address bar or the history.
  res.writeHead(303, { location: '/', 'cache-control': 'no-store' });
  res.end();
}

/**
 * A form post from this origin's own page only. The session cookie is SameSite=Lax, so another
 * site's form would arrive without it anyway; the Origin check also refuses it outright, and a
 * request that shows neither Origin nor Sec-Fetch-Site is no browser form. The published page is
 * served with `Referrer-Policy: no-referrer`, under which Chromium sends `Origin: null` for its
 * own form posts: then Sec-Fetch-Site (set by the browser, never by a page) decides.
 */
function isSameOriginPost(req: IncomingMessage, cookies: AppOriginCookies): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    const scheme = cookies.secure ? 'https' : 'http';
    return origin.toLowerCase() === `${scheme}://${String(req.headers.host ?? '').toLowerCase()}`;
  }
  return req.headers['sec-fetch-site'] === 'same-origin';
}

export async function handleSignOut(
  options: SignInRoutesOptions,
  req: IncomingMessage,
  res: ServerResponse,
  appId: string,
): Promise<void> {
  if (!isSameOriginPost(req, options.cookies)) {
    return sendNotice(res, 403, { title: 'Not signed out', message: 'Sign out from the app’s own page.' });
  }
  const token = readOriginCookie(req, appSessionCookieName(options.cookies));
  if (token) await revokeAppOriginSession(options.db, { tokenHash: hashOriginSecret(token), appId });
  clearAppSessionCookie(res, options.cookies);
  res.writeHead(303, { location: '/_auth/signed-out', 'cache-control': 'no-store' });
  res.end();
}

/** Not straight back to `/`: signed in on the builder, that would sign the person in again at once. */
export function sendSignedOut(res: ServerResponse): void {
  sendNotice(res, 200, {
    title: 'You are signed out',
    message: 'You are signed out of this app. Your account on the builder stays signed in.',
    actionsHtml: retry,
  });
}
