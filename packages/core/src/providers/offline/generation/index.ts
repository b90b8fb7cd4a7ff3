import { type Blueprint, emptyBlueprint } from '../../../blueprint/blueprint.ts';
import {
  type FileChanges,
  FixInput,
  generationLimits,
  generationTasks,
  PlanInput,
  type PlanOutput,
  type SourceFile,
  WriteStepInput,
} from '../../../generation/task-schemas.ts';
import type { JobKind } from '../../../job.ts';
import type { AppSpec } from './app-spec.ts';
import { applyStyleChange, specFromFiles } from './change-spec.ts';
import { deriveSpec } from './derive-spec.ts';
import { renderAppFiles, renderAppSteps, type TemplateStep } from './render-app.ts';

/**
 * The offline model's answers to the generation tasks: a template app derived from the blueprint.
 * Every task re-derives the same spec from its input (pure and deterministic), so the plan, the
 * write steps and a retried job all agree without shared state.
 */
function specFor(
  input: { kind: JobKind; request: string; blueprint: Blueprint | null },
  files: readonly SourceFile[] | null,
): AppSpec {
  const previous = input.kind === 'change' && files ? specFromFiles(files) : null;
  if (!input.blueprint)
    return previous ? applyStyleChange(previous, input.request) : deriveSpec(emptyBlueprint(), input.request);
  const derived = deriveSpec(input.blueprint, input.request);
  if (!previous) return derived;
  // The same app, changed: its stored records (storage key), colour and export stay unless asked.
  return applyStyleChange(
    {
      ...derived,
      storageKey: previous.storageKey,
      accentHue: previous.accentHue,
      csvExport: previous.csvExport,
    },
    input.request,
  );
}

/** For a change, only the steps whose files differ from the current version (plus a step that deletes stale files). */
function stepsFor(spec: AppSpec, currentFiles: readonly SourceFile[] | null): TemplateStep[] {
  const steps = renderAppSteps(spec);
  if (!currentFiles) return steps;
  const current = new Map(currentFiles.map((file) => [file.path, file.content]));
  const changed = steps
    .map((step) => ({
      ...step,
      files: Object.fromEntries(
        Object.entries(step.files).filter(([path, content]) => current.get(path) !== content),
      ),
    }))
    .filter((step) => Object.keys(step.files).length > 0);
  if (changed.length > 0) return changed;
  // Nothing the templates understand changed: re-state the shell so the version still records the request.
  const shell = steps[0];
  return shell
    ? [
        {
          ...shell,
          title: 'Review the app for the requested change',
          files: { 'src/App.tsx': shell.files['src/App.tsx'] ?? '' },
        },
      ]
    : [];
}

/** Plan text quotes the person's words, which may be long: it must still fit the task schema's caps. */
function clip(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

function plan(input: PlanInput): PlanOutput {
  const spec = specFor(input, input.currentFiles);
  const steps = stepsFor(spec, input.currentFiles);
  const { maxTitleLength, maxDescriptionLength } = generationLimits;
  return {
    summary: clip(
      `${spec.title}: ${spec.record.plural} with ${spec.fields.map((field) => field.label.toLowerCase()).join(', ')}.`,
      maxDescriptionLength,
    ),
    steps: steps.map((step) => ({
      title: clip(step.title, maxTitleLength),
      phase: step.phase,
      description: clip(step.description, maxDescriptionLength),
      files: Object.keys(step.files),
    })),
  };
}

function writeStep(input: WriteStepInput): FileChanges {
  // Later steps of a change see config.ts as rewritten by an earlier step; applyChange is
  // idempotent, so re-applying the request to it yields the same spec the plan was made from.
  const baseFiles = input.kind === 'change' ? input.files : null;
  const spec = specFor(input, baseFiles);
  const rendered = renderAppFiles(spec);
  const files = input.step.files.flatMap((path) => {
    const content = rendered.get(path);
    return content === undefined ? [] : [{ path, content }];
  });
  // Files that belong to views the new spec dropped are removed with the first step.
  const deletedPaths =
    input.stepIndex === 0
      ? input.files.map((file) => file.path).filter((path) => path.startsWith('src/') && !rendered.has(path))
      : [];
  return { files, deletedPaths };
}

/** Templates are valid by construction: the fix answer changes nothing, and the fingerprint check ends the loop. */
function fix(_input: FixInput): FileChanges {
  return { files: [], deletedPaths: [] };
}

export const offlineGenerationHandlers: Record<string, (input: unknown) => unknown> = {
  [generationTasks.plan]: (input) => plan(PlanInput.parse(input)),
  [generationTasks.writeStep]: (input) => writeStep(WriteStepInput.parse(input)),
  [generationTasks.fix]: (input) => fix(FixInput.parse(input)),
};

/** Answers one of the generation tasks, or `undefined` for a task that is not one of them. */
export function answerOfflineGenerationTask(task: string, input: unknown): unknown | undefined {
  return offlineGenerationHandlers[task]?.(input);
}

export type { AppSpec } from './app-spec.ts';
export { deriveSpec } from './derive-spec.ts';
