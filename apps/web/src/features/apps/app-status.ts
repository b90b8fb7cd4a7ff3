import type { JobKind, JobStatus } from '@app/core/schemas';
import type { BadgeTone } from '../../components/ui/badge.tsx';

export type AppStatusInput = {
  activeJob: { status: JobStatus; kind: JobKind } | null;
  latestVersion: { number: number } | null;
};

export type AppStatusPresentation = { label: string; tone: BadgeTone; inProgress: boolean };

/**
 * The one badge an app card shows. An active job wins (it is what the person may need to act on);
 * otherwise the app is either ready (has a version) or has never been built.
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
        return { label: 'Ready', tone: 'success', inProgress: false };
      case 'failed':
        return { label: 'Failed', tone: 'danger', inProgress: false };
      case 'cancelled':
        return { label: 'Cancelled', tone: 'neutral', inProgress: false };
    }
  }
  return latestVersion
    ? { label: 'Ready', tone: 'success', inProgress: false }
    : { label: 'Not built yet', tone: 'neutral', inProgress: false };
}
