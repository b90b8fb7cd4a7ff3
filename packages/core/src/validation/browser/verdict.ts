import type { Check, Problem } from '../../events.ts';
import { appEntryPath } from '../app-files.ts';
import { renderCheckId } from './checks.ts';
import { capMessage } from './page-problems.ts';
import type { LimitBreach } from './resource-watch.ts';

/** Bounds on what one app can pour into a verdict. */
const maxProblems = 20;

export interface VerificationResult {
  /** True only when every check passed and the page reported no problem. */
  ok: boolean;
  /** The built-in render check first, then the given checks, in order. */
  checks: Check[];
  problems: Problem[];
}

/** One verdict: the checks, the page's problems (deduplicated), and a problem per failed check. */
export function verdict(checks: Check[], pageProblems: readonly Problem[]): VerificationResult {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const problem of pageProblems) {
    const key = problemKey(problem);
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  for (const check of checks) {
    // The render check's failure is already explained by the page's problems, when there are any.
    if (check.ok || (check.id === renderCheckId && problems.length > 0)) continue;
    problems.push({
      path: appEntryPath,
      line: null,
      message: capMessage(`Check "${check.title}" failed: ${check.detail}`),
      source: 'check',
    });
  }
  const capped = problems.slice(0, maxProblems);
  return { ok: capped.length === 0 && checks.every((check) => check.ok), checks, problems: capped };
}

/** Two pages of one app that throw the same error report one problem. */
export const problemKey = (problem: Problem) => `${problem.path}:${problem.line}:${problem.message}`;

export function breachProblem(breach: LimitBreach | 'crash' | 'exit', heapMb: number): Problem {
  const message =
    breach === 'crash'
      ? `The app's page crashed: it most likely ran out of memory (${heapMb} MB of JavaScript heap). Unbounded allocation, or a loop that keeps creating objects?`
      : breach === 'exit'
        ? 'The verification browser exited while the app was running'
        : breach.kind === 'memory'
          ? `The app used more than ${breach.limitMb} MB of memory (out of memory): unbounded allocation?`
          : breach.kind === 'cpu'
            ? `The app did not finish loading and checking within ${breach.limitMs} ms of CPU time (an infinite loop or endless re-render?)`
            : `The app did not finish loading and checking within ${breach.limitMs} ms`;
  return { path: appEntryPath, line: null, message, source: 'render' };
}
