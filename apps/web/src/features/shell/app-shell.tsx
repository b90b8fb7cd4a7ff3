import { clsx } from 'clsx';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ConnectionPill } from '../../components/ui/connection-pill.tsx';
import { Logo } from '../../components/ui/logo.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { useConnectionState } from '../connection/connection-provider.tsx';
import { ThemeToggle } from '../theme/theme-toggle.tsx';
import { UserMenu } from './user-menu.tsx';

function TopBar({
  breadcrumb,
  actions,
  fullWidth = false,
}: {
  breadcrumb?: ReactNode;
  actions: ReactNode;
  fullWidth?: boolean;
}) {
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-canvas/80 backdrop-blur-md supports-[backdrop-filter]:bg-canvas/70">
      <div
        className={clsx(
          'mx-auto flex h-14 items-center gap-3 px-4',
          fullWidth ? 'max-w-none' : 'max-w-6xl sm:px-6',
        )}
      >
        <Link
          href="/"
          aria-label="All apps"
          className="flex items-center rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Logo />
        </Link>
        {breadcrumb && (
          <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-3 text-sm">
            <span className="text-border-strong" aria-hidden="true">
              /
            </span>
            <div className="min-w-0 truncate">{breadcrumb}</div>
          </nav>
        )}
        <div className="ml-auto flex items-center gap-1.5 sm:gap-2">{actions}</div>
      </div>
    </header>
  );
}

/**
 * The frame of every signed-in page. The builder reports its stream state into the pill and uses the
 * whole width (`fullWidth`) for its two panes.
 */
export function AppShell({
  breadcrumb,
  fullWidth = false,
  children,
}: {
  breadcrumb?: ReactNode;
  fullWidth?: boolean;
  children: ReactNode;
}) {
  const connectionState = useConnectionState();
  return (
    <div className="flex min-h-dvh flex-col">
      <TopBar
        breadcrumb={breadcrumb}
        fullWidth={fullWidth}
        actions={
          <>
            {connectionState && <ConnectionPill state={connectionState} className="mr-1" />}
            <ThemeToggle />
            <UserMenu />
          </>
        }
      />
      <main className="flex-1">{children}</main>
    </div>
  );
}

/** Shown while the session loads: the same frame, so nothing jumps when the page arrives. */
export function AppShellSkeleton({
  children,
  fullWidth = false,
}: {
  children?: ReactNode;
  fullWidth?: boolean;
}) {
  return (
    <div className="flex min-h-dvh flex-col" aria-busy="true">
      <TopBar
        fullWidth={fullWidth}
        actions={
          <>
            <Skeleton className="size-8 rounded-lg" />
            <Skeleton className="size-8 rounded-full" />
          </>
        }
      />
      <main className="flex-1">{children}</main>
    </div>
  );
}
