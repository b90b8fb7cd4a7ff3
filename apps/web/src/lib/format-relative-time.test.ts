import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './format-relative-time.ts';

const now = new Date('2025-06-15T12:00:00Z');
const secondsBefore = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('formatRelativeTime', () => {
  it('says "just now" for the last few seconds and for small clock skew into the future', () => {
    expect(formatRelativeTime(secondsBefore(5), now)).toBe('just now');
    expect(formatRelativeTime(secondsBefore(-20), now)).toBe('just now');
  });

  it('uses the largest whole unit', () => {
    expect(formatRelativeTime(secondsBefore(60), now)).toBe('1 minute ago');
    expect(formatRelativeTime(secondsBefore(5 * 60 + 30), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(secondsBefore(2 * 3600 + 59 * 60), now)).toBe('2 hours ago');
    expect(formatRelativeTime(secondsBefore(24 * 3600), now)).toBe('yesterday');
    expect(formatRelativeTime(secondsBefore(3 * 7 * 24 * 3600), now)).toBe('3 weeks ago');
    expect(formatRelativeTime(secondsBefore(400 * 24 * 3600), now)).toBe('last year');
  });

  it('returns an empty string for an unparseable timestamp instead of "NaN years ago"', () => {
    expect(formatRelativeTime('not a date', now)).toBe('');
  });
});
