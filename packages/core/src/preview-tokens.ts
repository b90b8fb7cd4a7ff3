import { createHmac, timingSafeEqual } from 'node:crypto';
import { versionUrlFor } from './app-origins.ts';

/** Preview links stay valid this long; the builder hands out a fresh one on every versions.get. */
export const previewTokenLifetimeMs = 60 * 60 * 1000;

function sign(payload: string, secret: string): string {
  // A distinct key from session hashing: a preview token can never double as anything else.
  return createHmac('sha256', `preview:${secret}`).update(payload).digest('base64url');
}

export function createPreviewToken(versionId: string, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ v: versionId, exp: now + previewTokenLifetimeMs })).toString(
    'base64url',
  );
  return `${payload}.${sign(payload, secret)}`;
}

export type PreviewTokenCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'wrong_version' };

export function checkPreviewToken(
  token: string | null,
  versionId: string,
  secret: string,
  now = Date.now(),
): PreviewTokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(payload, secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { ok: false, reason: 'invalid' };
  let claims: { v?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { v?: unknown; exp?: unknown };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.exp !== 'number' || claims.exp < now) return { ok: false, reason: 'expired' };
  if (claims.v !== versionId) return { ok: false, reason: 'wrong_version' };
  return { ok: true };
}

/**
 * The link a member opens: the version on its app's own origin, with a fresh expiring token. Only
 * the server calls this (it holds the secret); the worker announces the unsigned `versionUrlFor`.
 */
export function previewUrlFor(
  previewBaseUrl: string,
  appId: string,
  versionId: string,
  secret: string,
): string {
  const url = new URL(versionUrlFor(previewBaseUrl, appId, versionId));
  url.searchParams.set('token', createPreviewToken(versionId, secret));
  return url.toString();
}
