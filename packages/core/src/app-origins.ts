/**
 * The apps origin (docs/deploy.md#the-apps-origin): every app is served on an origin of its own, `<appKey>.<PREVIEW_URL
 * host>`, so one app can never read another's storage and no app ever receives the builder's
 * cookies (they are host-only on a different host, and cookies ignore ports).
 *
 * The app key is the app's id without its dashes: 32 lowercase hex characters, a valid DNS label
 * (≤ 63, no leading hyphen), unique and stable for the app's whole life by construction, and
 * mapped back to the app without a lookup. It needs no column and no migration. App ids are not
 * secrets (access is by workspace membership and a signed, expiring token), so showing one in a
 * host name gives nothing away.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const appKeyPattern = /^[0-9a-f]{32}$/;

export function appKeyFor(appId: string): string {
  const id = appId.toLowerCase();
  if (!uuidPattern.test(id)) throw new Error(`Not an app id: ${appId}`);
  return id.replaceAll('-', '');
}

/** The app id a key stands for, or null when the label is not an app key at all. */
export function appIdFromKey(key: string): string | null {
  if (!appKeyPattern.test(key)) return null;
  return `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${key.slice(16, 20)}-${key.slice(20)}`;
}

/** `https://apps.example-usercontent.com` + app → `https://<key>.apps.example-usercontent.com`. */
export function appOriginFor(previewBaseUrl: string, appId: string): string {
  const url = new URL(previewBaseUrl);
  url.hostname = `${appKeyFor(appId)}.${url.hostname}`;
  return url.origin;
}

/**
 * A version's preview on its app's origin, without a token: what the worker announces in
 * `preview_ready`. Only the server signs (`previewUrlFor`), when it hands a link to a member.
 */
export function versionUrlFor(previewBaseUrl: string, appId: string, versionId: string): string {
  return new URL(`/v/${versionId}/`, appOriginFor(previewBaseUrl, appId)).toString();
}

/**
 * The app key named by a request's `Host` header, when that host is exactly one app-key label
 * under the apps origin's host; anything else (the bare host, an IP, a foreign or deeper name) is
 * null. The port is ignored: a proxy in front may speak another one, and it is not part of what
 * keeps apps apart.
 */
export function appKeyFromHost(hostHeader: string | undefined, previewHostname: string): string | null {
  if (!hostHeader) return null;
  const host = hostHeader.toLowerCase();
  if (host.startsWith('[')) return null;
  const hostname = host.replace(/:\d*$/, '').replace(/\.$/, '');
  const suffix = `.${previewHostname.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) return null;
  const label = hostname.slice(0, -suffix.length);
  return appKeyPattern.test(label) ? label : null;
}
