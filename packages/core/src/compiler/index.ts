export { acceptanceChecks } from './acceptance-checks.ts';
export { type CompileOptions, compileBlueprint } from './compile-blueprint.ts';
export { blueprintModulePath, dataModulePaths, sampleModulePath } from './data-modules.ts';
