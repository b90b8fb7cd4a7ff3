import { Users } from 'lucide-react';
import { useLocation } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { rememberWorkspace, useAcceptInvite } from './use-workspaces.ts';

/**
 * An invite link, opened signed in (RequireSession sent the person through sign-in and back).
 * Joining is a click, not a side effect of loading: the link is single use, and a prefetching
 * mail client or a double render must not spend it.
 */
export function AcceptInvite({ token }: { token: string }) {
  const user = useCurrentUser();
  const accept = useAcceptInvite();
  const [, navigate] = useLocation();
  const join = () =>
    accept.mutate(
      { token },
      {
        onSuccess: ({ workspace }) => {
          rememberWorkspace(workspace.id);
          navigate(`/?workspace=${encodeURIComponent(workspace.id)}`, { replace: true });
        },
      },
    );
  return (
    <section className="mx-auto max-w-md px-4 py-16">
      <Card className="p-6 text-center">
        <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
          <Users className="size-5" aria-hidden="true" />
        </div>
        <h1 className="text-lg font-semibold text-text">You’ve been invited to a workspace</h1>
        <p className="mt-1 text-sm text-muted">
          You’ll join as <span className="font-medium text-text">{user.email}</span>.
        </p>
        <Button className="mt-5" variant="primary" pending={accept.isPending} onClick={join}>
          Join workspace
        </Button>
        {accept.error && (
          <p className="mt-3 text-sm text-danger" role="alert" data-testid="invite-error">
            {describeError(accept.error)}
          </p>
        )}
      </Card>
    </section>
  );
}
