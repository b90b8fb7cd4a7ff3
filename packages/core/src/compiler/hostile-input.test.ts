import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { Blueprint, emptyBlueprint } from '../blueprint/blueprint.ts';
import type { JobKind } from '../job.ts';
import type { Fact } from '../ledger.ts';
import { createOfflineModel } from '../providers/offline/offline-model.ts';
import type { Question } from '../question.ts';
import type { QuestionDecision } from '../questioning/decision-change.ts';
import { runQuestioningTurn } from '../questioning/run-questioning-turn.ts';
import type { TurnInput } from '../questioning/turn-contract.ts';
import { hostileStrings, randomHostileString, seededRandom } from '../testing/hostile-text.ts';
import { createTestVerifier } from '../testing/test-verifier.ts';
import type { AppFile } from '../validation/app-files.ts';
import type { VerificationCheck } from '../validation/browser/checks.ts';
import { bundleApp } from '../validation/bundle-app.ts';
import { typecheckApp } from '../validation/typecheck-app.ts';
import { compileBlueprint } from './compile-blueprint.ts';
import { blueprintModulePath, dataModulePaths, sampleModulePath } from './data-modules.ts';
import { templateFiles } from './generated/template-files.gen.ts';

/*
 * Hostile text through the offline pipeline's three ways in — the request, answers and change
 * requests — read by the offline understanding into a blueprint, then compiled (compileBlueprint)
 * into app files. What must hold for every input:
 * - every app bundles;
 * - each data module is one type-only import and a single exported literal (checked on its syntax
 *   tree), evaluates in a bare V8 context to exactly what JSON.parse reads from its literal, and
 *   never runs the canary;
 * - hostile text appears in no other file (every other file is the template's, byte for byte),
 *   and in the bundle never as code;
 * - in the deep cases (every payload at once, the proven exploit) the app also type-checks and,
 *   in the sandboxed browser, shows the title as exactly that text with no injected elements.
 */

const model = createOfflineModel();
const titleMaxLength = Blueprint.shape.title.maxLength ?? Number.POSITIVE_INFINITY;
const today = '2025-03-10';
// Generous limits: this proves containment, not speed, on a machine other tests also load.
const verifier = createTestVerifier({ cpuLimitMs: 20_000, wallLimitMs: 60_000, actionTimeoutMs: 10_000 });
afterAll(() => verifier.close());

/**
 * In the sandboxed browser: the title shows as the exact text, and no hostile markup became
 * elements (a hostile `<img onerror>` or `<script>` rendered as HTML would be counted here; the
 * template itself renders none of these).
 */
function shownAsText(title: string): VerificationCheck[] {
  return [
    {
      id: 'title-is-text',
      title: 'The title is shown as text',
      run: async (page) => {
        const shown = await page.textOf('.brand-title');
        return { ok: shown === title, detail: JSON.stringify(shown?.slice(0, 200)) };
      },
    },
    {
      id: 'no-injected-elements',
      title: 'No markup from the text became elements',
      run: async (page) => {
        const injected = await page.count('#root img, #root script, #root iframe, #root object, #root embed');
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

/** The generation phase's first step, as generateApp runs it: the blueprint compiled. */
function compile(state: Interviewed): AppFile[] {
  expect(Blueprint.safeParse(state.blueprint).success).toBe(true);
  return compileBlueprint(state.blueprint, { today });
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

/** The exported name and type each data module declares. */
const dataModuleShapes: Record<string, { name: string; type: string }> = {
  [blueprintModulePath]: { name: 'blueprint', type: 'AppBlueprint' },
  [sampleModulePath]: { name: 'sampleData', type: 'SampleData' },
};

/**
 * Asserts the data module is `import type { T } from './schema'; export const name: T = <literal>;`
 * and nothing else, and returns the literal's value and its source text.
 */
function parseDataModule(path: string, content: string): { value: LiteralValue; literal: string } {
  const shape = dataModuleShapes[path];
  if (!shape) throw new Error(`not a data module: ${path}`);
  const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  expect(source.statements, path).toHaveLength(2);
  const [importStatement, statement] = source.statements;
  if (!importStatement || !ts.isImportDeclaration(importStatement))
    throw new Error(`${path}: the first statement is not an import`);
  expect(importStatement.importClause?.isTypeOnly, `${path}: the import is type-only`).toBe(true);
  expect(importStatement.importClause?.getText()).toBe(`type { ${shape.type} }`);
  expect(importStatement.moduleSpecifier.getText()).toBe("'./schema'");
  if (!statement || !ts.isVariableStatement(statement))
    throw new Error(`${path}: the second statement is not one declaration`);
  expect(statement.modifiers?.map((modifier) => modifier.kind)).toEqual([ts.SyntaxKind.ExportKeyword]);
  expect(statement.declarationList.flags & ts.NodeFlags.Const).toBeTruthy();
  const [declaration, ...others] = statement.declarationList.declarations;
  expect(others).toEqual([]);
  if (!declaration?.initializer) throw new Error(`${path}: the declaration has no value`);
  expect(declaration.name.getText()).toBe(shape.name);
  expect(declaration.type?.getText()).toBe(shape.type);
  return { value: literalValue(declaration.initializer), literal: declaration.initializer.getText() };
}

/** Evaluates a data module alone, as JavaScript, in a context with no Node globals. */
function evaluateDataModule(path: string, content: string): { value: unknown; pwned: boolean } {
  const js = esbuild.transformSync(content, { loader: 'ts', format: 'cjs' }).code;
  const module = { exports: {} as Record<string, unknown> };
  const context = vm.createContext(Object.assign(Object.create(null), { module, exports: module.exports }));
  vm.runInContext(js, context, { timeout: 1_000 });
  const sandbox = context as { __pwned?: unknown };
  return { value: module.exports[dataModuleShapes[path]?.name ?? ''], pwned: sandbox.__pwned !== undefined };
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (typeof value === 'object' && value !== null)
    return [...Object.keys(value), ...Object.values(value).flatMap(stringLeaves)];
  return [];
}

/** Text that could change code if it ever left a string: never in any file but the data modules. */
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

interface Contained {
  /** The app's title as the blueprint data module holds it. */
  title: string;
  /** Every string in the data modules (keys and values). */
  texts: string[];
}

async function expectContained(
  files: readonly AppFile[],
  options: { deep?: boolean } = {},
): Promise<Contained> {
  const paths = files.map((file) => file.path);
  expect(paths.sort()).toEqual([...Object.keys(templateFiles), ...dataModulePaths].sort());
  const texts: string[] = [];
  let title: string | null = null;
  for (const path of dataModulePaths) {
    const content = files.find((file) => file.path === path)?.content;
    if (content === undefined) throw new Error(`no data module ${path}`);
    const parsed = parseDataModule(path, content);
    const evaluated = evaluateDataModule(path, content);
    expect(evaluated.pwned, `${path} ran the canary`).toBe(false);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    // Three readings of the one literal agree: its syntax tree, V8, and JSON.
    expect(evaluated.value).toEqual(parsed.value);
    expect(JSON.parse(parsed.literal)).toEqual(parsed.value);
    texts.push(...stringLeaves(parsed.value));
    if (path === blueprintModulePath) title = String((parsed.value as { title?: unknown }).title);
  }
  if (title === null) throw new Error('the blueprint module has no title');

  const hostileTexts = texts.filter((text) => dangerous.test(text) && text.length >= 8);
  for (const file of files) {
    if (dataModulePaths.has(file.path)) continue;
    // Every other file is the template's as it is in the repository: nothing of the input in it.
    expect(file.content, `${file.path} differs from the template`).toBe(templateFiles[file.path]);
    for (const marker of markers)
      expect(file.content, `${file.path} contains ${JSON.stringify(marker)}`).not.toContain(marker);
    for (const text of hostileTexts)
      expect(file.content.includes(text), `${file.path} contains ${JSON.stringify(text)}`).toBe(false);
  }

  const bundle = await bundleApp(files, { sourceMap: options.deep });
  expect(bundle.ok, JSON.stringify(!bundle.ok && bundle.problems)).toBe(true);
  // Parsing the whole bundle (React included, ~1 MB) costs about a second: only in the deep cases.
  if (options.deep && bundle.ok) {
    expect(identifiersIn(bundle.js).has('__pwned'), 'the bundle uses __pwned as code').toBe(false);
    expect(bundle.js, 'the payload reached the bundle (as data)').toContain('__pwned');
    expect(await typecheckApp(files)).toEqual([]);
    const verdict = await verifier.verifyApp(bundle, shownAsText(title));
    expect(verdict.problems).toEqual([]);
    expect(verdict.checks.map((check) => [check.id, check.ok, check.detail])).toEqual([
      [expect.any(String), true, expect.any(String)],
      ['title-is-text', true, JSON.stringify(title.slice(0, 200))],
      ['no-injected-elements', true, '0 injected elements'],
    ]);
  }
  return { title, texts };
}

/** Whether some dangerous piece of `text` (a run of 3+ characters) made it into the data modules. */
function reachedData(text: string, texts: readonly string[]): boolean {
  return texts.some((leaf) =>
    Array.from({ length: Math.max(0, text.length - 2) }, (_, start) => text.slice(start, start + 3)).some(
      (piece) => dangerous.test(piece) && leaf.includes(piece),
    ),
  );
}

const random = seededRandom(0xbad5eed);
const corpus = [...hostileStrings, ...Array.from({ length: 8 }, () => randomHostileString(random))];

describe('hostile text through the offline understanding and the compiler', () => {
  it('in the request: ends up only as data', async () => {
    let reached = 0;
    for (const text of corpus) {
      const request = `A support ticket tracker ${text}. Each ticket records: title, ${text}, priority. Statuses: Open → ${text} → Closed`;
      const { texts } = await expectContained(compile(await interview(request, () => null)));
      if (reachedData(text, texts)) reached += 1;
    }
    // Not vacuous: most payloads must actually reach the app (some are whitespace, or dropped as too long).
    expect(reached).toBeGreaterThanOrEqual(12);
  }, 180_000);

  it('in answers: ends up only as data', async () => {
    let reached = 0;
    for (const text of corpus) {
      const state = await interview(
        'A tracker for our support tickets',
        () => `title, ${text} and priority ${text}`,
      );
      const { texts } = await expectContained(compile(state));
      if (reachedData(text, texts)) reached += 1;
    }
    expect(reached).toBeGreaterThanOrEqual(12);
  }, 180_000);

  it('in change requests: ends up only as data, and a rename keeps the exact words', async () => {
    const base = await interview('A tracker for our support tickets', () => null);
    let reached = 0;
    for (const text of corpus) {
      // The rename takes the title up to a double quote, a newline or a full stop, and the
      // blueprint keeps at most its title's length of it.
      const title = (`Desk ${text}`.split(/["”\n.]/)[0]?.trim() ?? '').slice(0, titleMaxLength);
      const request = `Rename it to ${title}`;
      const renamed = await interview(request, () => text, 'change', base.blueprint);
      expect(renamed.blueprint.title).toBe(title);
      const shown = await expectContained(compile(renamed));
      expect(shown.title).toBe(title);
      const more = `Add a ${text} field and add a status called ${text}`;
      const added = await interview(more, () => text, 'change', renamed.blueprint);
      const { texts } = await expectContained(compile(added));
      if (reachedData(text, texts)) reached += 1;
    }
    expect(reached).toBeGreaterThanOrEqual(12);
  }, 240_000);

  it('the proven exploit: a rename followed by U+2028 and JavaScript stays a title: type-checks, and shows as text in the sandboxed browser', async () => {
    const base = await interview('A tracker for our support tickets', () => null);
    // No full stop or double quote, which would end the rename: the whole payload is the title.
    const payload =
      "__pwned = 1; require('child_process') <img src=x onerror=__pwned=1><script>__pwned=1</script>";
    const request = `Rename it to Desk\u2028${payload}`;
    const renamed = await interview(request, () => null, 'change', base.blueprint);
    const { title } = await expectContained(compile(renamed), { deep: true });
    expect(title).toBe(`Desk\u2028${payload}`);
  }, 120_000);

  it('every hostile string at once, in request, answers and change: builds, type-checks and renders as text', async () => {
    const all = hostileStrings.map((text) => text.slice(0, 300)).join(', ');
    const request = `Each ticket records: title, ${all}. Statuses: New → ${all} → Done`;
    const state = await interview(request, () => all);
    const built = await expectContained(compile(state), { deep: true });
    expect(reachedData(all, built.texts)).toBe(true);
    const change = `Add a ${all} field, add a status called ${all} and rename it to ${all}`;
    const changed = await interview(change, () => all, 'change', state.blueprint);
    const rebuilt = await expectContained(compile(changed), { deep: true });
    expect(reachedData(all, rebuilt.texts)).toBe(true);
  }, 180_000);
});
