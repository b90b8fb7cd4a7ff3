import { createHmac, timingSafeEqual } from 'node:crypto';

/** An export link works this long: long enough to click, short enough that a leaked one soon dies. */
export const exportTokenLifetimeMs = 10 * 60 * 1000;

function sign(payload: string, secret: string): string {
  // Its own key (as preview tokens have theirs): an export token can never pass as anything else.
  return createHmac('sha256', `export:${secret}`).update(payload).digest('base64url');
}

/**
 * A signed claim "this user may download this version until `exp`". The download re-checks the
 * user's access, so a member removed after the link was made gets nothing from it.
 */
export function createExportToken(
  claim: { versionId: string; userId: string },
  secret: string,
  now = Date.now(),
): string {
  const payload = Buffer.from(
    JSON.stringify({ v: claim.versionId, u: claim.userId, exp: now + exportTokenLifetimeMs }),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export type ExportTokenCheck =
  | { ok: true; userId: string; expiresAt: number }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'wrong_version' };

export function checkExportToken(
  token: string | null,
  versionId: string,
  secret: string,
  now = Date.now(),
): ExportTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(payload, secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { ok: false, reason: 'invalid' };
  let claims: { v?: unknown; u?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims !== 'object' || claims === null || typeof claims.u !== 'string')
    return { ok: false, reason: 'invalid' };
  if (typeof claims.exp !== 'number' || claims.exp < now) return { ok: false, reason: 'expired' };
  if (claims.v !== versionId) return { ok: false, reason: 'wrong_version' };
  return { ok: true, userId: claims.u, expiresAt: claims.exp };
}

/** The download's path on the builder's own origin. */
export function exportPathFor(versionId: string): string {
  return `/exports/${versionId}.zip`;
}

/** The link `versions.export` hands out: the download path on `builderOrigin`, with a fresh token. */
export function exportUrlFor(
  builderOrigin: string,
  claim: { versionId: string; userId: string },
  secret: string,
  now = Date.now(),
): string {
  const url = new URL(exportPathFor(claim.versionId), builderOrigin);
  url.searchParams.set('token', createExportToken(claim, secret, now));
  return url.toString();
}
