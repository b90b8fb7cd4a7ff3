import type { JobEvent } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import {
  type BuilderViewInput,
  currentJobOf,
  defaultWorkTab,
  deriveBuilderView,
  followedWorkTab,
} from './builder-view.ts';
import { emptyJobState, foldJobEvents, type JobState } from './job-state.ts';
import type { AppDetails, AppJobSummary, AppVersionSummary } from './use-builder-data.ts';

const at = '2025-01-01T00:00:00.000Z';
const versionId = '00000000-0000-4000-8000-0000000000aa';

function jobSummary(id: string, status: AppJobSummary['status'], kind: AppJobSummary['kind'] = 'create') {
  return { id, kind, status, request: `Request ${id}`, versionId: null, createdAt: at };
}

function details(overrides: Partial<AppDetails> = {}): AppDetails {
  return {
    app: {
      id: 'app',
      name: 'Tickets',
      workspaceId: 'workspace',
      role: 'owner',
      createdAt: at,
      updatedAt: at,
    },
    versions: [],
    jobs: [jobSummary('job-1', 'awaiting_answer')],
    activeJobId: 'job-1',
    published: null,
    ...overrides,
  };
}

const version1: AppVersionSummary = {
  id: versionId,
  number: 1,
  request: 'x',
  status: 'ready',
  checks: [],
  createdAt: at,
  jobId: 'job-1',
};

function log(...events: { type: JobEvent['type']; data: unknown }[]): JobEvent[] {
  return events.map((event, index) => ({ ...event, seq: index + 1, at }) as JobEvent);
}

const building = foldJobEvents(
  log(
    { type: 'questioning_started', data: { request: 'x' } },
    { type: 'questioning_complete', data: { ledger: [], questionCount: 0, reason: 'enough_information' } },
    { type: 'generation_started', data: {} },
    { type: 'file_written', data: { path: 'src/App.tsx', content: 'live' } },
  ),
);

function view(state: JobState, overrides: Partial<BuilderViewInput> = {}) {
  return deriveBuilderView({
    state,
    details: details(),
    jobId: 'job-1',
    latestVersionFiles: null,
    latestVersionPending: false,
    model: null,
    ...overrides,
  });
}

describe('deriveBuilderView', () => {
  it('paints from the app’s job status until the log is folded, then follows the log', () => {
    expect(view(emptyJobState)).toMatchObject({
      status: 'awaiting_answer',
      jobActive: true,
      bottomBar: 'questioning',
      appStatus: { label: 'Needs your answer' },
    });
    expect(view(building)).toMatchObject({
      status: 'generating',
      bottomBar: 'generating',
      appStatus: { label: 'Building', inProgress: true },
    });
  });

  it('offers a change once a version exists, the cancelled note without one, nothing after a first failure', () => {
    const cancelled = { ...emptyJobState, status: 'cancelled' as const };
    const failed = { ...emptyJobState, status: 'failed' as const };
    const withVersion = details({ versions: [version1], activeJobId: null });
    expect(view(cancelled, { details: withVersion })?.bottomBar).toBe('change');
    expect(view(cancelled)?.bottomBar).toBe('cancelled');
    expect(view(failed)).toMatchObject({ bottomBar: null, jobActive: false, appStatus: { label: 'Failed' } });
    expect(view(failed, { details: withVersion })?.latestVersion).toEqual(version1);
  });

  it('shows the files being written while building, the latest version’s otherwise', () => {
    const versionFiles = [{ path: 'src/App.tsx', content: 'stored' }];
    const live = view(building, {
      details: details({ versions: [version1] }),
      latestVersionFiles: versionFiles,
    });
    expect(live?.code).toEqual({
      files: [{ path: 'src/App.tsx', content: 'live' }],
      live: true,
      loading: false,
      followPath: 'src/App.tsx',
    });

    const done = { ...building, status: 'complete' as const, version: { versionId, number: 1 } };
    const stored = view(done, {
      details: details({ versions: [version1] }),
      latestVersionFiles: versionFiles,
    });
    expect(stored?.code).toMatchObject({ files: versionFiles, live: false, loading: false });
    const loading = view(done, { details: details({ versions: [version1] }), latestVersionPending: true });
    expect(loading?.code).toMatchObject({ files: [], loading: true });
  });

  it('keeps a failed run’s files on screen when it never became a version', () => {
    const failed = { ...building, status: 'failed' as const };
    expect(view(failed)?.code).toMatchObject({
      files: [{ path: 'src/App.tsx', content: 'live' }],
      live: false,
    });
  });

  it('labels only an offline model and lists the other jobs oldest first', () => {
    expect(view(emptyJobState, { model: 'offline:builder' })?.offlineModel).toBe('offline:builder');
    expect(view(emptyJobState, { model: 'openai:gpt' })?.offlineModel).toBeNull();
    const jobs = [
      jobSummary('job-3', 'awaiting_answer', 'change'),
      jobSummary('job-2', 'complete'),
      jobSummary('job-1', 'complete'),
    ];
    const many = view(emptyJobState, { details: details({ jobs, activeJobId: 'job-3' }), jobId: 'job-3' });
    expect(many?.job.id).toBe('job-3');
    expect(many?.pastJobs.map((job) => job.id)).toEqual(['job-1', 'job-2']);
  });

  it('never badges a version stored with failing checks as ready', () => {
    const failingVersion: AppVersionSummary = {
      ...version1,
      status: 'checks_failed',
      checks: [{ id: 'renders', title: 'The app renders', ok: false, detail: 'Uncaught TypeError' }],
    };
    const done = { ...building, status: 'complete' as const, version: { versionId, number: 1 } };
    const jobs = [jobSummary('job-1', 'complete')];
    expect(
      view(done, { details: details({ versions: [failingVersion], jobs, activeJobId: null }) })?.appStatus,
    ).toEqual({ label: 'Checks failed', tone: 'warning', inProgress: false });
    expect(
      view(done, { details: details({ versions: [version1], jobs, activeJobId: null }) })?.appStatus.label,
    ).toBe('Ready');
  });

  it('has nothing to show for an app with no job', () => {
    expect(view(emptyJobState, { details: details({ jobs: [], activeJobId: null }) })).toBeNull();
  });
});

describe('the work tabs', () => {
  it('opens on the active job, else the newest, at the code, the preview or the blueprint', () => {
    const jobs = [jobSummary('job-2', 'complete'), jobSummary('job-1', 'complete')];
    expect(currentJobOf(details({ jobs, activeJobId: null }))?.id).toBe('job-2');
    expect(currentJobOf(details({ jobs, activeJobId: 'job-1' }))?.id).toBe('job-1');

    expect(defaultWorkTab(details(), jobSummary('job-1', 'generating'))).toBe('code');
    expect(
      defaultWorkTab(details({ versions: [version1], activeJobId: null }), jobSummary('job-1', 'complete')),
    ).toBe('preview');
    expect(defaultWorkTab(details({ versions: [version1] }), jobSummary('job-1', 'awaiting_answer'))).toBe(
      'blueprint',
    );
    expect(defaultWorkTab(details(), jobSummary('job-1', 'questioning'))).toBe('blueprint');
  });

  it('follows the work only on a change seen live', () => {
    expect(followedWorkTab('questioning', 'generating', true)).toBe('code');
    expect(followedWorkTab('failed', 'generating', true)).toBe('code');
    expect(followedWorkTab('questioning', 'generating', false)).toBeNull();
    expect(followedWorkTab('generating', 'complete', true)).toBe('preview');
    expect(followedWorkTab('awaiting_answer', 'complete', true)).toBeNull();
    expect(followedWorkTab('generating', 'generating', true)).toBeNull();
    expect(followedWorkTab(null, 'generating', true)).toBeNull();
  });
});
