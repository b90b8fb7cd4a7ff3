import { clsx } from 'clsx';
import { Cpu, MessagesSquare, PanelsTopLeft } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { Badge } from '../../components/ui/badge.tsx';
import { buttonClassName } from '../../components/ui/button.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { trpcErrorCode } from '../../lib/trpc.ts';
import { appStatusPresentation } from '../apps/app-status.ts';
import { useApp } from '../apps/use-apps.ts';
import { ChangeComposer, GeneratingBar, QuestioningBar } from './bottom-bar.tsx';
import { AppNotFound } from './builder-chrome.tsx';
import { CodePanel } from './code-panel.tsx';
import { Conversation, ConversationSkeleton } from './conversation.tsx';
import { LedgerPanel } from './ledger-panel.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import {
  type AppDetails,
  useJobActions,
  useModelDescription,
  useRequestChange,
  useRestoreVersion,
  useVersion,
} from './use-builder-data.ts';
import { useJobStream } from './use-job-stream.ts';
import { VersionsPanel } from './versions-panel.tsx';
import { WorkPanel, type WorkTab } from './work-panel.tsx';

type MobilePane = 'chat' | 'work';

/** The builder at /apps/:appId (SPEC §10): conversation on the left, the work on the right. */
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
  const currentJob = details.jobs.find((job) => job.id === details.activeJobId) ?? details.jobs[0];
  if (!currentJob) return <AppNotFound />;
  // Open where the action is: the code being written, the app once built, else what is understood.
  let defaultTab: WorkTab = 'ledger';
  if (currentJob.status === 'generating') defaultTab = 'code';
  else if (details.versions.length > 0 && !details.activeJobId) defaultTab = 'preview';
  return (
    <BuilderWorkspace
      // Each job has its own stream and state; a change request starts a fresh one.
      key={currentJob.id}
      details={details}
      jobId={currentJob.id}
      tab={tab ?? defaultTab}
      onTabChange={setTab}
      mobilePane={mobilePane}
      onMobilePaneChange={setMobilePane}
    />
  );
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
  const job = details.jobs.find((entry) => entry.id === jobId) ?? details.jobs[0];
  const { state, loaded, applySnapshot } = useJobStream({ appId, jobId });
  const actions = useJobActions(appId, applySnapshot);
  const requestChange = useRequestChange(appId);
  const restore = useRestoreVersion(appId);
  const model = useModelDescription();
  const latestVersion = details.versions[0] ?? null;
  const latestVersionDetails = useVersion(latestVersion?.id ?? null);
  const status = state.status ?? job?.status ?? null;
  const jobActive = status === 'questioning' || status === 'awaiting_answer' || status === 'generating';

  // Follow the work as it happens: code while building, the preview once it is ready. Only on a
  // change seen live, never on load, and never overriding a tab picked since.
  const previousStatus = useRef(status);
  useEffect(() => {
    const before = previousStatus.current;
    previousStatus.current = status;
    if (!before || before === status) return;
    if (status === 'generating' && state.generation) onTabChange('code');
    if (status === 'complete' && before === 'generating') onTabChange('preview');
  }, [status, state.generation, onTabChange]);

  if (!job) return null;
  const pastJobs = details.jobs.filter((entry) => entry.id !== job.id).reverse();
  const liveFiles =
    state.generation && state.generation.files.length > 0 && (status === 'generating' || !state.version);
  const files = liveFiles ? (state.generation?.files ?? []) : (latestVersionDetails.data?.files ?? []);
  const appStatus = appStatusPresentation({
    activeJob: status ? { status, kind: job.kind } : null,
    latestVersion,
  });
  const offlineModel = model.data?.startsWith('offline:') ? model.data : null;

  let bottomBar: React.ReactNode = null;
  if (status === 'questioning' || status === 'awaiting_answer') {
    bottomBar = (
      <QuestioningBar
        readiness={state.readiness}
        pending={actions.build.isPending}
        onBuild={() => actions.build.mutate({ jobId })}
      />
    );
  } else if (status === 'generating') {
    bottomBar = (
      <GeneratingBar
        kind={job.kind}
        pending={actions.cancel.isPending}
        onCancel={() => actions.cancel.mutate({ jobId })}
      />
    );
  } else if (latestVersion) {
    bottomBar = (
      <ChangeComposer
        pending={requestChange.isPending}
        onSubmit={(prompt, clear) => requestChange.mutate({ appId, prompt }, { onSuccess: clear })}
      />
    );
  } else if (status === 'cancelled') {
    bottomBar = (
      <div className="flex items-center justify-between gap-3 text-[13px] text-muted">
        This build was cancelled before a first version.
        <Link href="/" className={buttonClassName('secondary', 'sm')}>
          Start a new app
        </Link>
      </div>
    );
  }

  return (
    <div className="flex h-[calc(100dvh-3.5rem)] flex-col lg:flex-row" data-testid="builder">
      <div
        className="flex shrink-0 gap-1 border-b border-border p-1.5 lg:hidden"
        role="tablist"
        aria-label="Pane"
      >
        {(
          [
            {
              id: 'chat',
              label: 'Conversation',
              icon: <MessagesSquare className="size-4" aria-hidden="true" />,
            },
            { id: 'work', label: 'Work', icon: <PanelsTopLeft className="size-4" aria-hidden="true" /> },
          ] as const
        ).map((pane) => (
          <button
            key={pane.id}
            type="button"
            role="tab"
            aria-selected={mobilePane === pane.id}
            data-testid={`pane-${pane.id}`}
            onClick={() => onMobilePaneChange(pane.id)}
            className={clsx(
              'flex h-8 flex-1 items-center justify-center gap-1.5 rounded-md text-[13px] font-medium',
              mobilePane === pane.id ? 'bg-surface-sunken text-text' : 'text-muted',
            )}
          >
            {pane.icon}
            {pane.label}
          </button>
        ))}
      </div>

      <section
        aria-label="Conversation"
        className={clsx(
          'flex min-h-0 flex-1 flex-col bg-canvas lg:w-[460px] lg:flex-none lg:border-r lg:border-border xl:w-[500px]',
          mobilePane !== 'chat' && 'max-lg:hidden',
        )}
      >
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
        {loaded ? (
          <Conversation
            state={state}
            job={job}
            pastJobs={pastJobs}
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
        {bottomBar && (
          <div className="shrink-0 border-t border-border bg-surface/80 p-3 backdrop-blur">{bottomBar}</div>
        )}
      </section>

      <section
        aria-label="Work"
        className={clsx('min-h-0 min-w-0 flex-1 bg-surface', mobilePane !== 'work' && 'max-lg:hidden')}
      >
        <WorkPanel tab={tab} onTabChange={onTabChange} counts={{ versions: details.versions.length }}>
          {tab === 'ledger' && (
            <LedgerPanel ledger={state.ledger} questions={state.questions} loading={!loaded} />
          )}
          {tab === 'preview' && (
            <PreviewPanel versionId={latestVersion?.id ?? null} building={status === 'generating'} />
          )}
          {tab === 'code' && (
            <CodePanel
              files={files}
              live={Boolean(liveFiles) && status === 'generating'}
              loading={!liveFiles && latestVersion !== null && latestVersionDetails.isPending}
              followPath={state.generation?.lastWrittenPath ?? null}
            />
          )}
          {tab === 'versions' && (
            <VersionsPanel
              versions={details.versions}
              jobActive={jobActive}
              restoringId={restore.isPending ? (restore.variables?.versionId ?? null) : null}
              onRestore={(versionId) => restore.mutate({ versionId })}
            />
          )}
        </WorkPanel>
      </section>
    </div>
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
