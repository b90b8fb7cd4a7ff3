import { describe, expect, it } from 'vitest';
import { safeNextPath, switchAuthPath } from './next-path.ts';

describe('safeNextPath', () => {
  it('returns to the page the person was sent away from', () => {
    expect(safeNextPath('?next=%2Fapps%2F123')).toBe('/apps/123');
    expect(safeNextPath('next=/apps/123')).toBe('/apps/123');
  });

  it('falls back to the apps list for anything that leaves the app', () => {
    expect(safeNextPath('')).toBe('/');
    expect(safeNextPath('?next=https://evil.example')).toBe('/');
    expect(safeNextPath('?next=//evil.example')).toBe('/');
    expect(safeNextPath('?next=/\\evil.example')).toBe('/');
  });
});

describe('switchAuthPath', () => {
  it('carries a safe next path to the other auth screen, and nothing else', () => {
    expect(switchAuthPath('/signup', '?next=%2Finvite%2Fabc')).toBe('/signup?next=%2Finvite%2Fabc');
    expect(switchAuthPath('/signin', '')).toBe('/signin');
    expect(switchAuthPath('/signup', '?next=https://evil.example&x=1')).toBe('/signup');
  });
});
