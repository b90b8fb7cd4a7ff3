import {
  type BrowserVerifier,
  type BrowserVerifierOptions,
  createBrowserVerifier,
} from '../validation/browser/browser-verifier.ts';
import { findChromium } from '../validation/browser/find-chromium.ts';

/**
 * A real verifier for tests (the system's Chromium, never a stand-in): create one per test file
 * and close it in `afterAll`. Throws when there is no Chromium, since a test that ran generated
 * apps without verification would prove nothing.
 */
export function createTestVerifier(options: Partial<BrowserVerifierOptions> = {}): BrowserVerifier {
  const chromium = findChromium({ configuredPath: options.executablePath });
  if (!chromium.found) throw new Error(`Tests need Chromium: ${chromium.reason} (apt-get install chromium)`);
  return createBrowserVerifier({ ...options, executablePath: chromium.executablePath });
}
