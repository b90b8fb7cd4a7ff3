import { isActiveStatus, isQuestioningStatus, type JobStatus } from '@app/core/schemas';
import { type AppStatusPresentation, appStatusPresentation } from '../apps/app-status.ts';
import type { JobState, WrittenFile } from './job-state.ts';
import type { AppDetails, AppJobSummary, AppVersionSummary } from './use-builder-data.ts';
import type { WorkTab } from './work-panel.tsx';

/** What the bar under the conversation offers. */
export type BottomBarKind = 'questioning' | 'generating' | 'change' | 'cancelled' | null;

/** Everything the builder workspace shows, derived from the job's state and the app's details. */
export type BuilderView = {
  job: AppJobSummary;
  /** The log's status once it is folded, else the app's idea of it (first paint). */
  status: JobStatus;
  jobActive: boolean;
  /** Earlier jobs of the app, oldest first. */
  pastJobs: AppJobSummary[];
  latestVersion: AppVersionSummary | null;
  appStatus: AppStatusPresentation;
  /** The model's name when it is the offline one (labelled in the UI, docs/architecture.md#models), else null. */
  offlineModel: string | null;
  bottomBar: BottomBarKind;
  code: { files: WrittenFile[]; live: boolean; loading: boolean; followPath: string | null };
};

export type BuilderViewInput = {
  state: JobState;
  details: AppDetails;
  jobId: string;
  /** The latest version's files (`versions.get`), once loaded. */
  latestVersionFiles: WrittenFile[] | null;
  latestVersionPending: boolean;
  /** `/healthz`'s `<provider>:<model>`, once known. */
  model: string | null;
};

function bottomBarFor(status: JobStatus, hasVersion: boolean): BottomBarKind {
  if (isQuestioningStatus(status)) return 'questioning';
  if (status === 'generating') return 'generating';
  if (hasVersion) return 'change';
  return status === 'cancelled' ? 'cancelled' : null;
}

/** Null only while the app lists no job at all (never for an app the builder opened). */
export function deriveBuilderView(input: BuilderViewInput): BuilderView | null {
  const { state, details } = input;
  const job = details.jobs.find((entry) => entry.id === input.jobId) ?? details.jobs[0];
  if (!job) return null;
  const status = state.status ?? job.status;
  const latestVersion = details.versions[0] ?? null;
  const generating = status === 'generating';
  // The files being written while a run is on (or when it never became a version), else the
  // latest version's.
  const liveFiles =
    state.generation !== null && state.generation.files.length > 0 && (generating || !state.version);
  return {
    job,
    status,
    jobActive: isActiveStatus(status),
    pastJobs: details.jobs.filter((entry) => entry.id !== job.id).reverse(),
    latestVersion,
    appStatus: appStatusPresentation({ activeJob: { status, kind: job.kind }, latestVersion }),
    offlineModel: input.model?.startsWith('offline:') ? input.model : null,
    bottomBar: bottomBarFor(status, latestVersion !== null),
    code: {
      files: liveFiles ? (state.generation?.files ?? []) : (input.latestVersionFiles ?? []),
      live: liveFiles && generating,
      loading: !liveFiles && latestVersion !== null && input.latestVersionPending,
      followPath: state.generation?.lastWrittenPath ?? null,
    },
  };
}

/** The job the builder opens: the active one, else the newest. */
export function currentJobOf(details: AppDetails): AppJobSummary | null {
  return details.jobs.find((job) => job.id === details.activeJobId) ?? details.jobs[0] ?? null;
}

/**
 * Open where the action is: the code being written, the app once built, else the design being
 * worked out (the blueprint, editable while questions are asked).
 */
export function defaultWorkTab(details: AppDetails, job: AppJobSummary): WorkTab {
  if (job.status === 'generating') return 'code';
  if (details.versions.length > 0 && !details.activeJobId) return 'preview';
  return 'blueprint';
}

/**
 * Follow the work as it happens: the code while building, the preview once it is ready. Only on a
 * status change seen live (`before` is the status last rendered; null on load), never on load.
 */
export function followedWorkTab(
  before: JobStatus | null,
  status: JobStatus,
  generationSeen: boolean,
): WorkTab | null {
  if (!before || before === status) return null;
  if (status === 'generating' && generationSeen) return 'code';
  if (status === 'complete' && before === 'generating') return 'preview';
  return null;
}
