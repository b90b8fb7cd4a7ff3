import { ArrowLeft } from 'lucide-react';
import { Link } from 'wouter';
import { buttonClassName } from '../../components/ui/button.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { useApp } from '../apps/use-apps.ts';

export function AppNotFound({ unreachable = false }: { unreachable?: boolean }) {
  return (
    <div
      className="mx-auto flex max-w-md flex-col items-center px-4 py-24 text-center"
      data-testid="app-not-found"
    >
      <h1 className="text-lg font-semibold text-text">
        {unreachable ? 'Couldn’t load this app' : 'App not found'}
      </h1>
      <p className="mt-1.5 text-sm text-muted">
        {unreachable
          ? 'The server didn’t answer. Check your connection and reload the page.'
          : 'It may have been removed, or the link is wrong.'}
      </p>
      <Link href="/" className={`${buttonClassName('secondary')} mt-5`}>
        <ArrowLeft className="size-4" aria-hidden="true" /> All apps
      </Link>
    </div>
  );
}

/** "Apps / Support tickets tracker" in the top bar. */
export function AppBreadcrumb({ appId }: { appId: string }) {
  const appQuery = useApp(appId);
  return (
    <span className="flex min-w-0 items-center gap-3">
      <Link href="/" className="text-muted hover:text-text max-sm:hidden">
        Apps
      </Link>
      <span className="text-border-strong max-sm:hidden" aria-hidden="true">
        /
      </span>
      {appQuery.data ? (
        <span className="truncate font-medium text-text" aria-current="page" data-testid="app-name">
          {appQuery.data.app.name}
        </span>
      ) : (
        <Skeleton className="h-4 w-28" />
      )}
    </span>
  );
}
