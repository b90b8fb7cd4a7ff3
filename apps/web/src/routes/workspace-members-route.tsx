import { RequireSession } from '../features/auth/require-session.tsx';
import { AppShell, AppShellSkeleton } from '../features/shell/app-shell.tsx';
import { MembersSection } from '../features/workspaces/members-section.tsx';

export function WorkspaceMembersRoute({ workspaceId }: { workspaceId: string }) {
  return (
    <RequireSession fallback={<AppShellSkeleton />}>
      <AppShell breadcrumb={<span className="text-text">Workspace members</span>}>
        <MembersSection workspaceId={workspaceId} />
      </AppShell>
    </RequireSession>
  );
}
