import type { JobKind, Usage, VersionStatus } from '@app/core/schemas';
import { clsx } from 'clsx';
import { AlertTriangle, FileCode2, PanelsTopLeft, RotateCcw, Wrench } from 'lucide-react';
import { Button } from '../../components/ui/button.tsx';
import { useNow } from '../../lib/use-now.ts';
import { BuildChecks } from './build-checks.tsx';
import { BuildPlan, ProblemList } from './build-plan.tsx';
import { generationOutcome } from './generation-outcome.ts';
import type { JobState } from './job-state.ts';

export function formatElapsed(fromIso: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

const compactNumber = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function formatUsage(usage: Usage): string {
  const tokens = usage.inputTokens + usage.outputTokens;
  const cost = usage.costUsd < 0.01 && usage.costUsd > 0 ? '<$0.01' : `$${usage.costUsd.toFixed(2)}`;
  return `${compactNumber.format(tokens)} tokens · ${cost}`;
}

/**
 * The generation phase in the conversation column: the plan as a checklist with live step status,
 * the file being written, elapsed time and usage; problems and Retry when it fails.
 */
export function GenerationProgress({
  state,
  kind,
  versionStatus = null,
  onRetry,
  retryPending,
  onOpenPreview,
}: {
  state: JobState;
  kind: JobKind;
  /** The stored verdict of the job's version, once the app's details list it. */
  versionStatus?: VersionStatus | null;
  onRetry: () => void;
  retryPending: boolean;
  onOpenPreview: () => void;
}) {
  const running = state.status === 'generating';
  const now = useNow(running ? 1000 : 60_000);
  const generation = state.generation;
  // Before generation_started only a running build has a meaningful clock (since questioning ended).
  const startedAt = generation?.startedAt ?? (running ? state.statusSince : null);
  // Failing checks are listed with their details by <BuildChecks>; the rest (bundle, types,
  // render) carry a file and line and are listed here.
  const problems =
    generation?.validation && !generation.validation.ok
      ? generation.validation.problems.filter((problem) => problem.source !== 'check')
      : [];
  const steps = generation?.steps ?? [];
  const doneSteps = steps.filter((step) => step.status === 'done').length;

  const outcome = generationOutcome(state, kind, versionStatus);

  return (
    <section
      data-testid="generation-progress"
      data-status={state.status ?? 'unknown'}
      data-outcome={outcome.tone}
      aria-label="Build progress"
      className={clsx(
        'rounded-xl border bg-surface-raised p-4 shadow-card',
        outcome.tone === 'danger' && 'border-danger/30',
        outcome.tone === 'warning' && 'border-amber-500/40',
        outcome.tone !== 'danger' && outcome.tone !== 'warning' && 'border-border',
      )}
    >
      <header className="flex items-center gap-2">
        <h3 className="flex-1 text-sm font-semibold text-text" data-testid="generation-title">
          {outcome.title}
        </h3>
        {steps.length > 0 && (
          <span className="text-xs text-muted tabular-nums">
            {doneSteps}/{steps.length} steps
          </span>
        )}
      </header>
      <p
        className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-muted tabular-nums"
        data-testid="generation-meta"
      >
        {startedAt && (
          <>
            <span data-testid="elapsed">
              {running ? 'Elapsed ' : 'Took '}
              {formatElapsed(startedAt, running ? now : new Date(state.statusSince ?? now))}
            </span>
            <span aria-hidden="true">·</span>
          </>
        )}
        <span data-testid="usage">{formatUsage(state.usage)}</span>
      </p>

      <BuildPlan steps={steps} running={running} />

      {running && generation?.lastWrittenPath && (
        <p
          className="mt-3 flex items-center gap-1.5 text-xs text-muted"
          data-testid="writing-activity"
          aria-live="polite"
        >
          <FileCode2 className="size-3.5 text-accent" aria-hidden="true" />
          <span>
            writing <span className="font-mono text-text">{generation.lastWrittenPath}</span>…
          </span>
        </p>
      )}

      {generation && generation.fixAttempt > 0 && running && (
        <p className="mt-3 flex items-center gap-1.5 text-xs text-amber-700 dark:text-amber-300">
          <Wrench className="size-3.5" aria-hidden="true" /> Fixing problems (attempt {generation.fixAttempt})
        </p>
      )}

      <BuildChecks state={state} />

      {problems.length > 0 && (
        <div className="mt-3">
          <p className="flex items-center gap-1.5 text-xs font-medium text-text">
            <AlertTriangle className="size-3.5 text-amber-500" aria-hidden="true" />
            {problems.length} problem{problems.length === 1 ? '' : 's'} found by validation
          </p>
          <ProblemList problems={problems} />
        </div>
      )}

      {state.status === 'failed' && (
        <div
          role="alert"
          data-testid="job-error"
          className="mt-3 rounded-lg border border-danger/25 bg-danger-soft px-3 py-2.5 text-[13px] text-danger"
        >
          {state.failure?.message ?? 'Something went wrong.'}
        </div>
      )}

      {state.status === 'failed' && state.failure?.retryable !== false && (
        <Button
          className="mt-3"
          onClick={onRetry}
          pending={retryPending}
          data-testid="retry"
          leadingIcon={<RotateCcw className="size-3.5" aria-hidden="true" />}
        >
          Retry
        </Button>
      )}

      {state.status === 'complete' && state.version && (
        <Button
          className="mt-3"
          size="sm"
          onClick={onOpenPreview}
          leadingIcon={<PanelsTopLeft className="size-3.5" aria-hidden="true" />}
        >
          Open preview
        </Button>
      )}
    </section>
  );
}
