import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Blueprint } from '../src/blueprint/blueprint.ts';
import { validateBlueprint } from '../src/blueprint/validate-blueprint.ts';
import { understandText } from '../src/providers/offline/understanding/index.ts';
import { type BrowserVerifier, createBrowserVerifier } from '../src/validation/browser/browser-verifier.ts';
import { findChromium } from '../src/validation/browser/find-chromium.ts';
import { type BuiltAppReport, type BuiltCase, buildCase, reportBuiltApps } from './built-app-report.ts';
import { type Interview, interview } from './run-pipeline.ts';
import {
  type CaseScore,
  type EvalCase,
  EvalFile,
  percent,
  scoreBlueprint,
  sum,
  type Tally,
} from './score-blueprint.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface CaseResult {
  id: string;
  clarity: EvalCase['clarity'];
  /** The final blueprint of the offline pipeline, scored. */
  score: CaseScore;
  /** The request read alone (no questions), scored: what the understanding keeps by itself. */
  promptScore: CaseScore;
  /** Problems `validateBlueprint` found (always expected empty). */
  invalid: string[];
  questions: Interview['questions'];
  reasked: string[];
  /** The final blueprint compiled, run in the browser and scored on what it shows; null when not built. */
  built: BuiltCase | null;
}

/** Scores in percent; question figures as counts and averages. */
export interface SetReport {
  set: string;
  cases: number;
  statedItems: number;
  /** The hits behind `statedItems`, to add sets up. */
  statedItemsTally: Tally;
  fieldTypes: number;
  options: number;
  entities: number;
  views: number;
  audience: number;
  /** The same checks on the request read alone, before any question. */
  promptOnly: {
    statedItems: number;
    fieldTypes: number;
    options: number;
    entities: number;
    views: number;
    audience: number;
  };
  invalidBlueprints: number;
  reaskedQuestions: number;
  /** Average number of questions a request got while readiness was below 80. */
  questionsBeforeReady: number;
  averageQuestionsWellSpecified: number;
  vagueWithEarlyQuestion: { hit: number; total: number };
  misses: Record<string, string[]>;
  transcripts: Record<string, string[]>;
  /** Stated items in the built apps; null when the eval ran without a browser. */
  builtApp: BuiltAppReport | null;
}

export interface EvaluateOptions {
  /** Builds every final blueprint and reads what the app shows in this (warm) browser. */
  verifier?: BrowserVerifier;
}

/** The sets `pnpm eval` runs, in its columns' order: the project's own, then the held-out ones. */
export const evalSets = [
  { set: 'main', file: 'requests.json' },
  { set: 'holdout', file: 'holdout.json' },
  { set: 'holdout-2', file: 'holdout-2.json' },
  { set: 'holdout-3', file: 'holdout-3.json' },
  { set: 'holdout-4', file: 'holdout-4.json' },
  { set: 'holdout-5', file: 'holdout-5.json' },
  { set: 'holdout-6', file: 'holdout-6.json' },
  { set: 'holdout-7', file: 'holdout-7.json' },
] as const;

export type EvalSetFile = (typeof evalSets)[number]['file'];

export function loadCases(file: EvalSetFile): EvalCase[] {
  return EvalFile.parse(JSON.parse(readFileSync(path.join(here, file), 'utf8'))).cases;
}

/** The request read alone, with no questions: the understanding's own share. */
export function blueprintOf(testCase: EvalCase): Blueprint {
  return understandText({ text: testCase.prompt, base: null, focus: null }).blueprint;
}

const average = (values: readonly number[]) =>
  values.length === 0
    ? 0
    : Math.round((values.reduce((total, value) => total + value, 0) / values.length) * 100) / 100;

export async function evaluate(
  set: string,
  cases: readonly EvalCase[],
  options: EvaluateOptions = {},
): Promise<SetReport> {
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const run = await interview(testCase.prompt);
    const patterns = (testCase.mustNotAsk ?? []).map((source) => new RegExp(source, 'i'));
    const score = scoreBlueprint(testCase, run.blueprint);
    results.push({
      id: testCase.id,
      clarity: testCase.clarity,
      score,
      promptScore: scoreBlueprint(testCase, blueprintOf(testCase)),
      invalid: validateBlueprint(run.blueprint).map((problem) => `${problem.path}: ${problem.message}`),
      questions: run.questions,
      reasked: run.questions
        .filter((question) => patterns.some((pattern) => pattern.test(question.text)))
        .map((question) => question.text),
      built: options.verifier ? await buildCase(options.verifier, testCase, run.blueprint, score) : null,
    });
  }
  const total = (pick: (score: CaseScore) => Tally, prompt = false) =>
    percent(sum(results.map((result) => pick(prompt ? result.promptScore : result.score))));
  const misses: Record<string, string[]> = {};
  const transcripts: Record<string, string[]> = {};
  for (const result of results) {
    const all = [
      ...result.score.misses,
      ...result.invalid.map((problem) => `invalid: ${problem}`),
      ...result.reasked.map((question) => `re-asked: "${question}"`),
    ];
    if (all.length > 0) misses[result.id] = all;
    transcripts[result.id] = result.questions.map(
      (question) =>
        `Q${question.number} (readiness ${question.readiness}): ${question.text} → ${question.answer ?? '(free text)'}`,
    );
  }
  const vague = results.filter((result) => result.clarity === 'vague');
  return {
    set,
    cases: cases.length,
    statedItems: total((score) => score.expect),
    statedItemsTally: sum(results.map((result) => result.score.expect)),
    fieldTypes: total((score) => score.types),
    options: total((score) => score.options),
    entities: total((score) => score.entities),
    views: total((score) => score.views),
    audience: total((score) => score.audience),
    promptOnly: {
      statedItems: total((score) => score.expect, true),
      fieldTypes: total((score) => score.types, true),
      options: total((score) => score.options, true),
      entities: total((score) => score.entities, true),
      views: total((score) => score.views, true),
      audience: total((score) => score.audience, true),
    },
    invalidBlueprints: results.filter((result) => result.invalid.length > 0).length,
    reaskedQuestions: results.reduce((count, result) => count + result.reasked.length, 0),
    questionsBeforeReady: average(
      results.map((result) => result.questions.filter((question) => question.readiness < 80).length),
    ),
    averageQuestionsWellSpecified: average(
      results
        .filter((result) => result.clarity === 'well-specified')
        .map((result) => result.questions.length),
    ),
    vagueWithEarlyQuestion: {
      hit: vague.filter((result) => (result.questions[0]?.readiness ?? 100) < 50).length,
      total: vague.length,
    },
    misses,
    transcripts,
    builtApp: options.verifier ? reportBuiltApps(results) : null,
  };
}

function printReport(reports: readonly SetReport[]): void {
  const rows: [string, (report: SetReport) => string][] = [
    ['cases', (report) => String(report.cases)],
    ['stated items in the blueprint (expect)', (report) => `${report.statedItems} %`],
    ['field types right (types)', (report) => `${report.fieldTypes} %`],
    ['options right and in order (options)', (report) => `${report.options} %`],
    ['entities (entities)', (report) => `${report.entities} %`],
    ['views, kind + title (views)', (report) => `${report.views} %`],
    ['audience (audience)', (report) => `${report.audience} %`],
    ['  request alone: stated items', (report) => `${report.promptOnly.statedItems} %`],
    ['  request alone: field types', (report) => `${report.promptOnly.fieldTypes} %`],
    ['re-asked questions (mustNotAsk, target 0)', (report) => String(report.reaskedQuestions)],
    ['questions before readiness >= 80 (avg)', (report) => String(report.questionsBeforeReady)],
    [
      'questions, well-specified (avg, target <= 2)',
      (report) => String(report.averageQuestionsWellSpecified),
    ],
    [
      'vague: a question at readiness < 50',
      (report) => `${report.vagueWithEarlyQuestion.hit}/${report.vagueWithEarlyQuestion.total}`,
    ],
    ['blueprints failing validateBlueprint', (report) => String(report.invalidBlueprints)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    '\npnpm eval — the offline pipeline: questioning turns with the offline model, each question answered with',
  );
  console.log(
    'its recommended option, until complete; the final blueprint scored against what each request states.',
  );
  console.log(`\n${''.padEnd(width)}  ${reports.map((report) => report.set.padStart(10)).join('  ')}`);
  for (const [label, value] of rows)
    console.log(`${label.padEnd(width)}  ${reports.map((report) => value(report).padStart(10)).join('  ')}`);
  const built: [string, (report: BuiltAppReport) => string][] = [
    ['apps built and run in the browser', (report) => String(report.apps)],
    ['stated items in the built app (expect)', (report) => `${report.statedItems} %`],
    ['  the same, view kinds not counted as words', (report) => `${report.statedItemsWritten} %`],
    ['options shown, in order (options)', (report) => `${report.options} %`],
    ['entities shown (entities)', (report) => `${report.entities} %`],
    ['views shown, kind + title (views)', (report) => `${report.views} %`],
    ['audience shown (audience)', (report) => `${report.audience} %`],
    ['apps with problems (bundle, errors, unread)', (report) => String(report.appsWithProblems)],
    ['ms per app (compile, bundle, browser run)', (report) => String(report.averageMilliseconds)],
  ];
  const withApps = reports.flatMap((report) => (report.builtApp ? [report.builtApp] : []));
  if (withApps.length === reports.length) {
    console.log(
      '\nThe same final blueprints compiled, bundled and run in the sandboxed browser, scored on what',
    );
    console.log(
      'the app shows (navigation, view titles, columns, board columns, notes, form labels, options):',
    );
    for (const [label, value] of built)
      console.log(
        `${label.padEnd(width)}  ${withApps.map((report) => value(report).padStart(10)).join('  ')}`,
      );
  }
  const overall = overallOf(reports);
  console.log(
    `\nOverall, ${overall.cases} requests: stated items in the blueprint ${overall.statedItems} %` +
      (overall.builtApp
        ? `, in the built app ${overall.builtApp.statedItems} % (written words only ${overall.builtApp.statedItemsWritten} %)`
        : ''),
  );
  if (withApps.length !== reports.length)
    console.log('\nBuilt apps not measured (run without --no-browser to build and read every app).');
  for (const report of reports) {
    const entries = Object.entries(report.misses);
    if (entries.length === 0) continue;
    console.log(`\nMisses in ${report.set}:`);
    for (const [id, misses] of entries) console.log(`  ${id}: ${misses.join('; ')}`);
  }
  for (const report of reports) {
    for (const [title, record] of [
      ['In the blueprint but not shown by the built app', report.builtApp?.lostInBuild ?? {}],
      ['Problems of the built apps', report.builtApp?.problems ?? {}],
    ] as const) {
      const entries = Object.entries(record);
      if (entries.length === 0) continue;
      console.log(`\n${title} (${report.set}):`);
      for (const [id, items] of entries) console.log(`  ${id}: ${items.join('; ')}`);
    }
  }
}

/** Every set added up: the stated items' shares over all requests. */
export function overallOf(reports: readonly SetReport[]) {
  const built = reports.flatMap((report) => (report.builtApp ? [report.builtApp] : []));
  return {
    cases: reports.reduce((count, report) => count + report.cases, 0),
    statedItems: percent(sum(reports.map((report) => report.statedItemsTally))),
    builtApp:
      built.length === reports.length
        ? {
            statedItems: percent(sum(built.map((report) => report.tallies.statedItems))),
            statedItemsWritten: percent(sum(built.map((report) => report.tallies.statedItemsWritten))),
          }
        : null,
  };
}

export async function runEval(options: EvaluateOptions = {}): Promise<SetReport[]> {
  const reports: SetReport[] = [];
  for (const { set, file } of evalSets) reports.push(await evaluate(set, loadCases(file), options));
  return reports;
}

/**
 * The renderer budget of one app's run: the reader opens every view and form of an app in React's
 * development build, on a machine other work shares; the default 3 s of CPU is sized for one
 * generation's checks, not for this.
 */
const evalVerifierLimits = { cpuLimitMs: 30_000, wallLimitMs: 90_000, actionTimeoutMs: 5_000 };

async function main(): Promise<void> {
  const started = performance.now();
  let verifier: BrowserVerifier | undefined;
  if (!process.argv.includes('--no-browser')) {
    const chromium = findChromium();
    if (!chromium.found) throw new Error(`pnpm eval builds every app in Chromium: ${chromium.reason}`);
    verifier = createBrowserVerifier({ executablePath: chromium.executablePath, ...evalVerifierLimits });
  }
  try {
    const reports = await runEval({ verifier });
    printReport(reports);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(`\nthe whole eval took ${seconds} s`);
    writeFileSync(
      path.join(here, 'results.json'),
      `${JSON.stringify({ generatedAt: new Date().toISOString(), seconds, overall: overallOf(reports), reports }, null, 2)}\n`,
    );
  } finally {
    await verifier?.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
  console.log(`\nwritten to ${path.relative(process.cwd(), path.join(here, 'results.json'))}`);
}
