import { compileBlueprint, typecheckApp } from '@app/core';
import { toolLibrary } from '../../../../packages/core/src/compiler/fixtures/blueprints.ts';

let warming: Promise<void> | null = null;

/**
 * Type-checks one compiled app in this process's shared type-check child, once, with a generous
 * bound, before the first build a test makes. The first check in a process builds the whole
 * program cold (the template's ~50 files against the DOM and React typings): a few seconds on a
 * quiet machine, but past the checker's 20 s default when other test files load both cores —
 * measured 31 s cold against 0.4 s warm — and then a healthy app fails as "the type check did not
 * finish". That cold start is trusted work, not the app's; a worker in production pays it once
 * too. Crash and fault tests are about what happens after it, so they start warm.
 */
export function warmTypeChecker(): Promise<void> {
  warming ??= typecheckApp(compileBlueprint(toolLibrary), { timeoutMs: 180_000 }).then((problems) => {
    if (problems.length > 0)
      throw new Error(`the compiled template does not type-check: ${problems[0]?.message}`);
  });
  return warming;
}
