import { blueprintModulePath, sampleModulePath } from '../compiler/data-modules.ts';
import type { AppFile } from '../validation/app-files.ts';
import { isCustomPath } from './custom-files.ts';

/**
 * The compiled files a model writes custom code against: the data shapes, the extension points
 * and the data modules. The rest of the template is listed by path only — it is the compiler's,
 * identical in every app, and sending it on every call would cost tokens for nothing.
 */
const apiPaths: ReadonlySet<string> = new Set([
  'src/schema.ts',
  'src/extensions.ts',
  blueprintModulePath,
  sampleModulePath,
]);

export function compiledAppView(files: readonly AppFile[]) {
  const compiled = files.filter((file) => !isCustomPath(file.path));
  return {
    paths: compiled.map((file) => file.path),
    api: compiled.filter((file) => apiPaths.has(file.path)),
  };
}
