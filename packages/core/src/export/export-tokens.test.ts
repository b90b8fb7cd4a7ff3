import { describe, expect, it } from 'vitest';
import { createPreviewToken } from '../preview-tokens.ts';
import { checkExportToken, createExportToken, exportTokenLifetimeMs, exportUrlFor } from './export-tokens.ts';

const secret = 'a-session-secret-of-enough-length';
const versionId = '0b7a3c2e-3d5f-4b8e-9c1a-7e6f5d4c3b2a';
const userId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const now = 1_800_000_000_000;

describe('export tokens', () => {
  it('lets its user download its version until it expires', () => {
    const token = createExportToken({ versionId, userId }, secret, now);
    expect(checkExportToken(token, versionId, secret, now + 1)).toEqual({
      ok: true,
      userId,
      expiresAt: now + exportTokenLifetimeMs,
    });
    expect(checkExportToken(token, versionId, secret, now + exportTokenLifetimeMs)).toMatchObject({
      ok: true,
    });
    expect(checkExportToken(token, versionId, secret, now + exportTokenLifetimeMs + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(exportTokenLifetimeMs).toBe(10 * 60 * 1000);
  });

  it('refuses a missing, forged, tampered or other-version token, and a preview token', () => {
    const token = createExportToken({ versionId, userId }, secret, now);
    const [payload, signature] = token.split('.') as [string, string];
    const otherUser = Buffer.from(
      JSON.stringify({ v: versionId, u: 'someone-else', exp: now + 60_000 }),
    ).toString('base64url');
    expect(checkExportToken(null, versionId, secret, now)).toEqual({ ok: false, reason: 'missing' });
    expect(checkExportToken('', versionId, secret, now)).toEqual({ ok: false, reason: 'missing' });
    expect(checkExportToken(`${otherUser}.${signature}`, versionId, secret, now).ok).toBe(false);
    expect(checkExportToken(`${payload}.${signature.slice(1)}x`, versionId, secret, now).ok).toBe(false);
    expect(checkExportToken(`${payload}.${signature}.x`, versionId, secret, now).ok).toBe(false);
    expect(
      checkExportToken(
        createExportToken({ versionId, userId }, 'another-secret', now),
        versionId,
        secret,
        now,
      ),
    ).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(checkExportToken(token, '11111111-2222-4333-8444-555555555555', secret, now)).toEqual({
      ok: false,
      reason: 'wrong_version',
    });
    // Signed with the same secret, for the same version, but for previews: not an export token.
    expect(checkExportToken(createPreviewToken(versionId, secret, now), versionId, secret, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('links to the download on the given origin', () => {
    const url = new URL(exportUrlFor('http://localhost:5173', { versionId, userId }, secret, now));
    expect(url.origin).toBe('http://localhost:5173');
    expect(url.pathname).toBe(`/exports/${versionId}.zip`);
    expect(checkExportToken(url.searchParams.get('token'), versionId, secret, now)).toMatchObject({
      ok: true,
      userId,
    });
  });
});
