import type { JobKind, JobStatus, VersionStatus } from '@app/core/schemas';
import type { BadgeTone } from '../../components/ui/badge.tsx';

export type AppStatusInput = {
  activeJob: { status: JobStatus; kind: JobKind } | null;
  /** Both `apps.get`'s versions and `apps.list`'s latest version carry their status. */
  latestVersion: { number: number; status: VersionStatus } | null;
};

const checksFailed: AppStatusPresentation = { label: 'Checks failed', tone: 'warning', inProgress: false };

export type AppStatusPresentation = { label: string; tone: BadgeTone; inProgress: boolean };

/**
 * The one badge an app card shows. An active job wins (it is what the person may need to act on);
 * otherwise the app is either ready (has a version) or has never been built. A latest version
 * stored with failing checks runs, but is never called ready.
 */
export function appStatusPresentation({ activeJob, latestVersion }: AppStatusInput): AppStatusPresentation {
  if (activeJob) {
    switch (activeJob.status) {
      case 'questioning':
        return { label: 'Thinking', tone: 'accent', inProgress: true };
      case 'awaiting_answer':
        return { label: 'Needs your answer', tone: 'warning', inProgress: false };
      case 'generating':
        return {
          label: activeJob.kind === 'change' ? 'Updating' : 'Building',
          tone: 'info',
          inProgress: true,
        };
      case 'complete':
        return latestVersion?.status === 'checks_failed'
          ? checksFailed
          : { label: 'Ready', tone: 'success', inProgress: false };
      case 'failed':
        return { label: 'Failed', tone: 'danger', inProgress: false };
      case 'cancelled':
        return { label: 'Cancelled', tone: 'neutral', inProgress: false };
    }
  }
  if (latestVersion?.status === 'checks_failed') return checksFailed;
  return latestVersion
    ? { label: 'Ready', tone: 'success', inProgress: false }
    : { label: 'Not built yet', tone: 'neutral', inProgress: false };
}
