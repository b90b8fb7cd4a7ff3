import type { Problem } from '@app/core/schemas';
import { clsx } from 'clsx';
import { Check } from 'lucide-react';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import type { PlanStepState } from './job-state.ts';

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

export function ProblemList({ problems }: { problems: Problem[] }) {
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

/** The plan as a checklist with live step status; a skeleton while it is being made. */
export function BuildPlan({ steps, running }: { steps: PlanStepState[]; running: boolean }) {
  if (steps.length === 0) {
    if (!running) return null;
    return (
      <div className="mt-3 flex flex-col gap-2" aria-busy="true" data-testid="plan-skeleton">
        <p className="text-xs text-muted">Planning the build…</p>
        {['w-3/5', 'w-2/5', 'w-4/5'].map((width) => (
          <div key={width} className="flex items-center gap-2.5">
            <Skeleton className="size-5 rounded-full" />
            <Skeleton className={`h-3.5 ${width}`} />
          </div>
        ))}
      </div>
    );
  }
  return (
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
  );
}
