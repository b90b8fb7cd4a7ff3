import type { JobKind, Problem, Usage } from '@app/core/schemas';
import { clsx } from 'clsx';
import { AlertTriangle, Check, FileCode2, PanelsTopLeft, RotateCcw, Wrench } from 'lucide-react';
import { Button } from '../../components/ui/button.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { useNow } from '../../lib/use-now.ts';
import type { JobState, PlanStepState } from './job-state.ts';

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

function StepIcon({ status }: { status: PlanStepState['status'] }) {
  if (status === 'done') {
    return (
      <span className="flex size-5 items-center justify-center rounded-full bg-emerald-500 text-white">
        <Check className="size-3" strokeWidth={3} aria-hidden="true" />
      </span>
    );
  }
  if (status === 'running') {
    return (
      <span className="relative flex size-5 items-center justify-center rounded-full border-2 border-accent">
        <span className="size-1.5 animate-pulse rounded-full bg-accent" />
      </span>
    );
  }
  return <span className="size-5 rounded-full border-2 border-border-strong" />;
}

function ProblemList({ problems }: { problems: Problem[] }) {
  return (
    <ul className="mt-2 flex flex-col gap-1" data-testid="validation-problems">
      {problems.map((problem) => (
        <li
          // Problems have no id; the same message at the same place is the same problem.
          key={`${problem.source}:${problem.path}:${problem.line}:${problem.message}`}
          className="rounded-md bg-surface-sunken px-2.5 py-1.5 font-mono text-[12px] leading-snug text-text"
        >
          <span className="text-muted">
            {problem.path}
            {problem.line !== null && `:${problem.line}`}
          </span>{' '}
          {problem.message}
          <span className="ml-1.5 font-sans text-[11px] text-subtle">({problem.source})</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The generation phase in the conversation column: the plan as a checklist with live step status,
 * the file being written, elapsed time and usage; problems and Retry when it fails.
 */
export function GenerationProgress({
  state,
  kind,
  onRetry,
  retryPending,
  onOpenPreview,
}: {
  state: JobState;
  kind: JobKind;
  onRetry: () => void;
  retryPending: boolean;
  onOpenPreview: () => void;
}) {
  const running = state.status === 'generating';
  const now = useNow(running ? 1000 : 60_000);
  const generation = state.generation;
  // Before generation_started only a running build has a meaningful clock (since questioning ended).
  const startedAt = generation?.startedAt ?? (running ? state.statusSince : null);
  const problems = generation?.validation && !generation.validation.ok ? generation.validation.problems : [];
  const steps = generation?.steps ?? [];
  const doneSteps = steps.filter((step) => step.status === 'done').length;

  let title = kind === 'change' ? 'Updating your app' : 'Building your app';
  if (state.status === 'complete')
    title = state.version ? `Version ${state.version.number} is ready` : 'Done';
  if (state.status === 'failed') title = 'The build failed';
  if (state.status === 'cancelled') title = 'Build cancelled';

  return (
    <section
      data-testid="generation-progress"
      data-status={state.status ?? 'unknown'}
      aria-label="Build progress"
      className={clsx(
        'rounded-xl border bg-surface-raised p-4 shadow-card',
        state.status === 'failed' ? 'border-danger/30' : 'border-border',
      )}
    >
      <header className="flex items-center gap-2">
        <h3 className="flex-1 text-sm font-semibold text-text">{title}</h3>
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

      {steps.length === 0 && running ? (
        <div className="mt-3 flex flex-col gap-2" aria-busy="true" data-testid="plan-skeleton">
          <p className="text-xs text-muted">Planning the build…</p>
          {['w-3/5', 'w-2/5', 'w-4/5'].map((width) => (
            <div key={width} className="flex items-center gap-2.5">
              <Skeleton className="size-5 rounded-full" />
              <Skeleton className={`h-3.5 ${width}`} />
            </div>
          ))}
        </div>
      ) : (
        steps.length > 0 && (
          <ol className="mt-3 flex flex-col gap-2">
            {steps.map((step) => (
              <li
                key={step.index}
                data-testid="plan-step"
                data-status={step.status}
                className="flex items-start gap-2.5"
              >
                <StepIcon status={step.status} />
                <div className="min-w-0 flex-1">
                  <p
                    className={clsx(
                      'text-[13.5px] leading-5',
                      step.status === 'pending' ? 'text-muted' : 'text-text',
                      step.status === 'running' && 'font-medium',
                    )}
                  >
                    {step.title}
                  </p>
                  {step.files.length > 0 && step.status !== 'done' && (
                    <p className="truncate font-mono text-[11px] text-subtle">{step.files.join(', ')}</p>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )
      )}

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
