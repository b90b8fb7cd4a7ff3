import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { safeNextPath } from './next-path.ts';
import { ServerUnreachable } from './server-unreachable.tsx';
import { useSession } from './use-session.ts';

/**
 * Gate for signed-in pages. While `auth.me` loads, `fallback` (a skeleton of the page) shows;
 * without a session the person goes to /signin and comes back here afterwards.
 */
export function RequireSession({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  const session = useSession();
  const [location] = useLocation();
  const search = useSearch();
  if (session.isPending) return fallback;
  // A failed background refetch keeps the last known session: only a first load that failed blocks.
  if (session.data === undefined) return <ServerUnreachable onRetry={() => session.refetch()} />;
  if (session.data === null) {
    // The query too: `/apps-sign-in?app=…&state=…` means nothing without it.
    const here = search ? `${location}?${search}` : location;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Redirect to={`/signin${next}`} replace />;
  }
  return children;
}

/** Sends an already signed-in person past the sign-in screens. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const search = useSearch();
  if (session.data) return <Redirect to={safeNextPath(search)} replace />;
  return children;
}
