import type { Blueprint } from '../src/blueprint/blueprint.ts';
import type { BrowserVerifier } from '../src/validation/browser/browser-verifier.ts';
import { type CaseScore, type EvalCase, percent, scoreDesign, sum, type Tally } from './score-blueprint.ts';
import { buildAndRead, designOfShownApp } from './score-built-app.ts';

/** One request's final blueprint, built and scored on what the app shows. */
export interface BuiltCase {
  score: CaseScore;
  /** Stated items (expect) matched by words written on the screen only, view kinds left out. */
  writtenItems: Tally;
  /** Missed in the app although the blueprint has it: lost between blueprint and screen. */
  lostInBuild: string[];
  problems: string[];
  milliseconds: number;
}

/** Scores in percent, as in the blueprint's columns; field types are not read from the screen. */
export interface BuiltAppReport {
  apps: number;
  statedItems: number;
  /** The same, without counting a rendered view's kind as its word ("chart", "board"). */
  statedItemsWritten: number;
  options: number;
  entities: number;
  views: number;
  audience: number;
  /** Apps that did not bundle, logged errors or could not be read fully. */
  appsWithProblems: number;
  averageMilliseconds: number;
  /** The hits behind the percentages, to add sets up. */
  tallies: { statedItems: Tally; statedItemsWritten: Tally };
  lostInBuild: Record<string, string[]>;
  problems: Record<string, string[]>;
}

/** "options /status/: Status has […]" → "options /status/": the item a miss is about. */
function itemOf(miss: string): string {
  return miss.match(/^[^/]*\/.*?\/(?=: |$)/)?.[0] ?? miss;
}

/** Compiles, bundles and runs one request's final blueprint and scores what the app shows. */
export async function buildCase(
  verifier: BrowserVerifier,
  testCase: EvalCase,
  blueprint: Blueprint,
  blueprintScore: CaseScore,
): Promise<BuiltCase> {
  const built = await buildAndRead(verifier, blueprint);
  const shown = built.shown ?? {
    headings: [],
    links: [],
    views: [],
    forms: [],
    audience: null,
    failures: [],
  };
  const score = scoreDesign(testCase, designOfShownApp(shown));
  const written = scoreDesign(testCase, designOfShownApp(shown, { viewKindsAsWords: false }));
  const missedInBlueprint = new Set(blueprintScore.misses.map(itemOf));
  return {
    score,
    writtenItems: written.expect,
    lostInBuild: score.misses.filter((miss) => !missedInBlueprint.has(itemOf(miss))),
    problems: built.problems,
    milliseconds: built.milliseconds,
  };
}

export function reportBuiltApps(results: readonly { id: string; built: BuiltCase | null }[]): BuiltAppReport {
  const built = results.flatMap((result) => (result.built ? [{ id: result.id, ...result.built }] : []));
  const total = (pick: (score: CaseScore) => Tally) =>
    percent(sum(built.map((result) => pick(result.score))));
  const keyed = (pick: (result: BuiltCase) => string[]) =>
    Object.fromEntries(
      built.flatMap((result) => (pick(result).length > 0 ? [[result.id, pick(result)]] : [])),
    );
  return {
    apps: built.length,
    statedItems: total((score) => score.expect),
    statedItemsWritten: percent(sum(built.map((result) => result.writtenItems))),
    options: total((score) => score.options),
    entities: total((score) => score.entities),
    views: total((score) => score.views),
    audience: total((score) => score.audience),
    appsWithProblems: built.filter((result) => result.problems.length > 0).length,
    averageMilliseconds:
      built.length === 0
        ? 0
        : Math.round(built.reduce((time, result) => time + result.milliseconds, 0) / built.length),
    tallies: {
      statedItems: sum(built.map((result) => result.score.expect)),
      statedItemsWritten: sum(built.map((result) => result.writtenItems)),
    },
    lostInBuild: keyed((result) => result.lostInBuild),
    problems: keyed((result) => result.problems),
  };
}
