export { type AppFile, allowedPackageImports, appEntryPath, normaliseAppPath } from './app-files.ts';
export {
  type BuildResult,
  type BundleOptions,
  type BundleResult,
  type BundleTarget,
  buildApp,
  bundleApp,
} from './bundle-app.ts';
export { type RenderSmokeTestOptions, renderSmokeTest, type ServerBundle } from './render-smoke-test.ts';
export { typecheckApp } from './typecheck-app.ts';
export { type ValidateOptions, type ValidationResult, validateApp } from './validate-app.ts';
