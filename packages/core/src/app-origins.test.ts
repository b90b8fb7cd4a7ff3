import { describe, expect, it } from 'vitest';
import { appIdFromKey, appKeyFor, appKeyFromHost, appOriginFor, versionUrlFor } from './app-origins.ts';
import { checkPreviewToken, previewUrlFor } from './preview-tokens.ts';

const appId = '0b9f6c2e-4d1a-4f3b-9a8e-7c6d5e4f3a2b';
const key = '0b9f6c2e4d1a4f3b9a8e7c6d5e4f3a2b';
const versionId = '11111111-2222-4333-8444-555555555555';

describe('app origins', () => {
  it('derives a DNS-label key from the app id and maps it back', () => {
    expect(appKeyFor(appId)).toBe(key);
    expect(appKeyFor(appId.toUpperCase())).toBe(key);
    expect(appIdFromKey(key)).toBe(appId);
    expect(appIdFromKey('not-a-key')).toBeNull();
    expect(() => appKeyFor('../../etc')).toThrow(/Not an app id/);
  });

  it('puts each app on its own origin under the apps host, keeping scheme and port', () => {
    expect(appOriginFor('http://localhost:3001', appId)).toBe(`http://${key}.localhost:3001`);
    expect(appOriginFor('https://apps.example-usercontent.com/', appId)).toBe(
      `https://${key}.apps.example-usercontent.com`,
    );
    expect(versionUrlFor('http://localhost:3001', appId, versionId)).toBe(
      `http://${key}.localhost:3001/v/${versionId}/`,
    );
  });

  it('signs a link on the app origin that only that version accepts', () => {
    const url = new URL(previewUrlFor('http://localhost:3001', appId, versionId, 'a'.repeat(32)));
    expect(url.origin).toBe(`http://${key}.localhost:3001`);
    expect(checkPreviewToken(url.searchParams.get('token'), versionId, 'a'.repeat(32))).toEqual({ ok: true });
  });

  it('reads the app key only from exactly one key label under the apps host', () => {
    expect(appKeyFromHost(`${key}.localhost:3001`, 'localhost')).toBe(key);
    expect(appKeyFromHost(`${key.toUpperCase()}.LOCALHOST`, 'localhost')).toBe(key);
    expect(appKeyFromHost(`${key}.apps.example-usercontent.com.`, 'apps.example-usercontent.com')).toBe(key);
    for (const host of [
      undefined,
      '',
      'localhost:3001',
      '127.0.0.1:3001',
      '[::1]:3001',
      `${key}.evil.com`,
      `${key}.localhost.evil.com`,
      `x.${key}.localhost`,
      `${key.slice(1)}.localhost`,
      `${key}localhost`,
    ]) {
      expect(appKeyFromHost(host, 'localhost'), String(host)).toBeNull();
    }
  });
});
