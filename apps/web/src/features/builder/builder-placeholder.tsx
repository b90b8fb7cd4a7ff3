import { ArrowLeft, Hammer, MessageSquareText, PanelsTopLeft } from 'lucide-react';
import { Link } from 'wouter';
import { Badge } from '../../components/ui/badge.tsx';
import { buttonClassName } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format-relative-time.ts';
import { type RouterOutputs, trpcErrorCode } from '../../lib/trpc.ts';
import { useNow } from '../../lib/use-now.ts';
import { appStatusPresentation } from '../apps/app-status.ts';
import { useApp } from '../apps/use-apps.ts';

type AppDetails = RouterOutputs['apps']['get'];

/** Where the builder will live. Until then it shows what the app is and where its job stands. */
export function BuilderPlaceholder({ appId }: { appId: string }) {
  const appQuery = useApp(appId);
  const now = useNow();

  if (appQuery.isPending) return <BuilderPlaceholderSkeleton />;
  if (appQuery.isError) {
    const code = trpcErrorCode(appQuery.error);
    return code === 'NOT_FOUND' || code === 'BAD_REQUEST' ? <AppNotFound /> : <AppNotFound unreachable />;
  }
  return <AppOverview details={appQuery.data} now={now} />;
}

function AppOverview({ details, now }: { details: AppDetails; now: Date }) {
  const { app, versions, jobs, activeJobId } = details;
  const activeJob = jobs.find((job) => job.id === activeJobId) ?? null;
  const latestVersion = versions[0] ?? null;
  const firstRequest = jobs.at(-1)?.request;
  const status = appStatusPresentation({ activeJob, latestVersion });

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-text" data-testid="app-name">
          {app.name}
        </h1>
        <Badge tone={status.tone} dot pulse={status.inProgress}>
          {status.label}
        </Badge>
      </div>
      <p className="mt-1.5 text-sm text-muted">
        {latestVersion ? `Version ${latestVersion.number}` : 'No version yet'} · updated{' '}
        <time dateTime={app.updatedAt} title={formatAbsoluteTime(app.updatedAt)}>
          {formatRelativeTime(app.updatedAt, now)}
        </time>
      </p>

      {firstRequest && (
        <Card className="mt-6 p-5">
          <div className="flex items-center gap-2 text-xs font-medium text-subtle uppercase tracking-wide">
            <MessageSquareText className="size-3.5" aria-hidden="true" /> Your request
          </div>
          <p
            data-testid="app-request"
            className="mt-2 text-[15px] leading-relaxed whitespace-pre-wrap text-text"
          >
            {firstRequest}
          </p>
        </Card>
      )}

      <Card className="mt-4 overflow-hidden">
        <div className="flex items-start gap-4 p-5">
          <div className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-accent-soft text-accent-text">
            <PanelsTopLeft className="size-5" aria-hidden="true" />
          </div>
          <div>
            <h2 className="text-sm font-semibold text-text">The builder opens here next</h2>
            <p className="mt-1 text-sm leading-relaxed text-muted">
              This page will become the two-pane builder: the conversation with its question cards on the
              left, and the ledger, live preview, code and versions on the right. Your app’s job keeps running
              in the background in the meantime.
            </p>
          </div>
        </div>
        {jobs.length > 0 && (
          <ul className="divide-y divide-border border-t border-border bg-surface-sunken/50">
            {jobs.map((job) => {
              const jobStatus = appStatusPresentation({ activeJob: job, latestVersion: null });
              return (
                <li key={job.id} className="flex items-center gap-3 px-5 py-3 text-sm">
                  <Hammer className="size-4 shrink-0 text-subtle" aria-hidden="true" />
                  <span className="min-w-0 flex-1 truncate text-text" title={job.request}>
                    {job.kind === 'create' ? 'First build' : 'Change'}: {job.request}
                  </span>
                  <Badge tone={jobStatus.tone}>{jobStatus.label}</Badge>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}

function BuilderPlaceholderSkeleton() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6" aria-busy="true">
      <Skeleton className="h-7 w-64" />
      <Skeleton className="mt-3 h-4 w-40" />
      <Skeleton className="mt-6 h-28 w-full rounded-xl" />
      <Skeleton className="mt-4 h-36 w-full rounded-xl" />
    </div>
  );
}

function AppNotFound({ unreachable = false }: { unreachable?: boolean }) {
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
      <Link href="/" className="text-muted hover:text-text">
        Apps
      </Link>
      <span className="text-border-strong" aria-hidden="true">
        /
      </span>
      {appQuery.data ? (
        <span className="truncate font-medium text-text" aria-current="page">
          {appQuery.data.app.name}
        </span>
      ) : (
        <Skeleton className="h-4 w-28" />
      )}
    </span>
  );
}
