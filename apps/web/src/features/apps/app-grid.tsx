import { LayoutGrid } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useNow } from '../../lib/use-now.ts';
import type { Workspace } from '../workspaces/workspace-view.ts';
import { AppCard, AppCardSkeleton } from './app-card.tsx';
import { useAppsList } from './use-apps.ts';

const gridClassName = 'grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3';

function SectionHeader({ count, title = 'Your apps' }: { count?: number; title?: string }) {
  return (
    <div className="mb-3 flex items-baseline gap-2">
      <h2 className="text-sm font-semibold text-text">{title}</h2>
      {count !== undefined && count > 0 && <span className="text-xs text-subtle">{count}</span>}
    </div>
  );
}

function Notice({
  icon,
  title,
  children,
  testId,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <div
      data-testid={testId}
      className="flex flex-col items-center rounded-xl border border-dashed border-border-strong px-6 py-12 text-center"
    >
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
        {icon}
      </div>
      <h3 className="text-sm font-semibold text-text">{title}</h3>
      <div className="mt-1 max-w-sm text-sm text-muted">{children}</div>
    </div>
  );
}

/** The workspace's apps, most recently touched first. */
export function AppGrid({ workspace }: { workspace: Workspace | null }) {
  const appsQuery = useAppsList(workspace?.id ?? null);
  const title = workspace && !workspace.personal ? `Apps in ${workspace.name}` : 'Your apps';
  const now = useNow();

  if (appsQuery.isPending) {
    return (
      <section aria-label="Your apps" aria-busy="true">
        <SectionHeader />
        <div className={gridClassName}>
          <AppCardSkeleton />
          <AppCardSkeleton />
          <AppCardSkeleton />
        </div>
      </section>
    );
  }

  if (appsQuery.isError) {
    return (
      <section aria-label="Your apps">
        <SectionHeader />
        <Notice testId="apps-error" icon={<LayoutGrid className="size-5" />} title="Couldn’t load your apps">
          <p>{describeError(appsQuery.error)}</p>
          <Button
            className="mt-4"
            size="sm"
            onClick={() => appsQuery.refetch()}
            pending={appsQuery.isFetching}
          >
            Try again
          </Button>
        </Notice>
      </section>
    );
  }

  const { apps } = appsQuery.data;
  return (
    <section aria-label="Your apps">
      <SectionHeader count={apps.length} title={title} />
      {apps.length === 0 ? (
        <Notice testId="apps-empty" icon={<LayoutGrid className="size-5" />} title="No apps yet">
          {workspace?.role === 'viewer'
            ? 'Apps published in this workspace will show up here.'
            : 'Describe one above. Your apps will show up here with their latest version and progress.'}
        </Notice>
      ) : (
        <ul className={gridClassName}>
          {apps.map((app) => (
            <li key={app.id}>
              <AppCard app={app} now={now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
