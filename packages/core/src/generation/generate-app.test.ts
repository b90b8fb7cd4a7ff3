import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Blueprint } from '../blueprint/blueprint.ts';
import { compileBlueprint } from '../compiler/compile-blueprint.ts';
import { blueprintModulePath } from '../compiler/data-modules.ts';
import { toolLibrary } from '../compiler/fixtures/blueprints.ts';
import { ModelAbortedError } from '../errors.ts';
import type { Check, NewEvent, Problem } from '../events.ts';
import type { Fact } from '../ledger.ts';
import { createOfflineModel } from '../providers/offline/offline-model.ts';
import { createScriptedModel } from '../testing/scripted-model.ts';
import { createTestVerifier } from '../testing/test-verifier.ts';
import { renderCheckId } from '../validation/browser/checks.ts';
import { type GenerateAppInput, generateApp, maxFixAttempts, type ValidateFiles } from './generate-app.ts';
import { generationTasks } from './task-schemas.ts';

const today = '2026-03-10';
const compile = { today, seed: 1 };

function recorder() {
  const events: NewEvent[] = [];
  return {
    events,
    emit: async (event: NewEvent) => void events.push(event),
    types: () => events.map((e) => e.type),
    written: () => events.flatMap((e) => (e.type === 'file_written' ? [e.data.path] : [])),
  };
}

const requirement: Fact = {
  id: randomUUID(),
  kind: 'requirement',
  text: 'Print a label with a QR code for each tool',
  source: { kind: 'request' },
};

const create = (blueprint: Blueprint, ledger: Fact[] = []): GenerateAppInput => ({
  request: 'Our makerspace lends tools to members',
  kind: 'create',
  ledger,
  blueprint,
  currentVersion: null,
  compile,
});

const renders: Check = { id: renderCheckId, title: 'The app renders without errors', ok: true, detail: '' };
const formCheck: Check = { id: 'form:loans', title: 'Loans form has Tool, Member', ok: true, detail: '' };

/** A validator with scripted verdicts, one per validation, recording what it was asked to check. */
function scriptedValidation(...verdicts: { problems?: Problem[]; checks: Check[] }[]) {
  const seen: { paths: string[]; checkIds: string[] }[] = [];
  const validate: ValidateFiles = async (files, options) => {
    seen.push({ paths: files.map((file) => file.path), checkIds: options.checks.map((check) => check.id) });
    const verdict = verdicts[Math.min(seen.length - 1, verdicts.length - 1)] ?? { checks: [renders] };
    const problems = verdict.problems ?? [];
    return {
      ok: problems.length === 0 && verdict.checks.every((c) => c.ok),
      problems,
      checks: verdict.checks,
    };
  };
  return { validate, seen };
}

/** A renamed field: a design change the compiler writes into the data modules only. */
function withRenamedField(blueprint: Blueprint): Blueprint {
  const [first, ...rest] = blueprint.entities;
  if (!first) throw new Error('fixture has no entity');
  const [field, ...fields] = first.fields;
  if (!field) throw new Error('fixture entity has no field');
  return {
    ...blueprint,
    entities: [{ ...first, fields: [{ ...field, name: 'Tool Name' }, ...fields] }, ...rest],
  };
}

describe('generateApp: compile the blueprint, verify it with its checks', () => {
  // Limits for a loaded test machine; the defaults are for a worker building one app at a time.
  const verifier = createTestVerifier({ cpuLimitMs: 20_000, wallLimitMs: 60_000 });
  afterAll(() => verifier.close());

  it('builds the blueprint offline with no model call and passes every acceptance check in the browser', async () => {
    const hooks = recorder();
    const result = await generateApp({ model: createOfflineModel(), verifier }, create(toolLibrary), hooks);

    expect(result.outcome).toBe('built');
    if (result.outcome !== 'built') return;
    expect(result.status).toBe('ready');
    expect(result.checks.length).toBeGreaterThan(10);
    expect(result.checks.filter((check) => !check.ok)).toEqual([]);
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : 1);
    expect(result.files).toEqual(compileBlueprint(toolLibrary, compile).sort(byPath));
    expect(hooks.types()).not.toContain('usage');
    const plan = hooks.events.find((event) => event.type === 'plan_created');
    expect(plan?.data.steps.map((step) => step.phase)).toEqual(['scaffold', 'logic']);
    expect(hooks.written().sort()).toEqual(result.files.map((file) => file.path).sort());
    const verdicts = hooks.events.filter((event) => event.type === 'validation_finished');
    expect(verdicts.map((event) => [event.data.ok, event.data.checks.length])).toEqual([
      [true, result.checks.length],
    ]);
  });
});

describe('generateApp: customisation, fixes, honest outcomes', () => {
  it('asks an LLM to customise what the blueprint left out and keeps only its src/custom/ files', async () => {
    const model = createScriptedModel({
      usage: { inputTokens: 120, outputTokens: 40, costUsd: 0.01 },
    }).enqueue(generationTasks.customise, {
      output: {
        files: [
          { path: 'src/custom/labels.ts', content: 'export const labels = 1;\n' },
          { path: 'src/App.tsx', content: 'export default function App() { return null; }\n' },
          { path: 'src/custom/../App.tsx', content: 'hostile' },
        ],
        deletedPaths: ['src/styles.css'],
      },
    });
    const { validate, seen } = scriptedValidation({ checks: [renders, formCheck] });
    const hooks = recorder();
    const result = await generateApp({ model, validate }, create(toolLibrary, [requirement]), hooks);

    expect(result.outcome).toBe('built');
    const compiled = compileBlueprint(toolLibrary, compile);
    const byPath = new Map(result.files.map((file) => [file.path, file.content]));
    expect(byPath.get('src/custom/labels.ts')).toBe('export const labels = 1;\n');
    for (const file of compiled) expect(byPath.get(file.path)).toBe(file.content);
    expect(result.files).toHaveLength(compiled.length + 1);
    const call = model.callsFor(generationTasks.customise)[0]?.input as {
      requirements: { text: string }[];
      app: { paths: string[]; api: { path: string }[] };
    };
    expect(call.requirements.map((fact) => fact.text)).toEqual([requirement.text]);
    expect(call.app.api.map((file) => file.path)).toContain(blueprintModulePath);
    expect(call.app.paths).toContain('src/App.tsx');
    expect(seen[0]?.checkIds.length).toBeGreaterThan(10);
    expect(result.usage).toMatchObject({ inputTokens: 120, outputTokens: 40 });
  });

  it('feeds failing checks to the fix step as check problems; offline fixes nothing and the version is checks_failed', async () => {
    const failing: Check = { ...formCheck, ok: false, detail: 'The form has no Member field' };
    // As the verifier reports it: each failing check is also a problem of source `check`.
    const checkProblem: Problem = {
      path: 'src/App.tsx',
      line: null,
      message: 'Check "Loans form has Tool, Member" failed: The form has no Member field',
      source: 'check',
    };
    const { validate, seen } = scriptedValidation({ problems: [checkProblem], checks: [renders, failing] });
    const model = createScriptedModel().enqueue(generationTasks.fix, {
      output: { files: [], deletedPaths: [] },
    });
    const hooks = recorder();
    const result = await generateApp({ model, validate }, create(toolLibrary), hooks);

    expect(result.outcome).toBe('built');
    if (result.outcome !== 'built') return;
    expect(result.status).toBe('checks_failed');
    expect(result.checks).toEqual([renders, failing]);
    const fixInput = model.callsFor(generationTasks.fix)[0]?.input as { problems: Problem[] };
    expect(fixInput.problems).toEqual([checkProblem]);
    // The fix changed nothing, so validation was not re-run, and the loop stopped at once.
    expect(seen).toHaveLength(1);
    expect(hooks.types().filter((type) => type === 'fix_started')).toHaveLength(1);
    const verdicts = hooks.events.filter((event) => event.type === 'validation_finished');
    expect(verdicts.map((event) => event.data.ok)).toEqual([false, false]);
  });

  it('an app that does not render after the capped fixes is broken, with its problems', async () => {
    const crash: Problem = { path: 'src/custom/index.ts', line: 3, message: 'boom', source: 'render' };
    const { validate } = scriptedValidation({ problems: [crash], checks: [{ ...renders, ok: false }] });
    let fixes = 0;
    const model = createScriptedModel();
    for (let index = 0; index < 5; index += 1) {
      model.enqueue(generationTasks.fix, {
        respond: () => {
          fixes += 1;
          return { files: [{ path: 'src/custom/index.ts', content: `// try ${fixes}\n` }], deletedPaths: [] };
        },
      });
    }
    const result = await generateApp({ model, validate }, create(toolLibrary), recorder());

    expect(result.outcome).toBe('broken');
    if (result.outcome === 'broken') expect(result.problems).toEqual([crash]);
    expect(fixes).toBe(1); // the same problem after the first fix: the fingerprint ends the loop
    expect(maxFixAttempts).toBeGreaterThan(1);
  });

  it('a change writes only what changed and carries the previous version’s custom code', async () => {
    const previous = [
      ...compileBlueprint(toolLibrary, compile),
      { path: 'src/custom/index.ts', content: 'export const extensions = {};\n' },
    ];
    const renamed = withRenamedField(toolLibrary);
    const model = createScriptedModel().enqueue(generationTasks.customise, {
      output: { files: [], deletedPaths: [] },
    });
    const { validate } = scriptedValidation({ checks: [renders] });
    const hooks = recorder();
    const result = await generateApp(
      { model, validate },
      {
        ...create(renamed),
        kind: 'change',
        request: 'Call the name Tool Name',
        currentVersion: { files: previous, blueprint: toolLibrary },
      },
      hooks,
    );

    expect(result.outcome).toBe('built');
    // Sample records are keyed by field id: a rename rewrites the design module only.
    expect(hooks.written()).toEqual([blueprintModulePath]);
    const custom = result.files.find((file) => file.path === 'src/custom/index.ts');
    expect(custom?.content).toBe('export const extensions = {};\n');
    const blueprintFile = result.files.find((file) => file.path === blueprintModulePath);
    expect(blueprintFile?.content).toContain('"Tool Name"');
  });

  it('a change that changes nothing makes no version and says why, without verifying', async () => {
    const { validate, seen } = scriptedValidation({ checks: [renders] });
    const result = await generateApp(
      { model: createOfflineModel(), validate },
      {
        ...create(toolLibrary),
        kind: 'change',
        request: 'Make it feel more delightful',
        currentVersion: { files: compileBlueprint(toolLibrary, compile), blueprint: toolLibrary },
      },
      recorder(),
    );

    expect(result.outcome).toBe('unchanged');
    if (result.outcome === 'unchanged') expect(result.message).toContain('Make it feel more delightful');
    expect(seen).toHaveLength(0);
  });

  it('stops when the job is cancelled, with the core abort error and no verification', async () => {
    const controller = new AbortController();
    const model = createScriptedModel().enqueue(generationTasks.customise, {
      respond: () => {
        controller.abort();
        return { files: [], deletedPaths: [] };
      },
    });
    const { validate, seen } = scriptedValidation({ checks: [renders] });
    const hooks = recorder();
    await expect(
      generateApp(
        { model, validate },
        { ...create(toolLibrary, [requirement]), signal: controller.signal },
        hooks,
      ),
    ).rejects.toBeInstanceOf(ModelAbortedError);
    expect(seen).toHaveLength(0);
    expect(hooks.types()).not.toContain('validation_finished');
  });
});
