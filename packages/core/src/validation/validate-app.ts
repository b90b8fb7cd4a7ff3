import type { Check, Problem } from '../events.ts';
import type { AppFile } from './app-files.ts';
import type { BrowserVerifier } from './browser/browser-verifier.ts';
import { notRun, renderCheckId, renderCheckTitle, type VerificationCheck } from './browser/checks.ts';
import { bundleApp } from './bundle-app.ts';
import { typecheckApp } from './typecheck-app.ts';

export interface ValidationResult {
  ok: boolean;
  problems: Problem[];
  /** `validation_finished.checks`: the built-in render check, then the acceptance checks. */
  checks: Check[];
}

/** What validation needs of a verifier (tests may pass a real one with other limits). */
export type AppVerifier = Pick<BrowserVerifier, 'verifyApp'>;

export interface ValidateOptions {
  verifier: AppVerifier;
  /** Acceptance checks to drive the app with, besides the built-in render check. */
  checks?: readonly VerificationCheck[];
  signal?: AbortSignal;
}

/**
 * Bundle, type check and verification in the sandboxed browser, as one verdict. A bundle error
 * stops verification (there is nothing to run) but not the type check, whose extra detail helps
 * the fix step. Verification (the browser) and the type check (its own process) run side by side.
 */
export async function validateApp(
  files: readonly AppFile[],
  options: ValidateOptions,
): Promise<ValidationResult> {
  const { signal } = options;
  const checks = options.checks ?? [];
  const bundle = await bundleApp(files, { signal, sourceMap: true });
  if (!bundle.ok) {
    const reason = 'the app does not build';
    return {
      ok: false,
      problems: [...bundle.problems, ...(await typecheckApp(files, { signal }))],
      checks: [
        notRun({ id: renderCheckId, title: renderCheckTitle }, reason),
        ...checks.map((check) => notRun(check, reason)),
      ],
    };
  }
  const verifying = options.verifier.verifyApp(bundle, checks, { signal });
  // If the type check throws (cancelled), the verification's outcome is not wanted either.
  verifying.catch(() => {});
  const [typeProblems, verification] = await Promise.all([typecheckApp(files, { signal }), verifying]);
  const problems = [...typeProblems, ...verification.problems];
  return { ok: problems.length === 0 && verification.ok, problems, checks: verification.checks };
}
