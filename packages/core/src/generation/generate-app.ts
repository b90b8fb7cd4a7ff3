import type { Blueprint } from '../blueprint/blueprint.ts';
import { acceptanceChecks } from '../compiler/acceptance-checks.ts';
import { type CompileOptions, compileBlueprint } from '../compiler/compile-blueprint.ts';
import { dataModulePaths } from '../compiler/data-modules.ts';
import { ModelAbortedError } from '../errors.ts';
import { type Check, event, type NewEvent, type PlanStep, type Problem } from '../events.ts';
import type { JobKind } from '../job.ts';
import type { Fact } from '../ledger.ts';
import type { Model, ModelCallRequest, ModelUsage } from '../model.ts';
import { type AppFile, normaliseAppPath } from '../validation/app-files.ts';
import { renderCheckId, type VerificationCheck } from '../validation/browser/checks.ts';
import { type AppVerifier, type ValidationResult, validateApp } from '../validation/validate-app.ts';
import { type VersionStatus, versionStatusOf } from '../version.ts';
import { buildPlan } from './build-plan.ts';
import { customFilesOf, isCustomPath, modelWrittenFiles, requirementsLeftOut } from './custom-files.ts';
import { FileSet, problemFingerprint } from './file-set.ts';
import { compiledAppView } from './generation-inputs.ts';
import { customiseInstructions, fixInstructions } from './instructions.ts';
import { FileChanges, generationTasks, type LedgerFactView } from './task-schemas.ts';

export interface GenerateAppInput {
  request: string;
  kind: JobKind;
  ledger: readonly Fact[];
  /** The design to build: the job's blueprint, the one input of the compiler. */
  blueprint: Blueprint;
  /** The version a change starts from: its files (custom code is carried over) and its design. */
  currentVersion: { files: readonly AppFile[]; blueprint: Blueprint | null } | null;
  /** The day the sample records are made for, and their seed (tests pin them). */
  compile?: CompileOptions;
  signal?: AbortSignal;
}

export interface GenerateAppHooks {
  emit(event: NewEvent): Promise<void>;
}

export type ValidateFiles = (
  files: readonly AppFile[],
  options: { checks: readonly VerificationCheck[]; signal?: AbortSignal },
) => Promise<ValidationResult>;

/**
 * The model, and how to validate: the real bundle + types + sandboxed-browser verification with
 * `verifier`, or `validate` for tests that script verdicts. One of the two is required: there is
 * no default that would run generated code without a browser.
 */
export type GenerateAppDependencies = { model: Model } & (
  | { verifier: AppVerifier; validate?: undefined }
  | { validate: ValidateFiles; verifier?: undefined }
);

interface BuildRecord {
  files: AppFile[];
  plan: PlanStep[];
  usage: ModelUsage;
}

/**
 * How a build ended. `built`: the app runs; `status` says whether every acceptance check passed
 * (`checks_failed` is stored, visibly, never as a clean success). `broken`: it does not bundle,
 * type-check or render after the fixes — nothing to store. `unchanged`: a change request that
 * changed neither the design nor the code — no version, and `message` says why.
 */
export type GenerateAppResult =
  | ({ outcome: 'built'; checks: Check[]; status: VersionStatus } & BuildRecord)
  | ({ outcome: 'broken'; problems: Problem[]; checks: Check[] } & BuildRecord)
  | ({ outcome: 'unchanged'; message: string } & BuildRecord);

/** Fix attempts after the first validation; each gets the previous problems. */
export const maxFixAttempts = 2;

/**
 * The generation phase (docs/architecture.md#generation): compile the blueprint → (LLM) customise
 * under `src/custom/` → verify with the blueprint's acceptance checks → capped fix loop. Events
 * are emitted as things happen (the caller persists and streams them); the abort signal reaches
 * every model call and verification and is checked between steps, so a cancel stops within one.
 */
export async function generateApp(
  dependencies: GenerateAppDependencies,
  input: GenerateAppInput,
  hooks: GenerateAppHooks,
): Promise<GenerateAppResult> {
  const { model } = dependencies;
  const validate = validatorOf(dependencies);
  const usage: ModelUsage = { model: model.describe(), inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const callModel = async <T>(request: Omit<ModelCallRequest<T>, 'phase' | 'signal'>): Promise<T> => {
    checkAborted(input.signal);
    const result = await model.call({ ...request, phase: 'generation', signal: input.signal });
    usage.model = result.usage.model;
    usage.inputTokens += result.usage.inputTokens;
    usage.outputTokens += result.usage.outputTokens;
    usage.costUsd += result.usage.costUsd;
    await hooks.emit(event('usage', { phase: 'generation', ...result.usage }));
    return result.output;
  };

  // 1. Compile: the template's files, the data modules, and the custom code the version had.
  const previous = input.currentVersion?.files ?? null;
  const compiled = compileBlueprint(input.blueprint, input.compile);
  const files = new FileSet([...compiled, ...customFilesOf(previous ?? [])]);
  const requirements = requirementsLeftOut(input.ledger, input.blueprint).map(ledgerView);
  const customise = requirements.length > 0 || modelWrittenFiles(previous ?? []).length > 0;
  const planned = buildPlan({ compiled: files.list(), dataModulePaths, previous, customise });
  const plan = planned.steps;
  await hooks.emit(event('plan_created', { steps: plan }));
  for (const step of plan) {
    checkAborted(input.signal);
    await hooks.emit(event('step_started', { index: step.index }));
    if (step.files.length === 0) {
      // 2. Customise (the step with no compiled files): only LLM providers write anything here.
      const changes = await callModel({
        task: generationTasks.customise,
        instructions: customiseInstructions,
        input: {
          kind: input.kind,
          request: input.request,
          requirements,
          blueprint: input.blueprint,
          app: compiledAppView(files.list()),
          customFiles: customFilesOf(files.list()),
        },
        schema: FileChanges,
        schemaName: 'custom_files',
      });
      for (const file of files.apply(onlyCustom(changes))) await hooks.emit(event('file_written', file));
    } else {
      for (const file of planned.filesOf[step.index] ?? []) await hooks.emit(event('file_written', file));
    }
    await hooks.emit(event('step_completed', { index: step.index }));
  }

  const record = () => ({ files: files.list(), plan, usage });
  if (input.kind === 'change' && previous && sameFiles(files.list(), previous)) {
    return { outcome: 'unchanged', message: unchangedMessage(input.request), ...record() };
  }

  // 3. Verify with the blueprint's acceptance checks, then 4. fix at most `maxFixAttempts` times.
  const checks = acceptanceChecks(input.blueprint, input.compile);
  let verdict = await runValidation(files.list());
  const seenFingerprints = new Set([problemFingerprint(problemsOf(verdict))]);
  for (let attempt = 1; !passed(verdict) && attempt <= maxFixAttempts; attempt += 1) {
    checkAborted(input.signal);
    const problems = problemsOf(verdict);
    await hooks.emit(event('fix_started', { attempt, problems }));
    const before = files.signature();
    const changes = await callModel({
      task: generationTasks.fix,
      instructions: fixInstructions,
      input: {
        request: input.request,
        requirements,
        blueprint: input.blueprint,
        attempt,
        app: compiledAppView(files.list()),
        customFiles: customFilesOf(files.list()),
        problems,
      },
      schema: FileChanges,
      schemaName: 'fixed_files',
    });
    for (const file of files.apply(onlyCustom(changes))) await hooks.emit(event('file_written', file));
    // Validation is deterministic: unchanged files would fail the same way, so don't re-run it.
    if (files.signature() !== before) verdict = await runValidation(files.list());
    else await hooks.emit(event('validation_finished', verdictData(verdict)));
    const fingerprint = problemFingerprint(problemsOf(verdict));
    if (!passed(verdict) && seenFingerprints.has(fingerprint)) break; // the fix went in a circle
    seenFingerprints.add(fingerprint);
  }

  // Problems of the app itself (bundle, types, render) leave nothing worth storing; failing
  // acceptance checks leave an app that runs, stored as `checks_failed`.
  if (isBroken(verdict)) {
    return { outcome: 'broken', problems: problemsOf(verdict), checks: verdict.checks, ...record() };
  }
  return { outcome: 'built', checks: verdict.checks, status: versionStatusOf(verdict.checks), ...record() };

  async function runValidation(current: AppFile[]): Promise<ValidationResult> {
    checkAborted(input.signal);
    const outcome = await validate(current, { checks, signal: input.signal });
    checkAborted(input.signal);
    await hooks.emit(event('validation_finished', verdictData(outcome)));
    return outcome;
  }
}

/** Passed: nothing wrong with the code and every check held. */
function passed(verdict: ValidationResult): boolean {
  return verdict.ok && verdict.problems.length === 0 && verdict.checks.every((check) => check.ok);
}

function renders(verdict: ValidationResult): boolean {
  return verdict.checks.find((check) => check.id === renderCheckId)?.ok ?? false;
}

/** What a fix is asked to repair: the verdict's problems (the verifier reports each failing check as one of source `check`). */
function problemsOf(verdict: ValidationResult): Problem[] {
  return verdict.problems;
}

/** The app itself is wrong (it does not bundle, type-check or render), beyond failing checks. */
function isBroken(verdict: ValidationResult): boolean {
  return verdict.problems.some((problem) => problem.source !== 'check') || !renders(verdict);
}

/**
 * A model may only write custom code: every other file is the compiler's and is dropped. Paths
 * are judged after normalising (`src/custom/../App.tsx` is App.tsx), the way they are applied.
 */
function onlyCustom(changes: FileChanges): FileChanges {
  const custom = (raw: string) => {
    const path = normaliseAppPath(raw);
    return path !== null && isCustomPath(path);
  };
  return {
    files: changes.files.filter((file) => custom(file.path)),
    deletedPaths: changes.deletedPaths.filter(custom),
  };
}

function sameFiles(a: readonly AppFile[], b: readonly AppFile[]): boolean {
  if (a.length !== b.length) return false;
  const before = new Map(b.map((file) => [file.path, file.content]));
  return a.every((file) => before.get(file.path) === file.content);
}

function unchangedMessage(request: string): string {
  const quoted = request.length > 160 ? `${request.slice(0, 159)}…` : request;
  return `Nothing changed: “${quoted}” did not change the app's design (its records, fields, views or names), so no new version was made. Say what to add, rename or remove — for example “Add a due date to each loan” or “Rename Members to Borrowers”.`;
}

function validatorOf(dependencies: GenerateAppDependencies): ValidateFiles {
  if (dependencies.validate) return dependencies.validate;
  const { verifier } = dependencies;
  return (files, options) => validateApp(files, { verifier, checks: options.checks, signal: options.signal });
}

function verdictData(verdict: ValidationResult) {
  return { ok: passed(verdict), problems: verdict.problems, checks: verdict.checks };
}

function ledgerView(fact: Fact): LedgerFactView {
  return { kind: fact.kind, text: fact.text, topic: fact.topic ?? null };
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ModelAbortedError('generation cancelled');
}
