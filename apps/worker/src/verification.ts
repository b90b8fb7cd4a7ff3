import {
  type AppVerifier,
  compileBlueprint,
  createBrowserVerifier,
  emptyBlueprint,
  findChromium,
  missingChromiumMessage,
  typecheckApp,
} from '@app/core';

/** How this worker verifies generated apps: a real browser, or the reason it has none. */
export type Verification =
  | { available: true; verifier: AppVerifier; browser: string }
  | { available: false; message: string };

/**
 * One verifier per worker process (its browser starts on the first build, stays warm, and is
 * replaced after a runaway app). With no Chromium the worker still runs — questioning needs no
 * browser — but every build fails with `message` instead of running unverified code.
 */
export function setUpVerification(chromiumPath: string | null): {
  verification: Verification;
  close(): Promise<void>;
} {
  const chromium = findChromium({ configuredPath: chromiumPath });
  if (!chromium.found) {
    return {
      verification: { available: false, message: missingChromiumMessage(chromium.reason) },
      close: async () => {},
    };
  }
  const verifier = createBrowserVerifier({ executablePath: chromium.executablePath });
  const warming = warmTypeChecker();
  return {
    verification: { available: true, verifier, browser: chromium.executablePath },
    close: () => {
      warming.abort();
      return verifier.close();
    },
  };
}

/**
 * Type-checks the compiled template once, in the background, as the worker starts. The first
 * check in a process builds the compiler's program cold (the template's files against the DOM and
 * React typings): 19–31 s measured on a loaded 2-core machine, against ~1 s warm, and that cost
 * fell on the first app built — past its type-check limit, so a healthy app failed as "the type
 * check did not finish". A build arriving meanwhile waits behind this check in the checker's
 * queue, and its own limit starts only when the checker takes it. Aborted on close, so a stop
 * never waits for it.
 */
function warmTypeChecker(): AbortController {
  const controller = new AbortController();
  typecheckApp(compileBlueprint(emptyBlueprint()), { signal: controller.signal, timeoutMs: 300_000 }).catch(
    () => {},
  );
  return controller;
}
