import type { Blueprint } from '../blueprint/blueprint.ts';
import { ModelAbortedError } from '../errors.ts';
import { event, type NewEvent, type PlanStep, type Problem } from '../events.ts';
import type { JobKind } from '../job.ts';
import type { Fact } from '../ledger.ts';
import type { Model, ModelCallRequest, ModelUsage } from '../model.ts';
import type { AppFile } from '../validation/app-files.ts';
import { type AppVerifier, type ValidationResult, validateApp } from '../validation/validate-app.ts';
import { FileSet, problemFingerprint } from './file-set.ts';
import { fixInstructions, planInstructions, writeStepInstructions } from './instructions.ts';
import {
  FileChanges,
  generationTasks,
  type LedgerFactView,
  type PlannedStep,
  PlanOutput,
} from './task-schemas.ts';

export interface GenerateAppInput {
  request: string;
  kind: JobKind;
  ledger: readonly Fact[];
  /** The design to build: the job's blueprint (null only for jobs from before blueprints). */
  blueprint: Blueprint | null;
  currentVersion: { files: readonly AppFile[] } | null;
  signal?: AbortSignal;
}

export interface GenerateAppHooks {
  emit(event: NewEvent): Promise<void>;
}

export type ValidateFiles = (
  files: readonly AppFile[],
  options: { signal?: AbortSignal },
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

export type GenerateAppResult =
  | { ok: true; files: AppFile[]; plan: PlanStep[]; usage: ModelUsage }
  | { ok: false; problems: Problem[]; files: AppFile[]; plan: PlanStep[]; usage: ModelUsage };

/** Fix attempts after the first validation; each gets the previous problems. */
export const maxFixAttempts = 2;

/**
 * The generation phase: plan → write step by step → validate → capped fix loop. Events are
 * emitted as things happen (the caller persists and streams them); the abort signal reaches every
 * model call and is checked between steps, so a cancelled job stops within one step.
 * An app that still fails after the fixes comes back as `ok: false` with its problems: the caller
 * must never store it as a good version.
 */
export async function generateApp(
  dependencies: GenerateAppDependencies,
  input: GenerateAppInput,
  hooks: GenerateAppHooks,
): Promise<GenerateAppResult> {
  const { model } = dependencies;
  const validate = validatorOf(dependencies);
  const ledger = input.ledger.map(ledgerView);
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

  // 1. Plan.
  const files = new FileSet(input.currentVersion?.files ?? []);
  const planned = await callModel({
    task: generationTasks.plan,
    instructions: planInstructions,
    input: {
      kind: input.kind,
      request: input.request,
      ledger,
      blueprint: input.blueprint,
      currentFiles: input.currentVersion ? files.list() : null,
    },
    schema: PlanOutput,
    schemaName: 'generation_plan',
  });
  const steps: PlannedStep[] = planned.steps;
  const plan: PlanStep[] = steps.map((step, index) => ({
    index,
    title: step.title,
    phase: step.phase,
    files: step.files,
  }));
  await hooks.emit(event('plan_created', { steps: plan }));

  // 2. Write, step by step; a change starts from the previous version's files.
  for (const [index, step] of steps.entries()) {
    checkAborted(input.signal);
    await hooks.emit(event('step_started', { index }));
    const changes = await callModel({
      task: generationTasks.writeStep,
      instructions: writeStepInstructions,
      input: {
        kind: input.kind,
        request: input.request,
        ledger,
        blueprint: input.blueprint,
        plan: steps,
        stepIndex: index,
        step,
        files: files.list(),
      },
      schema: FileChanges,
      schemaName: 'step_files',
    });
    for (const file of files.apply(changes)) await hooks.emit(event('file_written', file));
    await hooks.emit(event('step_completed', { index }));
  }

  // 3. Validate, then 4. fix at most `maxFixAttempts` times.
  let verdict = await runValidation(files.list());
  const seenFingerprints = new Set([problemFingerprint(verdict.problems)]);
  for (let attempt = 1; !verdict.ok && attempt <= maxFixAttempts; attempt += 1) {
    checkAborted(input.signal);
    await hooks.emit(event('fix_started', { attempt, problems: verdict.problems }));
    const before = files.signature();
    const changes = await callModel({
      task: generationTasks.fix,
      instructions: fixInstructions,
      input: {
        request: input.request,
        ledger,
        blueprint: input.blueprint,
        attempt,
        files: files.list(),
        problems: verdict.problems,
      },
      schema: FileChanges,
      schemaName: 'fixed_files',
    });
    for (const file of files.apply(changes)) await hooks.emit(event('file_written', file));
    // Validation is deterministic: unchanged files would fail the same way, so don't re-run it.
    if (files.signature() !== before) verdict = await runValidation(files.list());
    else await hooks.emit(event('validation_finished', verdictData(verdict)));
    const fingerprint = problemFingerprint(verdict.problems);
    if (!verdict.ok && seenFingerprints.has(fingerprint)) break; // the fix went in a circle
    seenFingerprints.add(fingerprint);
  }

  const result = { files: files.list(), plan, usage };
  return verdict.ok ? { ok: true, ...result } : { ok: false, problems: verdict.problems, ...result };

  async function runValidation(current: AppFile[]): Promise<ValidationResult> {
    checkAborted(input.signal);
    const outcome = await validate(current, { signal: input.signal });
    checkAborted(input.signal);
    await hooks.emit(event('validation_finished', verdictData(outcome)));
    return outcome;
  }
}

function validatorOf(dependencies: GenerateAppDependencies): ValidateFiles {
  if (dependencies.validate) return dependencies.validate;
  const { verifier } = dependencies;
  return (files, options) => validateApp(files, { verifier, signal: options.signal });
}

function verdictData(verdict: ValidationResult) {
  return { ok: verdict.ok, problems: verdict.problems, checks: verdict.checks };
}

function ledgerView(fact: Fact): LedgerFactView {
  return { kind: fact.kind, text: fact.text, topic: fact.topic ?? null };
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ModelAbortedError('generation cancelled');
}
