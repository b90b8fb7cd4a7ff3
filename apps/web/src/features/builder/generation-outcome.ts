import type { JobKind, VersionStatus } from '@app/core/schemas';
import { tallyChecks } from './checks-view.ts';
import type { JobState } from './job-state.ts';

export type GenerationOutcome = { title: string; tone: 'neutral' | 'success' | 'warning' | 'danger' };

/**
 * The build card's heading. A version stored with failing checks runs, but is said to have them
 * (never a plain "ready"); a change that failed left the app as it was, so it says the change was
 * not made rather than that a build broke. `versionStatus`: the stored verdict of the job's version
 * once the app's details list it (the log's checks say the same, and say it first).
 */
export function generationOutcome(
  state: JobState,
  kind: JobKind,
  versionStatus: VersionStatus | null = null,
): GenerationOutcome {
  const change = kind === 'change';
  switch (state.status) {
    case 'complete': {
      if (!state.version) return { title: 'Done', tone: 'success' };
      const checks = state.generation?.verification?.checks ?? [];
      const tally = tallyChecks(checks);
      const ready = `Version ${state.version.number} is ready`;
      if (tally.failed > 0) {
        return { title: `${ready}, but ${tally.failed} of ${tally.total} checks failed`, tone: 'warning' };
      }
      if (versionStatus === 'checks_failed')
        return { title: `${ready}, but some checks failed`, tone: 'warning' };
      return { title: ready, tone: 'success' };
    }
    case 'failed':
      return { title: change ? 'The change could not be made' : 'The build failed', tone: 'danger' };
    case 'cancelled':
      return { title: change ? 'Change cancelled' : 'Build cancelled', tone: 'neutral' };
    default:
      return { title: change ? 'Updating your app' : 'Building your app', tone: 'neutral' };
  }
}
