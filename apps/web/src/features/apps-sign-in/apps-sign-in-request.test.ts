import { describe, expect, it } from 'vitest';
import { isAppOriginCallback, parseAppsSignInRequest } from './apps-sign-in-request.ts';

const appId = '0b6f1c9e-2d4a-4c1b-9a57-3f2e8d7c6b5a';
const state = 'A'.repeat(43);

describe('parseAppsSignInRequest', () => {
  it('takes an app id and a state of the exact shapes', () => {
    expect(parseAppsSignInRequest(`?app=${appId.toUpperCase()}&state=${state}`)).toEqual({ appId, state });
  });

  it('refuses anything else', () => {
    for (const search of [
      '',
      `?app=${appId}`,
      `?state=${state}`,
      `?app=not-a-uuid&state=${state}`,
      `?app=${appId}&state=short`,
      `?app=${appId}&state=${'A'.repeat(42)}%3C`,
      `?app=https://evil.example&state=${state}`,
    ]) {
      expect(parseAppsSignInRequest(search), search).toBeNull();
    }
  });
});

describe('isAppOriginCallback', () => {
  it('accepts only an http(s) callback URL', () => {
    expect(isAppOriginCallback('http://abc.localhost:3001/_auth/callback?code=x&state=y')).toBe(true);
    expect(isAppOriginCallback('https://abc.apps.example-usercontent.com/_auth/callback?code=x')).toBe(true);
    expect(isAppOriginCallback('javascript:alert(1)//_auth/callback')).toBe(false);
    expect(isAppOriginCallback('http://abc.localhost:3001/elsewhere')).toBe(false);
    expect(isAppOriginCallback('/_auth/callback')).toBe(false);
  });
});
