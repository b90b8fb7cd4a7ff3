import { type AppVerifier, createBrowserVerifier, findChromium, missingChromiumMessage } from '@app/core';

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
  return {
    verification: { available: true, verifier, browser: chromium.executablePath },
    close: () => verifier.close(),
  };
}
