export { customDirectory, isCustomPath, requirementsLeftOut } from './custom-files.ts';
export { FileSet, problemFingerprint } from './file-set.ts';
export {
  type GenerateAppDependencies,
  type GenerateAppHooks,
  type GenerateAppInput,
  type GenerateAppResult,
  generateApp,
  maxFixAttempts,
  type ValidateFiles,
} from './generate-app.ts';
export * from './task-schemas.ts';
