import { ShieldCheck } from 'lucide-react';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { CheckList, ChecksBar } from './check-list.tsx';
import { afterFixLabel, buildChecksView } from './checks-view.ts';
import type { JobState } from './job-state.ts';

/**
 * The acceptance checks in the build card: a placeholder while the app is first run in the
 * browser, then the latest verification's checks ("after fix 1" once a fix re-verified them).
 */
export function BuildChecks({ state }: { state: JobState }) {
  const view = buildChecksView(state);
  if (!view) return null;
  const { verification, tally, checking } = view;

  if (!verification || !tally) {
    return (
      <div className="mt-3 flex flex-col gap-2" aria-busy="true" data-testid="checks-pending">
        <p className="flex items-center gap-1.5 text-xs text-muted">
          <ShieldCheck className="size-3.5 text-accent" aria-hidden="true" />
          Running the acceptance checks in a browser…
        </p>
        <Skeleton className="h-1.5 w-full rounded-full" />
      </div>
    );
  }

  const round = afterFixLabel(verification.afterFix);
  return (
    <section className="mt-3 flex flex-col gap-2" aria-label="Acceptance checks" data-testid="build-checks">
      <div className="flex flex-col gap-1.5" data-testid="checks-summary" data-failed={tally.failed}>
        <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-muted" aria-live="polite">
          <ShieldCheck
            className={tally.failed > 0 ? 'size-3.5 text-amber-500' : 'size-3.5 text-emerald-500'}
            aria-hidden="true"
          />
          <span data-testid="checks-count" className="font-medium text-text tabular-nums">
            {tally.label}
          </span>
          {round && <span data-testid="checks-round">· {round}</span>}
          {checking && <span className="animate-pulse">· re-checking after fix {view.fixAttempt}…</span>}
        </p>
        <ChecksBar tally={tally} />
      </div>
      {/* A new round (or a retried run) remounts the list: rows open for what fails now. */}
      <CheckList
        key={`${state.generation?.startedAt}:${verification.afterFix}`}
        checks={verification.checks}
      />
    </section>
  );
}
