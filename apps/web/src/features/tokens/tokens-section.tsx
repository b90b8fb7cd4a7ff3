import { Card } from '../../components/ui/card.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useNow } from '../../lib/use-now.ts';
import { CreateTokenForm } from './create-token-form.tsx';
import { TokenRow } from './token-row.tsx';
import { tokenLimitReached } from './token-view.ts';
import { useTokens } from './use-tokens.ts';

/** Personal access tokens: what the typed client, CI and `pnpm cli` sign in with (docs/auth.md). */
export function TokensSection() {
  const tokens = useTokens();
  const now = useNow();
  return (
    <section className="mx-auto max-w-2xl px-4 py-10 sm:px-6" aria-labelledby="tokens-heading">
      <h1 id="tokens-heading" className="text-xl font-semibold text-text">
        Access tokens
      </h1>
      <p className="mt-1 text-sm text-muted">
        A token acts as you — same apps, same access — from scripts, CI and the terminal.
      </p>
      <Card className="mt-6 p-4">
        <CreateTokenForm atLimit={tokenLimitReached(tokens.data ?? [])} />
      </Card>
      <Card className="mt-4 px-4">
        {tokens.isPending ? (
          <div className="flex flex-col gap-3 py-4">
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-5 w-40" />
          </div>
        ) : tokens.isError ? (
          <p className="py-4 text-sm text-danger">{describeError(tokens.error)}</p>
        ) : tokens.data.length === 0 ? (
          <p className="py-4 text-sm text-muted" data-testid="tokens-empty">
            No tokens yet.
          </p>
        ) : (
          <ul className="divide-y divide-border" data-testid="token-list">
            {tokens.data.map((token) => (
              <TokenRow key={token.id} token={token} now={now} />
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}
