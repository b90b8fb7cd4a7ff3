import { clsx } from 'clsx';
import { Cpu } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Badge } from '../../components/ui/badge.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { trpcErrorCode } from '../../lib/trpc.ts';
import { useApp } from '../apps/use-apps.ts';
import { useBaseBlueprint } from './blueprint-base.ts';
import { BlueprintPanel } from './blueprint-panel.tsx';
import { BuilderBottomBar } from './builder-bottom-bar.tsx';
import { AppNotFound } from './builder-chrome.tsx';
import {
  type BuilderView,
  currentJobOf,
  defaultWorkTab,
  deriveBuilderView,
  followedWorkTab,
} from './builder-view.ts';
import { CodePanel } from './code-panel.tsx';
import { Conversation, ConversationSkeleton } from './conversation.tsx';
import { DataPanel } from './data-panel.tsx';
import type { JobState } from './job-state.ts';
import { LedgerPanel } from './ledger-panel.tsx';
import { type MobilePane, PaneTabs } from './pane-tabs.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import { PublishedBanner } from './publish-controls.tsx';
import {
  type AppDetails,
  useJobActions,
  useModelDescription,
  useRestoreVersion,
  useVersion,
} from './use-builder-data.ts';
import { useJobStream } from './use-job-stream.ts';
import { VersionsPanel } from './versions-panel.tsx';
import { WorkPanel, type WorkTab } from './work-panel.tsx';

/** The builder at /apps/:appId (docs/architecture.md#screens): conversation on the left, the work on the right. */
export function BuilderScreen({ appId }: { appId: string }) {
  const appQuery = useApp(appId);
  const [tab, setTab] = useState<WorkTab | null>(null);
  const [mobilePane, setMobilePane] = useState<MobilePane>('chat');

  if (appQuery.isPending) return <BuilderSkeleton />;
  if (appQuery.isError && !appQuery.data) {
    const code = trpcErrorCode(appQuery.error);
    return code === 'NOT_FOUND' || code === 'BAD_REQUEST' ? <AppNotFound /> : <AppNotFound unreachable />;
  }
  const details = appQuery.data;
  const currentJob = currentJobOf(details);
  if (!currentJob) return <AppNotFound />;
  return (
    <BuilderWorkspace
      // Each job has its own stream and state; a change request starts a fresh one.
      key={currentJob.id}
      details={details}
      jobId={currentJob.id}
      tab={tab ?? defaultWorkTab(details, currentJob)}
      onTabChange={setTab}
      mobilePane={mobilePane}
      onMobilePaneChange={setMobilePane}
    />
  );
}

/** Switches to the tab the work moved to, on a status change seen live (see `followedWorkTab`). */
function useFollowWork(
  view: BuilderView | null,
  generationSeen: boolean,
  onTabChange: (tab: WorkTab) => void,
) {
  const status = view?.status ?? null;
  const previousStatus = useRef(status);
  useEffect(() => {
    const before = previousStatus.current;
    previousStatus.current = status;
    const next = status ? followedWorkTab(before, status, generationSeen) : null;
    if (next) onTabChange(next);
  }, [status, generationSeen, onTabChange]);
}

function BuilderWorkspace({
  details,
  jobId,
  tab,
  onTabChange,
  mobilePane,
  onMobilePaneChange,
}: {
  details: AppDetails;
  jobId: string;
  tab: WorkTab;
  onTabChange: (tab: WorkTab) => void;
  mobilePane: MobilePane;
  onMobilePaneChange: (pane: MobilePane) => void;
}) {
  const appId = details.app.id;
  const { state, loaded, applySnapshot } = useJobStream({ appId, jobId });
  const actions = useJobActions(appId, applySnapshot);
  const model = useModelDescription();
  const latestVersionDetails = useVersion(details.versions[0]?.id ?? null);
  const view = deriveBuilderView({
    state,
    details,
    jobId,
    latestVersionFiles: latestVersionDetails.data?.files ?? null,
    latestVersionPending: latestVersionDetails.isPending,
    model: model.data ?? null,
  });
  useFollowWork(view, state.generation !== null, onTabChange);
  if (!view) return null;

  return (
    <div className="flex h-[calc(100dvh-3.5rem)] flex-col lg:flex-row" data-testid="builder">
      <PaneTabs pane={mobilePane} onChange={onMobilePaneChange} />
      <section
        aria-label="Conversation"
        className={clsx(
          'flex min-h-0 flex-1 flex-col bg-canvas lg:w-[460px] lg:flex-none lg:border-r lg:border-border xl:w-[500px]',
          mobilePane !== 'chat' && 'max-lg:hidden',
        )}
      >
        <ConversationHeader view={view} />
        {loaded ? (
          <Conversation
            state={state}
            job={view.job}
            pastJobs={view.pastJobs}
            versions={details.versions}
            answerPending={actions.answer.isPending || actions.skip.isPending}
            onAnswer={(questionId, answer) => actions.answer.mutate({ jobId, questionId, ...answer })}
            onSkip={(questionId) => actions.skip.mutate({ jobId, questionId })}
            onRetry={() => actions.retry.mutate({ jobId })}
            retryPending={actions.retry.isPending}
            onOpenPreview={() => {
              onTabChange('preview');
              onMobilePaneChange('work');
            }}
          />
        ) : (
          <div className="min-h-0 flex-1">
            <ConversationSkeleton />
          </div>
        )}
        <BuilderBottomBar
          kind={view.bottomBar}
          appId={appId}
          jobId={jobId}
          jobKind={view.job.kind}
          readiness={state.readiness}
          actions={actions}
        />
      </section>
      <section
        aria-label="Work"
        className={clsx('min-h-0 min-w-0 flex-1 bg-surface', mobilePane !== 'work' && 'max-lg:hidden')}
      >
        <WorkPane
          tab={tab}
          onTabChange={onTabChange}
          view={view}
          state={state}
          loaded={loaded}
          details={details}
        />
      </section>
    </div>
  );
}

function ConversationHeader({ view }: { view: BuilderView }) {
  const { appStatus, latestVersion, offlineModel } = view;
  return (
    <div className="flex h-11 shrink-0 items-center gap-2 border-b border-border px-4">
      <Badge tone={appStatus.tone} dot pulse={appStatus.inProgress}>
        <span data-testid="job-status">{appStatus.label}</span>
      </Badge>
      {latestVersion && <span className="text-xs text-muted">v{latestVersion.number}</span>}
      {offlineModel && (
        <span
          className="ml-auto inline-flex items-center gap-1 rounded-full border border-border px-2 py-0.5 text-[11px] text-muted"
          title={`Model: ${offlineModel}. Deterministic, no network.`}
          data-testid="offline-model"
        >
          <Cpu className="size-3" aria-hidden="true" /> Offline model
        </span>
      )}
    </div>
  );
}

function WorkPane({
  tab,
  onTabChange,
  view,
  state,
  loaded,
  details,
}: {
  tab: WorkTab;
  onTabChange: (tab: WorkTab) => void;
  view: BuilderView;
  state: JobState;
  loaded: boolean;
  details: AppDetails;
}) {
  const restore = useRestoreVersion(details.app.id);
  const baseBlueprint = useBaseBlueprint(details, view.job);
  return (
    <WorkPanel tab={tab} onTabChange={onTabChange} counts={{ versions: details.versions.length }}>
      {tab === 'blueprint' && (
        <BlueprintPanel
          appId={details.app.id}
          jobId={view.job.id}
          status={loaded ? view.status : null}
          blueprint={state.blueprint}
          base={baseBlueprint}
          ledger={state.ledger}
          questions={state.questions}
          loading={!loaded}
        />
      )}
      {tab === 'ledger' && (
        <LedgerPanel ledger={state.ledger} questions={state.questions} loading={!loaded} />
      )}
      {tab === 'preview' && (
        <PreviewPanel versionId={view.latestVersion?.id ?? null} building={view.status === 'generating'} />
      )}
      {tab === 'code' && (
        <CodePanel
          files={view.code.files}
          live={view.code.live}
          loading={view.code.loading}
          followPath={view.code.followPath}
        />
      )}
      {tab === 'versions' && <PublishedBanner appId={details.app.id} published={details.published} />}
      {tab === 'versions' && (
        <VersionsPanel
          published={details.published}
          versions={details.versions}
          jobActive={view.jobActive}
          restoringId={restore.isPending ? (restore.variables?.versionId ?? null) : null}
          onRestore={(versionId) => restore.mutate({ versionId })}
        />
      )}
      {tab === 'data' && <DataPanel appId={details.app.id} />}
    </WorkPanel>
  );
}

function BuilderSkeleton() {
  return (
    <div className="flex h-[calc(100dvh-3.5rem)] flex-col lg:flex-row" aria-busy="true">
      <div className="flex flex-1 flex-col border-border lg:w-[460px] lg:flex-none lg:border-r xl:w-[500px]">
        <div className="flex h-11 items-center border-b border-border px-4">
          <Skeleton className="h-5 w-24 rounded-full" />
        </div>
        <ConversationSkeleton />
      </div>
      <div className="hidden flex-1 flex-col lg:flex">
        <div className="flex h-11 items-end gap-4 border-b border-border px-4 pb-3">
          {['w-14', 'w-16', 'w-12', 'w-20'].map((width) => (
            <Skeleton key={width} className={`h-4 ${width}`} />
          ))}
        </div>
        <div className="flex flex-col gap-3 p-5">
          <Skeleton className="h-3 w-24" />
          <Skeleton className="h-10 w-full rounded-lg" />
          <Skeleton className="h-10 w-full rounded-lg" />
        </div>
      </div>
    </div>
  );
}
