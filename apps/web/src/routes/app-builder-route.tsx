import { RequireSession } from '../features/auth/require-session.tsx';
import { AppBreadcrumb, BuilderPlaceholder } from '../features/builder/builder-placeholder.tsx';
import { AppShell, AppShellSkeleton } from '../features/shell/app-shell.tsx';

export function AppBuilderRoute({ appId }: { appId: string }) {
  return (
    <RequireSession fallback={<AppShellSkeleton />}>
      <AppShell breadcrumb={<AppBreadcrumb appId={appId} />}>
        <BuilderPlaceholder appId={appId} />
      </AppShell>
    </RequireSession>
  );
}
