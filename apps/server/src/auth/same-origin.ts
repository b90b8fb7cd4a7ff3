import type { IncomingMessage } from 'node:http';
import { TRPCError } from '@trpc/server';

/**
 * The origins the builder is served from: PUBLIC_URL's, plus its loopback twin (localhost ⇄
 * 127.0.0.1, both typed in development). null: none configured (tests, ad-hoc runs), and the
 * request's own Host stands in — what a same-origin page always sends as Origin.
 */
export function builderOriginsFor(publicUrl: string | undefined): string[] | null {
  if (!publicUrl) return null;
  const url = new URL(publicUrl);
  const twins: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };
  const twin = twins[url.hostname];
  if (!twin) return [url.origin];
  const other = new URL(url.origin);
  other.hostname = twin;
  return [url.origin, other.origin];
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Why a mutation request must be refused, or null to let it through (docs/architecture.md#security):
 * - a browser names the page's origin in `Origin` (always on POST): it must be the builder's own.
 *   `Origin: null` (a sandboxed frame, e.g. a generated app) is another origin too;
 * - `Sec-Fetch-Site` other than `same-origin` / `none` is a page of another origin, even one of the
 *   same site (`same-site`): generated apps live on sibling hosts;
 * - neither header: not a browser (the typed client in Node, curl) — it carries no ambient
 *   cookie of the person's, so nothing can be forged through it;
 * - the body must be `application/json`: the types a cross-site form can send without a CORS
 *   preflight (multipart/form-data, text/plain, urlencoded) and tRPC's octet-stream input never
 *   reach a procedure.
 */
export function mutationRefusal(req: IncomingMessage, builderOrigins: string[] | null): TRPCError | null {
  const fetchSite = header(req, 'sec-fetch-site')?.toLowerCase();
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return new TRPCError({ code: 'FORBIDDEN', message: 'Cross-site requests are not accepted' });
  }
  const origin = header(req, 'origin');
  if (origin !== undefined) {
    const host = header(req, 'host');
    const allowed = builderOrigins ?? (host ? [`http://${host}`, `https://${host}`] : []);
    if (!allowed.includes(origin)) {
      return new TRPCError({ code: 'FORBIDDEN', message: 'Cross-site requests are not accepted' });
    }
  }
  const mediaType = header(req, 'content-type')?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send mutations as application/json' });
  }
  return null;
}
