import { RequireSession } from '../features/auth/require-session.tsx';
import { AppBreadcrumb } from '../features/builder/builder-chrome.tsx';
import { BuilderScreen } from '../features/builder/builder-screen.tsx';
import { AppShell, AppShellSkeleton } from '../features/shell/app-shell.tsx';

export function AppBuilderRoute({ appId }: { appId: string }) {
  return (
    <RequireSession fallback={<AppShellSkeleton fullWidth />}>
      <AppShell fullWidth breadcrumb={<AppBreadcrumb appId={appId} />}>
        <BuilderScreen appId={appId} />
      </AppShell>
    </RequireSession>
  );
}
