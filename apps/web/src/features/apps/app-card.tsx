import { ChevronRight } from 'lucide-react';
import { Link } from 'wouter';
import { Badge } from '../../components/ui/badge.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { formatAbsoluteTime, formatRelativeTime } from '../../lib/format-relative-time.ts';
import { appStatusPresentation } from './app-status.ts';
import type { AppSummary } from './use-apps.ts';

const cardClassName =
  'flex h-full flex-col rounded-xl border border-border bg-surface-raised p-4 shadow-card transition';

/** A monogram tile so apps are told apart at a glance even before they have a preview. */
function AppMonogram({ name }: { name: string }) {
  const hue = [...name].reduce((sum, character) => sum + character.charCodeAt(0), 0) % 360;
  return (
    <span
      aria-hidden="true"
      className="flex size-9 shrink-0 items-center justify-center rounded-lg text-sm font-semibold text-white"
      style={{ background: `linear-gradient(135deg, hsl(${hue} 70% 58%), hsl(${(hue + 40) % 360} 70% 48%))` }}
    >
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

const interactiveClassName = `${cardClassName} group hover:border-border-strong hover:shadow-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring`;

/**
 * Viewers use published apps only (they never see the builder), so their card opens the app's
 * stable URL on its own origin; editors and owners open the builder.
 */
export function AppCard({ app, now }: { app: AppSummary; now: Date }) {
  if (app.role === 'viewer' && app.published) {
    return (
      <a href={app.published.url} data-testid="app-card" className={interactiveClassName}>
        <AppCardBody app={app} now={now} />
      </a>
    );
  }
  return (
    <Link href={`/apps/${app.id}`} data-testid="app-card" className={interactiveClassName}>
      <AppCardBody app={app} now={now} />
    </Link>
  );
}

function AppCardBody({ app, now }: { app: AppSummary; now: Date }) {
  const status = appStatusPresentation(app);
  return (
    <>
      <div className="flex items-start gap-3">
        <AppMonogram name={app.name} />
        <div className="min-w-0 flex-1">
          <h3 className="truncate text-sm font-semibold text-text" title={app.name}>
            {app.name}
          </h3>
          <p className="mt-0.5 text-xs text-muted">
            {app.latestVersion
              ? `Version ${app.latestVersion.number}`
              : app.published
                ? 'Published app'
                : 'No version yet'}
          </p>
        </div>
        <ChevronRight
          className="size-4 shrink-0 text-subtle opacity-0 transition group-hover:translate-x-0.5 group-hover:opacity-100"
          aria-hidden="true"
        />
      </div>
      <div className="mt-auto flex items-center justify-between gap-2 pt-5">
        <span className="flex flex-wrap items-center gap-1.5">
          {app.role !== 'viewer' && (
            <Badge tone={status.tone} dot pulse={status.inProgress}>
              <span data-testid="app-status">{status.label}</span>
            </Badge>
          )}
          {app.published && (
            <Badge tone="success">
              <span data-testid="app-published">Published v{app.published.number}</span>
            </Badge>
          )}
        </span>
        <time
          dateTime={app.updatedAt}
          title={formatAbsoluteTime(app.updatedAt)}
          className="text-xs text-subtle"
        >
          {formatRelativeTime(app.updatedAt, now)}
        </time>
      </div>
    </>
  );
}

export function AppCardSkeleton() {
  return (
    <div className={cardClassName} data-testid="app-card-skeleton">
      <div className="flex items-start gap-3">
        <Skeleton className="size-9 rounded-lg" />
        <div className="flex-1 space-y-2 pt-0.5">
          <Skeleton className="h-3.5 w-3/5" />
          <Skeleton className="h-3 w-1/3" />
        </div>
      </div>
      <div className="mt-auto flex items-center justify-between pt-5">
        <Skeleton className="h-5 w-20 rounded-full" />
        <Skeleton className="h-3 w-16" />
      </div>
    </div>
  );
}
