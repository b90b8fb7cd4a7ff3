export { type AppFile, allowedPackageImports, appEntryPath, normaliseAppPath } from './app-files.ts';
export {
  type AppBundle,
  type BrowserVerifier,
  type BrowserVerifierOptions,
  createBrowserVerifier,
  type VerificationResult,
  type VerifyOptions,
} from './browser/browser-verifier.ts';
export {
  type CheckOutcome,
  type CheckPage,
  renderCheckId,
  renderCheckTitle,
  type VerificationCheck,
} from './browser/checks.ts';
export {
  type ChromiumDiscovery,
  chromiumCandidates,
  findChromium,
  missingChromiumMessage,
} from './browser/find-chromium.ts';
export { type BundleOptions, type BundleResult, bundleApp } from './bundle-app.ts';
export { typecheckApp } from './typecheck-app.ts';
export {
  type AppVerifier,
  type ValidateOptions,
  type ValidationResult,
  validateApp,
} from './validate-app.ts';
