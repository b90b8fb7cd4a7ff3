import type { PlanStep } from '../events.ts';
import type { AppFile } from '../validation/app-files.ts';

/** The customisation step, planned when the model may add what the blueprint leaves out. */
export const customiseStepTitle = 'Add what the blueprint cannot express';

export interface BuildPlan {
  steps: PlanStep[];
  /** The files each compiled step writes, by step index (the customisation step's come from the model). */
  filesOf: AppFile[][];
}

/**
 * The plan of a build, derived from what compiling produced and what the version before had: each
 * step names only files whose content changes, so a change request shows (and writes) exactly
 * what it changes. Steps with nothing to write are left out; the customisation step is appended
 * when `customise` is set.
 */
export function buildPlan(input: {
  compiled: readonly AppFile[];
  dataModulePaths: ReadonlySet<string>;
  previous: readonly AppFile[] | null;
  customise: boolean;
}): BuildPlan {
  const isData = (path: string) => input.dataModulePaths.has(path);
  const parts = [
    {
      title: 'Lay out the app: navigation, views, forms and styles',
      phase: 'scaffold',
      // The template's own src/custom/ defaults belong to the layout; a model's custom files that
      // a change carries over are unchanged, so they are never in `changed`.
      holds: (path: string) => !isData(path),
    },
    { title: 'Write the design and the sample records', phase: 'logic', holds: isData },
  ] as const;
  const before = new Map((input.previous ?? []).map((file) => [file.path, file.content]));
  const changed = input.compiled.filter((file) => before.get(file.path) !== file.content);
  const steps: PlanStep[] = [];
  const filesOf: AppFile[][] = [];
  for (const part of parts) {
    const files = changed.filter((file) => part.holds(file.path));
    if (files.length === 0) continue;
    steps.push({
      index: steps.length,
      title: part.title,
      phase: part.phase,
      files: files.map((file) => file.path),
    });
    filesOf.push(files);
  }
  if (input.customise) {
    steps.push({ index: steps.length, title: customiseStepTitle, phase: 'polish', files: [] });
    filesOf.push([]);
  }
  return { steps, filesOf };
}
