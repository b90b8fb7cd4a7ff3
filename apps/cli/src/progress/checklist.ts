import type { Check, JobEvent, PlanStep } from '@app/core/schemas';
import type { Style } from '../terminal/style.ts';

type StepStatus = 'pending' | 'running' | 'done';

/** The build as the checklist shows it, folded from `jobs.events` (a pure reducer, tested alone). */
export interface BuildChecklist {
  started: boolean;
  steps: (PlanStep & { status: StepStatus })[];
  filesWritten: number;
  /** The latest verification's checks; a fix attempt replaces them with its own. */
  checks: Check[];
  verified: { ok: boolean; problems: number } | null;
  fixAttempts: number;
  version: { versionId: string; number: number } | null;
}

export const emptyChecklist: BuildChecklist = {
  started: false,
  steps: [],
  filesWritten: 0,
  checks: [],
  verified: null,
  fixAttempts: 0,
  version: null,
};

function withStep(checklist: BuildChecklist, index: number, status: StepStatus): BuildChecklist {
  return {
    ...checklist,
    steps: checklist.steps.map((step) => (step.index === index ? { ...step, status } : step)),
  };
}

export function foldChecklist(checklist: BuildChecklist, event: JobEvent): BuildChecklist {
  switch (event.type) {
    case 'generation_started':
      // A retried generation starts over: its plan, files and checks are new.
      return { ...emptyChecklist, started: true };
    case 'plan_created':
      return { ...checklist, steps: event.data.steps.map((step) => ({ ...step, status: 'pending' })) };
    case 'step_started':
      return withStep(checklist, event.data.index, 'running');
    case 'step_completed':
      return withStep(checklist, event.data.index, 'done');
    case 'file_written':
      return { ...checklist, filesWritten: checklist.filesWritten + 1 };
    case 'validation_finished':
      return {
        ...checklist,
        checks: event.data.checks,
        verified: { ok: event.data.ok, problems: event.data.problems.length },
      };
    case 'fix_started':
      return { ...checklist, fixAttempts: event.data.attempt };
    case 'version_created':
      return { ...checklist, version: { versionId: event.data.versionId, number: event.data.number } };
    default:
      return checklist;
  }
}

const stepMark: Record<StepStatus, (style: Style) => string> = {
  pending: (style) => style.dim('·'),
  running: (style) => style.cyan('▸'),
  done: (style) => style.green('✓'),
};

export function renderChecklist(checklist: BuildChecklist, style: Style): string[] {
  if (!checklist.started) return [];
  const lines = [style.bold('Building')];
  for (const step of checklist.steps) {
    lines.push(`  ${stepMark[step.status](style)} ${step.index + 1}. ${step.title}`);
  }
  lines.push(`  files written: ${checklist.filesWritten}`);
  if (checklist.fixAttempts > 0) lines.push(`  fix attempt ${checklist.fixAttempts}`);
  if (checklist.verified) {
    const passed = checklist.checks.filter((check) => check.ok).length;
    lines.push(
      `  ${checklist.verified.ok ? style.green('verified') : style.red('verification found problems')}` +
        ` · ${passed}/${checklist.checks.length} checks passed` +
        (checklist.verified.problems > 0 ? ` · ${checklist.verified.problems} problems` : ''),
    );
    for (const check of checklist.checks) {
      lines.push(`    ${check.ok ? style.green('✓') : style.red('✗')} ${check.title}`);
    }
  }
  if (checklist.version) lines.push(`  version ${checklist.version.number} saved`);
  return lines;
}
