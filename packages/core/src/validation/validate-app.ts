import type { Problem } from '../events.ts';
import type { AppFile } from './app-files.ts';
import { buildApp } from './bundle-app.ts';
import { renderSmokeTest } from './render-smoke-test.ts';
import { typecheckApp } from './typecheck-app.ts';

export interface ValidationResult {
  ok: boolean;
  problems: Problem[];
}

export interface ValidateOptions {
  signal?: AbortSignal;
  renderTimeoutMs?: number;
}

/**
 * Bundle, type check and first-render check, as one verdict. A bundle error stops the render
 * (there is nothing to run) but not the type check, whose extra detail helps the fix step.
 * The render (its own process) and the type check (its own thread) run side by side.
 */
export async function validateApp(
  files: readonly AppFile[],
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const [browser, server] = await Promise.all([
    buildApp(files, 'browser', { signal: options.signal }),
    buildApp(files, 'server', { signal: options.signal }),
  ]);
  if (!browser.ok || !server.ok) {
    const bundleProblems = !browser.ok ? browser.problems : !server.ok ? server.problems : [];
    return {
      ok: false,
      problems: [...bundleProblems, ...(await typecheckApp(files, { signal: options.signal }))],
    };
  }
  const render = renderSmokeTest(
    { code: server.js, sourceMap: server.sourceMap },
    { timeoutMs: options.renderTimeoutMs, signal: options.signal },
  );
  const [typeProblems, renderProblems] = await Promise.all([
    typecheckApp(files, { signal: options.signal }),
    render,
  ]);
  const problems = [...typeProblems, ...renderProblems];
  return { ok: problems.length === 0, problems };
}
