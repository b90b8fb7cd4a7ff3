import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { showToast } from '../../components/ui/toast.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format-relative-time.ts';
import { describeLastUse, type TokenSummary } from './token-view.ts';
import { useRevokeToken } from './use-tokens.ts';

/** One token: its name and times, and revoke behind a second, explicit confirmation. */
export function TokenRow({ token, now }: { token: TokenSummary; now: Date }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeToken();
  return (
    <li className="flex flex-wrap items-center gap-3 py-3" data-testid="token-row">
      <div className="min-w-0 flex-1">
        <div className="truncate text-sm font-medium text-text" data-testid="token-name">
          {token.name}
        </div>
        <div className="text-xs text-muted">
          <span title={formatAbsoluteTime(token.createdAt)}>
            Created {formatRelativeTime(token.createdAt, now)}
          </span>
          {' · '}
          <span title={token.lastUsedAt ? formatAbsoluteTime(token.lastUsedAt) : undefined}>
            {describeLastUse(token, now)}
          </span>
        </div>
      </div>
      {confirming ? (
        <div className="flex items-center gap-2">
          <span className="text-xs text-muted">Scripts using it stop at once.</span>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            size="sm"
            variant="danger"
            pending={revoke.isPending}
            onClick={() =>
              revoke.mutate(
                { tokenId: token.id },
                { onError: (error) => showToast(describeError(error), 'danger') },
              )
            }
          >
            Revoke “{token.name}”
          </Button>
        </div>
      ) : (
        <Button size="sm" onClick={() => setConfirming(true)}>
          Revoke
        </Button>
      )}
    </li>
  );
}
