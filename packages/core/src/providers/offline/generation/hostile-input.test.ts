import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Blueprint, emptyBlueprint } from '../../../blueprint/blueprint.ts';
import { FileSet } from '../../../generation/file-set.ts';
import {
  FileChanges,
  generationTasks,
  type LedgerFactView,
  PlanOutput,
  type SourceFile,
} from '../../../generation/task-schemas.ts';
import type { JobKind } from '../../../job.ts';
import type { Fact } from '../../../ledger.ts';
import type { Question } from '../../../question.ts';
import type { QuestionDecision } from '../../../questioning/decision-change.ts';
import { runQuestioningTurn } from '../../../questioning/run-questioning-turn.ts';
import type { TurnInput } from '../../../questioning/turn-contract.ts';
import { hostileStrings, randomHostileString, seededRandom } from '../../../testing/hostile-text.ts';
import { createTestVerifier } from '../../../testing/test-verifier.ts';
import type { VerificationCheck } from '../../../validation/browser/checks.ts';
import { bundleApp } from '../../../validation/bundle-app.ts';
import { typecheckApp } from '../../../validation/typecheck-app.ts';
import { createOfflineModel } from '../offline-model.ts';
import { AppSpec } from './app-spec.ts';
import { offlineGenerationHandlers } from './index.ts';
import { appDataPath } from './templates/app-data-file.ts';

/*
 * Hostile text through the offline model's three ways in — the request, answers and change
 * requests — all the way to generated files. What must hold for every input:
 * - every file bundles;
 * - the data module is a single exported literal (checked on its syntax tree), evaluates in a bare
 *   V8 context to exactly what JSON.parse reads from it, and never runs the canary;
 * - dangerous text appears in no other file, and in the bundle never as code;
 * - in the deep cases (every payload at once, the proven exploit) the app also type-checks and,
 *   in the sandboxed browser, shows the title as exactly that text with no injected elements.
 */

const model = createOfflineModel({ handlers: offlineGenerationHandlers });
const titleMaxLength = Blueprint.shape.title.maxLength ?? Number.POSITIVE_INFINITY;
const verifier = createTestVerifier();
afterAll(() => verifier.close());

/**
 * In the sandboxed browser: the title shows as the exact text, and no hostile markup became
 * elements (a hostile `<img onerror>` or `<script>` rendered as HTML would be counted here).
 */
function shownAsText(title: string): VerificationCheck[] {
  return [
    {
      id: 'title-is-text',
      title: 'The title is shown as text',
      run: async (page) => {
        const shown = await page.textOf('h1');
        return { ok: shown === title, detail: JSON.stringify(shown?.slice(0, 200)) };
      },
    },
    {
      id: 'no-injected-elements',
      title: 'No markup from the text became elements',
      run: async (page) => {
        const injected = await page.count('#root img, #root script, #root iframe');
        return { ok: injected === 0, detail: `${injected} injected elements` };
      },
    },
  ];
}

interface Interviewed {
  ledger: Fact[];
  blueprint: Blueprint;
}

/** Plays an interview against the offline model the way the worker and UI do, answering with `answer`. */
async function interview(
  request: string,
  answer: (question: Question) => string | null,
  kind: JobKind = 'create',
  baseBlueprint: Blueprint | null = null,
): Promise<Interviewed> {
  let ledger: Fact[] = [];
  let blueprint: Blueprint | null = null;
  const questions: Question[] = [];
  const questionDecisions: Record<string, QuestionDecision> = {};
  let latest: TurnInput = { kind: 'request' };
  for (let turn = 0; turn <= 4; turn++) {
    const result = await runQuestioningTurn(
      { model, newId: randomUUID },
      {
        request,
        kind,
        questions,
        questionDecisions,
        ledger,
        blueprint,
        baseBlueprint,
        latest,
        maxQuestions: 4,
      },
    );
    ledger = result.ledger;
    blueprint = result.blueprint;
    if (result.outcome.action === 'complete') return { ledger, blueprint };
    const question: Question = {
      ...result.outcome.question,
      id: randomUUID(),
      number: questions.length + 1,
      status: 'open',
      answer: null,
    };
    if (result.outcome.decision) questionDecisions[question.id] = result.outcome.decision;
    const text = answer(question);
    const optionIds = text === null ? question.options.filter((o) => o.recommended).map((o) => o.id) : [];
    questions.push({ ...question, status: 'answered', answer: { optionIds, text } });
    latest = { kind: 'answer', questionId: question.id };
  }
  return { ledger, blueprint: blueprint ?? emptyBlueprint() };
}

const view = (fact: Fact): LedgerFactView => ({
  kind: fact.kind,
  text: fact.text,
  topic: fact.topic ?? null,
});

/** The offline model's plan and write steps, each output crossing its task schema as in generateApp. */
async function writeApp(
  kind: JobKind,
  request: string,
  state: Interviewed,
  current: SourceFile[] | null,
): Promise<SourceFile[]> {
  const ledgerViews = state.ledger.map(view);
  const files = new FileSet(current ?? []);
  const call = async <T>(task: string, input: unknown, schema: z.ZodType<T>): Promise<T> =>
    (await model.call({ task, instructions: '', input, schema, schemaName: task, phase: 'generation' }))
      .output;
  const plan = await call(
    generationTasks.plan,
    { kind, request, ledger: ledgerViews, blueprint: state.blueprint, currentFiles: current },
    PlanOutput,
  );
  for (const [stepIndex, step] of plan.steps.entries()) {
    const input = {
      kind,
      request,
      ledger: ledgerViews,
      blueprint: state.blueprint,
      plan: plan.steps,
      stepIndex,
      step,
      files: files.list(),
    };
    files.apply(await call(generationTasks.writeStep, input, FileChanges));
  }
  return files.list();
}

type LiteralValue = null | boolean | number | string | LiteralValue[] | { [key: string]: LiteralValue };

/** The value of a pure literal expression, or a throw for anything else (calls, identifiers, templates…). */
function literalValue(node: ts.Expression): LiteralValue {
  if (ts.isStringLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  )
    return -Number(node.operand.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literalValue);
  if (ts.isObjectLiteralExpression(node)) {
    const entries = node.properties.map((property) => {
      if (!ts.isPropertyAssignment(property) || !ts.isStringLiteral(property.name))
        throw new Error(`not a plain "key": value property: ${property.getText()}`);
      return [property.name.text, literalValue(property.initializer)] as const;
    });
    return Object.fromEntries(entries);
  }
  throw new Error(`not a literal: ${ts.SyntaxKind[node.kind]}`);
}

/** Asserts the data module is `export const appData = <literal> as const;` and nothing else. */
function parseDataModule(content: string): LiteralValue {
  const source = ts.createSourceFile(appDataPath, content, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  expect(source.statements).toHaveLength(1);
  const statement = source.statements[0];
  if (!statement || !ts.isVariableStatement(statement))
    throw new Error('the data module is not one declaration');
  expect(statement.modifiers?.map((modifier) => modifier.kind)).toEqual([ts.SyntaxKind.ExportKeyword]);
  expect(statement.declarationList.flags & ts.NodeFlags.Const).toBeTruthy();
  const [declaration, ...others] = statement.declarationList.declarations;
  expect(others).toEqual([]);
  if (!declaration?.initializer || !ts.isAsExpression(declaration.initializer))
    throw new Error('appData is not `<literal> as const`');
  expect(declaration.name.getText()).toBe('appData');
  expect(declaration.initializer.type.getText()).toBe('const');
  return literalValue(declaration.initializer.expression);
}

/** Evaluates the data module alone, as JavaScript, in a context with no Node globals. */
function evaluateDataModule(content: string): { value: unknown; pwned: boolean } {
  const js = esbuild.transformSync(content, { loader: 'ts', format: 'cjs' }).code;
  const module = { exports: {} as Record<string, unknown> };
  const context = vm.createContext(Object.assign(Object.create(null), { module, exports: module.exports }));
  vm.runInContext(js, context, { timeout: 1_000 });
  const sandbox = context as { __pwned?: unknown };
  return { value: module.exports.appData, pwned: sandbox.__pwned !== undefined };
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** Text that could change code if it ever left a string: never in any file but the data module. */
const dangerousPattern = /['"`\\$<>{}\u2028\u2029\n]|\*\/|\/\//;
const dangerous = { test: (text: string) => dangerousPattern.test(text) || text.includes('\u0000') };
const markers = [
  '__pwned',
  'process.exit',
  'alert(',
  '</script',
  '<!--',
  'onerror',
  '\u2028',
  '\u2029',
  '\u0000',
];

/** Identifiers the canary would need to run as code; only string literals may hold them. */
function identifiersIn(js: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('bundle.js', js, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return names;
}

async function expectContained(files: readonly SourceFile[], options: { deep?: boolean } = {}) {
  const dataFile = files.find((file) => file.path === appDataPath);
  if (!dataFile) throw new Error('no data module was generated');
  const parsed = parseDataModule(dataFile.content);
  const evaluated = evaluateDataModule(dataFile.content);
  expect(evaluated.pwned).toBe(false);
  expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  expect(evaluated.value).toEqual(parsed);
  const spec = AppSpec.parse((parsed as { spec: unknown }).spec);

  const texts = stringLeaves(parsed).filter((text) => dangerous.test(text) && text.length >= 8);
  for (const file of files) {
    if (file.path === appDataPath) continue;
    for (const marker of markers)
      expect(file.content, `${file.path} contains ${JSON.stringify(marker)}`).not.toContain(marker);
    for (const text of texts)
      expect(file.content.includes(text), `${file.path} contains ${JSON.stringify(text)}`).toBe(false);
  }

  const bundle = await bundleApp(files, { sourceMap: options.deep });
  expect(bundle.ok, JSON.stringify(!bundle.ok && bundle.problems)).toBe(true);
  // Parsing the whole bundle (React included, ~1 MB) costs about a second: only in the deep cases.
  if (options.deep && bundle.ok) {
    expect(identifiersIn(bundle.js).has('__pwned'), 'the bundle uses __pwned as code').toBe(false);
    expect(bundle.js).toContain('__pwned');
    expect(await typecheckApp(files)).toEqual([]);
    const verdict = await verifier.verifyApp(bundle, shownAsText(spec.title));
    expect(verdict.problems).toEqual([]);
    expect(verdict.checks.map((check) => [check.id, check.ok, check.detail])).toEqual([
      [expect.any(String), true, expect.any(String)],
      ['title-is-text', true, expect.any(String)],
      ['no-injected-elements', true, '0 injected elements'],
    ]);
  }
  return { spec, texts: stringLeaves(parsed) };
}

/** Whether some dangerous piece of `text` (a run of 3+ characters) made it into the data module. */
function reachedData(text: string, texts: readonly string[]): boolean {
  return texts.some((leaf) =>
    Array.from({ length: Math.max(0, text.length - 2) }, (_, start) => text.slice(start, start + 3)).some(
      (piece) => dangerous.test(piece) && leaf.includes(piece),
    ),
  );
}

const random = seededRandom(0xbad5eed);
const corpus = [...hostileStrings, ...Array.from({ length: 8 }, () => randomHostileString(random))];

describe('hostile text through the offline model', () => {
  it('in the request: ends up only as data', async () => {
    let reached = 0;
    for (const text of corpus) {
      const request = `A support ticket tracker ${text}. Each ticket records: title, ${text}, priority. Statuses: Open → ${text} → Closed`;
      const state = await interview(request, () => null);
      const files = await writeApp('create', request, state, null);
      const { texts } = await expectContained(files);
      if (reachedData(text, texts)) reached += 1;
    }
    // Not vacuous: most payloads must actually reach the app (some are whitespace, or dropped as too long).
    expect(reached).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('in answers: ends up only as data', async () => {
    let reached = 0;
    for (const text of corpus) {
      const state = await interview(
        'A tracker for our support tickets',
        () => `title, ${text} and priority ${text}`,
      );
      const files = await writeApp('create', 'A tracker for our support tickets', state, null);
      const { texts } = await expectContained(files);
      if (reachedData(text, texts)) reached += 1;
    }
    // Not vacuous: most payloads must actually reach the app (some are whitespace, or dropped as too long).
    expect(reached).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('in change requests: ends up only as data, and a rename keeps the exact words', async () => {
    const base = await interview('A tracker for our support tickets', () => null);
    const built = await writeApp('create', 'A tracker for our support tickets', base, null);
    let reached = 0;
    for (const text of corpus) {
      // The rename pattern takes the title up to a quote, a newline or a full stop, and the
      // blueprint keeps at most its title's length of it.
      const title = (`Desk ${text}`.split(/["”\n.]/)[0]?.trim() ?? '').slice(0, titleMaxLength);
      const request = `Rename it to ${title}`;
      const renamed = await interview(request, () => text, 'change', base.blueprint);
      const changed = await writeApp('change', request, renamed, built);
      const { spec } = await expectContained(changed);
      expect(spec.title).toBe(title);
      const more = `Add a ${text} field and add a status called ${text}`;
      const added = await interview(more, () => text, 'change', renamed.blueprint);
      const { texts } = await expectContained(await writeApp('change', more, added, changed));
      if (reachedData(text, texts)) reached += 1;
    }
    // Not vacuous: most payloads must actually reach the app (some are whitespace, or dropped as too long).
    expect(reached).toBeGreaterThanOrEqual(12);
  }, 180_000);

  it('the proven exploit: a rename followed by U+2028 and JavaScript stays a title: type-checks, and shows as text in the sandboxed browser', async () => {
    const base = await interview('A tracker for our support tickets', () => null);
    const built = await writeApp('create', 'A tracker for our support tickets', base, null);
    // No full stop or double quote, which would end the rename: the whole payload is the title.
    const payload =
      "__pwned = 1; require('child_process') <img src=x onerror=__pwned=1><script>__pwned=1</script>";
    const request = `Rename it to Desk\u2028${payload}`;
    const renamed = await interview(request, () => null, 'change', base.blueprint);
    const changed = await writeApp('change', request, renamed, built);
    const { spec } = await expectContained(changed, { deep: true });
    expect(spec.title).toBe(`Desk\u2028${payload}`);
  }, 60_000);

  it('every hostile string at once, in request, answers and change: builds, type-checks and renders as text', async () => {
    const all = hostileStrings.map((text) => text.slice(0, 300)).join(', ');
    const request = `Each ticket records: title, ${all}. Statuses: New → ${all} → Done`;
    const state = await interview(request, () => all);
    const built = await writeApp('create', request, state, null);
    await expectContained(built, { deep: true });
    const change = `Add a ${all} field, add a status called ${all} and rename it to ${all}`;
    const changed = await interview(change, () => all, 'change', state.blueprint);
    await expectContained(await writeApp('change', change, changed, built), { deep: true });
  }, 120_000);
});
