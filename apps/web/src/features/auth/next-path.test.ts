import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path.ts';

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
