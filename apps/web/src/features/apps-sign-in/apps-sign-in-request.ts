/**
 * What `/apps-sign-in?app=<appId>&state=<state>` asks for (the apps origin sends people here to
 * sign in to a published app). Both must have their exact shape; anything else is not a request
 * this builder made, and nothing is sent.
 */
export interface AppsSignInRequest {
  appId: string;
  state: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const statePattern = /^[A-Za-z0-9_-]{43}$/;

export function parseAppsSignInRequest(search: string): AppsSignInRequest | null {
  const params = new URLSearchParams(search);
  const appId = params.get('app');
  const state = params.get('state');
  if (!appId || !uuidPattern.test(appId) || !state || !statePattern.test(state)) return null;
  return { appId: appId.toLowerCase(), state };
}

/**
 * The server builds the callback URL from the app id alone; the SPA still navigates only to an
 * http(s) URL whose path is the callback, so even a wrong server answer cannot send the person to
 * a `javascript:` URL or elsewhere on the app's origin.
 */
export function isAppOriginCallback(url: string): boolean {
  const parsed = URL.parse(url);
  return (
    parsed !== null &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.pathname === '/_auth/callback'
  );
}
