import { maxActiveTokensPerUser, tokenNameMaxLength } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import { describeLastUse, tokenLimitReached, tokenNameProblem } from './token-view.ts';

describe('token view helpers', () => {
  it('accepts a name the server accepts and explains one it would refuse', () => {
    expect(tokenNameProblem('CI')).toBeNull();
    expect(tokenNameProblem(`  ${'x'.repeat(tokenNameMaxLength)}  `)).toBeNull();
    expect(tokenNameProblem('   ')).toMatch(/Name the token/);
    expect(tokenNameProblem('x'.repeat(tokenNameMaxLength + 1))).toBe(
      `Use at most ${tokenNameMaxLength} characters.`,
    );
  });

  it('says "Never used" until a use, then how long ago', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(describeLastUse({ lastUsedAt: null }, now)).toBe('Never used');
    expect(describeLastUse({ lastUsedAt: '2026-01-10T11:55:00Z' }, now)).toBe('Last used 5 minutes ago');
    expect(describeLastUse({ lastUsedAt: '2026-01-09T12:00:00Z' }, now)).toBe('Last used yesterday');
  });

  it('knows when the per-person cap is reached', () => {
    expect(tokenLimitReached(Array.from({ length: maxActiveTokensPerUser - 1 }))).toBe(false);
    expect(tokenLimitReached(Array.from({ length: maxActiveTokensPerUser }))).toBe(true);
  });
});
