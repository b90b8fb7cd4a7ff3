import { maxActiveTokensPerUser, tokenNameMaxLength } from '@app/core/schemas';
import { formatRelativeTime } from '../../lib/format-relative-time.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type TokenSummary = RouterOutputs['auth']['listTokens'][number];

/** The server's rule for a token's name (core's limit), checked before the round trip. */
export function tokenNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Name the token after what will use it, e.g. “CI” or “Laptop”.';
  if (trimmed.length > tokenNameMaxLength) return `Use at most ${tokenNameMaxLength} characters.`;
  return null;
}

/** "Never used" until the first request with it; the server records uses to the minute. */
export function describeLastUse(token: Pick<TokenSummary, 'lastUsedAt'>, now: Date): string {
  return token.lastUsedAt ? `Last used ${formatRelativeTime(token.lastUsedAt, now)}` : 'Never used';
}

/** At the cap the form explains why instead of failing on submit. */
export function tokenLimitReached(tokens: readonly unknown[]): boolean {
  return tokens.length >= maxActiveTokensPerUser;
}

export { maxActiveTokensPerUser };
