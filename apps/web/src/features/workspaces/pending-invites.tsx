import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useInvites, useRevokeInvite } from './use-workspaces.ts';
import { roleLabels } from './workspace-view.ts';

const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/**
 * Owners see the invites they (or other owners) sent that nobody has accepted yet, and can revoke a
 * link that went to the wrong place: it stops working at once. Expired ones stay listed, marked,
 * so the owner knows to send a new one. Nothing shows while there are none.
 */
export function PendingInvites({ workspaceId }: { workspaceId: string }) {
  const invites = useInvites(workspaceId);
  const revoke = useRevokeInvite(workspaceId);
  const list = invites.data ?? [];
  if (list.length === 0 && !revoke.error) return null;
  return (
    <Card className="mt-4 px-4" aria-labelledby="pending-invites-heading">
      <h2 id="pending-invites-heading" className="pt-3 text-sm font-semibold text-text">
        Pending invites
      </h2>
      <ul className="divide-y divide-border" data-testid="invite-list">
        {list.map((invite) => (
          <li key={invite.id} className="flex flex-wrap items-center gap-3 py-3" data-testid="invite-row">
            <div className="min-w-0 flex-1">
              <div className="truncate text-sm text-text">{invite.email}</div>
              <div className="text-xs text-subtle">
                {invite.expired
                  ? 'The link has expired'
                  : `Link works until ${day.format(new Date(invite.expiresAt))}`}
                {invite.invitedBy ? ` · sent by ${invite.invitedBy}` : ''}
              </div>
            </div>
            {invite.expired ? (
              <Badge tone="neutral">Expired</Badge>
            ) : (
              <Badge tone="neutral">{roleLabels[invite.role]}</Badge>
            )}
            <Button
              variant="ghost"
              size="sm"
              pending={revoke.isPending && revoke.variables?.inviteId === invite.id}
              onClick={() => revoke.mutate({ workspaceId, inviteId: invite.id })}
              aria-label={`Revoke the invite for ${invite.email}`}
            >
              {invite.expired ? 'Remove' : 'Revoke'}
            </Button>
          </li>
        ))}
      </ul>
      {revoke.error && <p className="pb-3 text-sm text-danger">{describeError(revoke.error)}</p>}
    </Card>
  );
}
