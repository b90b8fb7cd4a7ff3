import type { Check, VersionStatus } from '@app/core/schemas';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import type { JobState, Verification } from './job-state.ts';

export type ChecksTally = {
  passed: number;
  failed: number;
  total: number;
  /** "9/12 checks passed": the words SPEC §8 gives the UI. */
  label: string;
  /** Share of checks passed and failed, 0–100, for the progress bar. */
  passedPercent: number;
  failedPercent: number;
};

export function tallyChecks(checks: readonly Check[]): ChecksTally {
  const passed = checks.filter((check) => check.ok).length;
  const total = checks.length;
  const percent = (count: number) => (total === 0 ? 0 : Math.round((count / total) * 100));
  return {
    passed,
    failed: total - passed,
    total,
    label: `${passed}/${total} checks passed`,
    passedPercent: percent(passed),
    // The two shares always fill the bar: rounding never leaves a gap or an overflow.
    failedPercent: total === 0 ? 0 : 100 - percent(passed),
  };
}

/** Failing checks open by default (their detail says what went wrong); a toggle flips that. */
export function isCheckExpanded(check: Check, toggledIds: ReadonlySet<string>): boolean {
  return toggledIds.has(check.id) ? check.ok : !check.ok;
}

export function toggledWith(toggledIds: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(toggledIds);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** "after fix 1" for a re-verification; nothing for a build's first verification. */
export function afterFixLabel(afterFix: number): string | null {
  return afterFix > 0 ? `after fix ${afterFix}` : null;
}

/**
 * The checks in the build column. `checking`: the app is being verified right now (every step is
 * written, or a fix has been written) and the checks shown, if any, are the previous round's.
 */
export type BuildChecksView = {
  verification: Verification | null;
  tally: ChecksTally | null;
  checking: boolean;
  /** The fix attempt being verified while `checking` after a fix, else 0. */
  fixAttempt: number;
};

export function buildChecksView(state: JobState): BuildChecksView | null {
  const generation = state.generation;
  if (!generation) return null;
  const { verification, fixAttempt, steps } = generation;
  const running = state.status === 'generating';
  const written = steps.length > 0 && steps.every((step) => step.status === 'done');
  // The round that has not reported yet: the first verification, or the one after the latest fix.
  const awaitingRound = verification === null ? written : verification.afterFix < fixAttempt;
  const checking = running && awaitingRound;
  const hasChecks = verification !== null && verification.checks.length > 0;
  if (!hasChecks && !checking) return null;
  return {
    verification,
    tally: verification ? tallyChecks(verification.checks) : null,
    checking,
    fixAttempt: checking && verification !== null ? fixAttempt : 0,
  };
}

export type VersionChecksView = { tally: ChecksTally; tone: BadgeTone; failing: boolean };

/**
 * A stored version's verdict. A `checks_failed` version runs, but is never shown as a clean
 * success; versions from before checks (none stored) show nothing.
 */
export function versionChecksView(version: {
  status: VersionStatus;
  checks: readonly Check[];
}): VersionChecksView | null {
  if (version.checks.length === 0) return null;
  const tally = tallyChecks(version.checks);
  const failing = version.status === 'checks_failed' || tally.failed > 0;
  return { tally, tone: failing ? 'warning' : 'success', failing };
}
