import { RequireSession } from '../features/auth/require-session.tsx';
import { AppShell, AppShellSkeleton } from '../features/shell/app-shell.tsx';
import { TokensSection } from '../features/tokens/tokens-section.tsx';

export function TokensRoute() {
  return (
    <RequireSession fallback={<AppShellSkeleton />}>
      <AppShell breadcrumb={<span className="text-text">Access tokens</span>}>
        <TokensSection />
      </AppShell>
    </RequireSession>
  );
}
