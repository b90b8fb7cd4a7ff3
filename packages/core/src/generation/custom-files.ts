import type { Blueprint } from '../blueprint/blueprint.ts';
import { templateFiles } from '../compiler/generated/template-files.gen.ts';
import type { Fact } from '../ledger.ts';
import type { AppFile } from '../validation/app-files.ts';

/**
 * Where a model's own code lives in a compiled app (docs/architecture.md#generated-apps): files
 * under `src/custom/`, plugged in through the template's declared extension points. Everything
 * else is derived from the blueprint and rewritten by every compile, so a model may write only
 * here, and a recompile after a blueprint change carries these files over unchanged.
 */
export const customDirectory = 'src/custom/';

export function isCustomPath(path: string): boolean {
  return path.startsWith(customDirectory);
}

export function customFilesOf(files: readonly AppFile[]): AppFile[] {
  return files.filter((file) => isCustomPath(file.path));
}

/** Custom files a model wrote: those under src/custom/ that are not the template's own defaults. */
export function modelWrittenFiles(files: readonly AppFile[]): AppFile[] {
  return customFilesOf(files).filter((file) => templateFiles[file.path] !== file.content);
}

/**
 * What the person asked for that the blueprint does not carry: requirements and UI wishes no
 * blueprint element links to. The model customising a build gets these, and only these, as its
 * brief; when there are none (and no custom code to carry), there is nothing to customise.
 */
export function requirementsLeftOut(ledger: readonly Fact[], blueprint: Blueprint): Fact[] {
  const used = new Set<string>();
  const mark = (ids: readonly string[]) => {
    for (const id of ids) used.add(id);
  };
  // The sharing choice is the blueprint's too: "our tickets" is built (as shared data), not left out.
  mark(blueprint.sharingSourceFactIds);
  for (const audience of blueprint.audience) mark(audience.sourceFactIds);
  for (const entity of blueprint.entities) {
    mark(entity.sourceFactIds);
    for (const field of entity.fields) mark(field.sourceFactIds);
  }
  for (const view of blueprint.views) mark(view.sourceFactIds);
  return ledger.filter((fact) => (fact.kind === 'requirement' || fact.kind === 'ui') && !used.has(fact.id));
}
