import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Blueprint } from '../src/blueprint/blueprint.ts';
import { validateBlueprint } from '../src/blueprint/validate-blueprint.ts';
import { understandText } from '../src/providers/offline/understanding/index.ts';
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
  score: CaseScore;
  clarity: EvalCase['clarity'];
  /** Problems `validateBlueprint` found (always expected empty). */
  invalid: string[];
}

export interface SetReport {
  set: string;
  mode: 'understanding';
  cases: number;
  statedItems: number;
  fieldTypes: number;
  options: number;
  entities: number;
  views: number;
  audience: number;
  invalidBlueprints: number;
  misses: Record<string, string[]>;
}

export function loadCases(file: 'requests.json' | 'holdout.json' | 'holdout-2.json'): EvalCase[] {
  return EvalFile.parse(JSON.parse(readFileSync(path.join(here, file), 'utf8'))).cases;
}

/**
 * The blueprint the offline model makes of a request. The questioning pipeline does not read the
 * request into a blueprint yet (its offline turn still fills fixed slots), so this measures the
 * understanding on the prompt alone.
 */
export function blueprintOf(testCase: EvalCase): Blueprint {
  return understandText({ text: testCase.prompt, base: null, focus: null }).blueprint;
}

export function evaluate(set: string, cases: readonly EvalCase[]): SetReport {
  const results: CaseResult[] = cases.map((testCase) => {
    const blueprint = blueprintOf(testCase);
    return {
      score: scoreBlueprint(testCase, blueprint),
      clarity: testCase.clarity,
      invalid: validateBlueprint(blueprint).map((problem) => `${problem.path}: ${problem.message}`),
    };
  });
  const total = (pick: (score: CaseScore) => Tally) =>
    percent(sum(results.map((result) => pick(result.score))));
  const misses: Record<string, string[]> = {};
  for (const result of results) {
    const all = [...result.score.misses, ...result.invalid.map((problem) => `invalid: ${problem}`)];
    if (all.length > 0) misses[result.score.id] = all;
  }
  return {
    set,
    mode: 'understanding',
    cases: cases.length,
    statedItems: total((score) => score.expect),
    fieldTypes: total((score) => score.types),
    options: total((score) => score.options),
    entities: total((score) => score.entities),
    views: total((score) => score.views),
    audience: total((score) => score.audience),
    invalidBlueprints: results.filter((result) => result.invalid.length > 0).length,
    misses,
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
    ['blueprints failing validateBlueprint', (report) => String(report.invalidBlueprints)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\npnpm eval — offline understanding (mode: ${reports[0]?.mode})`);
  console.log(`${''.padEnd(width)}  ${reports.map((report) => report.set.padStart(10)).join('  ')}`);
  for (const [label, value] of rows)
    console.log(`${label.padEnd(width)}  ${reports.map((report) => value(report).padStart(10)).join('  ')}`);
  console.log(
    '\nNot measured yet: stated items in the built app (needs the compiler of issue 11); re-asked questions,',
  );
  console.log(
    'questions before readiness ≥ 80 and questions for vague requests (need the blueprint-driven questioning turn).',
  );
  for (const report of reports) {
    const entries = Object.entries(report.misses);
    if (entries.length === 0) continue;
    console.log(`\nMisses in ${report.set}:`);
    for (const [id, misses] of entries) console.log(`  ${id}: ${misses.join('; ')}`);
  }
}

export function runEval(): SetReport[] {
  return [evaluate('main', loadCases('requests.json')), evaluate('holdout', loadCases('holdout.json'))];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reports = runEval();
  printReport(reports);
  writeFileSync(
    path.join(here, 'results.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), reports }, null, 2)}\n`,
  );
  console.log(`\nwritten to ${path.relative(process.cwd(), path.join(here, 'results.json'))}`);
}
