import { RequireSession } from '../features/auth/require-session.tsx';
import { AppShell, AppShellSkeleton } from '../features/shell/app-shell.tsx';
import { AcceptInvite } from '../features/workspaces/accept-invite.tsx';

/** `/invite/<token>`: signed out, RequireSession goes through /signin?next=… and back here. */
export function InviteRoute({ token }: { token: string }) {
  return (
    <RequireSession fallback={<AppShellSkeleton />}>
      <AppShell>
        <AcceptInvite token={token} />
      </AppShell>
    </RequireSession>
  );
}
