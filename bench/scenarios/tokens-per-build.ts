import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type AppVerifier,
  type Blueprint,
  createOfflineModel,
  type Fact,
  generateApp,
  requirementsLeftOut,
  runQuestioningTurn,
} from '@app/core';
import { fixtureBlueprints } from '../../packages/core/src/compiler/fixtures/blueprints.ts';
import { type TokenCount, totalOf } from '../tokens/count-tokens.ts';
import { createStandInModel } from '../tokens/stand-in-model.ts';
import { writeEveryFileTokens } from '../tokens/write-every-file.ts';

export interface TokensPerBuildCase {
  name: string;
  requirementsLeftOut: number;
  customFiles: number;
  outcome: string;
  blueprintPath: TokenCount & { total: number };
  writeEveryFile: TokenCount & { total: number };
  /** null when the blueprint path made no model call at all (nothing left out). */
  ratio: number | null;
}

export interface TokensPerBuildResult {
  /** Sum over every case, tokens ≈ characters / 4 (bench/tokens/count-tokens.ts). */
  blueprintPathTokens: number;
  writeEveryFileTokens: number;
  /** writeEveryFile / blueprintPath: how many times fewer tokens a build costs now. */
  ratio: number;
  /** The same over only the builds that called the model (something was left out to customise). */
  customisedBuilds: {
    builds: number;
    blueprintPathTokens: number;
    writeEveryFileTokens: number;
    ratio: number | null;
  };
  cases: TokensPerBuildCase[];
}

interface BuildCase {
  name: string;
  request: string;
  ledger: Fact[];
  blueprint: Blueprint;
}

/** One thing each fixture's person asked for that no blueprint element can hold. */
const fixtureWishes: Record<string, string> = {
  'tool library': 'See at a glance how many tools are out and what state they are in',
  'guest complaints': 'Move a complaint to its next status with one click from its page',
  'studio classes': 'A summary screen of classes and bookings for the front desk',
  'plant care': 'An overview of all plants for the weekly walk-round',
};

const fact = (kind: Fact['kind'], text: string): Fact => ({
  id: randomUUID(),
  kind,
  text,
  source: { kind: 'request' },
});

function fixtureCases(): BuildCase[] {
  return fixtureBlueprints.map(({ name, blueprint }) => ({
    name: `fixture: ${name}`,
    request: blueprint.summary,
    ledger: [
      fact('goal', blueprint.summary),
      fact('requirement', fixtureWishes[name] ?? 'An overview screen'),
    ],
    blueprint,
  }));
}

/** Requests of the eval set read by the offline understanding (a first turn: ledger + blueprint). */
async function evalCases(ids: readonly string[]): Promise<BuildCase[]> {
  const file = path.join(import.meta.dirname, '../../packages/core/eval/requests.json');
  const { cases } = JSON.parse(await readFile(file, 'utf8')) as { cases: { id: string; prompt: string }[] };
  const model = createOfflineModel();
  const out: BuildCase[] = [];
  for (const id of ids) {
    const request = cases.find((candidate) => candidate.id === id)?.prompt;
    if (!request) throw new Error(`tokensPerBuild: no eval request ${id}`);
    const turn = await runQuestioningTurn(
      { model, newId: randomUUID },
      {
        request,
        kind: 'create',
        questions: [],
        questionDecisions: {},
        ledger: [],
        blueprint: null,
        baseBlueprint: null,
        latest: { kind: 'request' },
        maxQuestions: 5,
      },
    );
    out.push({ name: `eval: ${id}`, request, ledger: turn.ledger, blueprint: turn.blueprint });
  }
  return out;
}

/**
 * `tokensPerBuild` (docs/architecture.md#benchmarks): the same builds two ways with a stand-in
 * model that counts tokens. The blueprint path is the real `generateApp` (compile → customise →
 * real verification → fix loop), so its count includes whatever fix calls verification caused;
 * the write-every-file path is the retired pipeline's calls, writing an app of the same files.
 */
export async function measureTokensPerBuild(options: {
  verifier: AppVerifier;
  evalRequestIds: readonly string[];
}): Promise<TokensPerBuildResult> {
  const builds = [...fixtureCases(), ...(await evalCases(options.evalRequestIds))];
  const cases: TokensPerBuildCase[] = [];
  for (const build of builds) {
    const model = createStandInModel();
    const result = await generateApp(
      { model, verifier: options.verifier },
      {
        request: build.request,
        kind: 'create',
        ledger: build.ledger,
        blueprint: build.blueprint,
        currentVersion: null,
      },
      { emit: async () => {} },
    );
    const old = writeEveryFileTokens({ ...build, files: result.files });
    const blueprintPath = { ...model.count, total: totalOf(model.count) };
    const writeEveryFile = { ...old, total: totalOf(old) };
    cases.push({
      name: build.name,
      requirementsLeftOut: requirementsLeftOut(build.ledger, build.blueprint).length,
      customFiles: model.customFilesWritten,
      outcome: result.outcome === 'built' ? `built (${result.status})` : result.outcome,
      blueprintPath,
      writeEveryFile,
      ratio: ratioOf(writeEveryFile.total, blueprintPath.total),
    });
  }
  const blueprintPathTokens = cases.reduce((sum, entry) => sum + entry.blueprintPath.total, 0);
  const writeEveryFileTokensTotal = cases.reduce((sum, entry) => sum + entry.writeEveryFile.total, 0);
  const customised = cases.filter((entry) => entry.blueprintPath.calls > 0);
  const customisedNow = customised.reduce((sum, entry) => sum + entry.blueprintPath.total, 0);
  const customisedOld = customised.reduce((sum, entry) => sum + entry.writeEveryFile.total, 0);
  return {
    blueprintPathTokens,
    writeEveryFileTokens: writeEveryFileTokensTotal,
    customisedBuilds: {
      builds: customised.length,
      blueprintPathTokens: customisedNow,
      writeEveryFileTokens: customisedOld,
      ratio: ratioOf(customisedOld, customisedNow),
    },
    // The fixtures always leave a requirement out, so the blueprint path is never 0 tokens.
    ratio: ratioOf(writeEveryFileTokensTotal, blueprintPathTokens) ?? 0,
    cases,
  };
}

function ratioOf(old: number, now: number): number | null {
  return now === 0 ? null : Math.round((old / now) * 10) / 10;
}
