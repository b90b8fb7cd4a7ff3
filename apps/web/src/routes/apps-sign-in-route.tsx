import { useMemo } from 'react';
import { useSearch } from 'wouter';
import { AppsSignIn } from '../features/apps-sign-in/apps-sign-in.tsx';
import { parseAppsSignInRequest } from '../features/apps-sign-in/apps-sign-in-request.ts';
import { RequireSession } from '../features/auth/require-session.tsx';
import { AppShell, AppShellSkeleton } from '../features/shell/app-shell.tsx';

/** `/apps-sign-in?app=…&state=…`: where a published app sends people to sign in (signed out: via /signin?next=…). */
export function AppsSignInRoute() {
  const search = useSearch();
  const request = useMemo(() => parseAppsSignInRequest(search), [search]);
  return (
    <RequireSession fallback={<AppShellSkeleton />}>
      <AppShell>
        <AppsSignIn request={request} />
      </AppShell>
    </RequireSession>
  );
}
