import type { ReactNode } from 'react';
import { Skeleton } from '../components/ui/skeleton.tsx';
import { AppCardSkeleton } from '../features/apps/app-card.tsx';
import { AppGrid } from '../features/apps/app-grid.tsx';
import { NewAppComposer } from '../features/apps/new-app-composer.tsx';
import { RequireSession } from '../features/auth/require-session.tsx';
import { AppShell, AppShellSkeleton } from '../features/shell/app-shell.tsx';
import { useSelectedWorkspace } from '../features/workspaces/use-workspaces.ts';
import { WorkspaceSwitcher } from '../features/workspaces/workspace-switcher.tsx';
import { canBuild } from '../features/workspaces/workspace-view.ts';

function AppsListLayout({ composer, grid }: { composer: ReactNode; grid: ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl px-4 sm:px-6">
      <div className="mx-auto max-w-2xl pt-12 pb-12 sm:pt-16">{composer}</div>
      <div className="pb-16">{grid}</div>
    </div>
  );
}

function AppsListSkeleton() {
  return (
    <AppShellSkeleton>
      <AppsListLayout
        composer={
          <div className="flex flex-col items-center">
            <Skeleton className="h-8 w-64" />
            <Skeleton className="mt-3 h-4 w-80 max-w-full" />
            <Skeleton className="mt-6 h-36 w-full rounded-2xl" />
          </div>
        }
        grid={
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <AppCardSkeleton />
            <AppCardSkeleton />
            <AppCardSkeleton />
          </div>
        }
      />
    </AppShellSkeleton>
  );
}

/** The selected workspace's apps; viewers (who only use published apps) get no composer. */
function WorkspaceApps() {
  const { workspace, isPending } = useSelectedWorkspace();
  if (isPending) return <AppsListSkeleton />;
  return (
    <AppShell breadcrumb={<WorkspaceSwitcher />}>
      <AppsListLayout
        composer={
          !workspace || canBuild(workspace.role) ? (
            <NewAppComposer workspaceId={workspace?.id ?? null} />
          ) : null
        }
        grid={<AppGrid workspace={workspace} />}
      />
    </AppShell>
  );
}

export function AppsListRoute() {
  return (
    <RequireSession fallback={<AppsListSkeleton />}>
      <WorkspaceApps />
    </RequireSession>
  );
}
