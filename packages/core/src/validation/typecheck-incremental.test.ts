import { afterAll, describe, expect, it } from 'vitest';
import { compileBlueprint } from '../compiler/compile-blueprint.ts';
import { complaintLog, toolLibrary } from '../compiler/fixtures/blueprints.ts';
import type { AppFile } from './app-files.ts';
import { createTypeChecker } from './typecheck-app.ts';

/** Replaces one exact piece of a file; throws when the piece is not there any more. */
function patch(files: readonly AppFile[], path: string, from: string, to: string): AppFile[] {
  const file = files.find((candidate) => candidate.path === path);
  if (!file?.content.includes(from)) throw new Error(`${path} no longer contains ${from}`);
  return files.map((candidate) =>
    candidate === file ? { path, content: file.content.replace(from, to) } : candidate,
  );
}

// One warm checker carried from app to app, as in the worker, against a fresh one per answer:
// the incremental builder must never answer from a previous app's state. A cold check of a whole
// compiled app takes seconds on a loaded machine: time limits here are not what is tested.
const limits = { timeoutMs: 120_000 };
const warm = createTypeChecker(limits);
afterAll(() => warm.close());

async function coldCheck(files: readonly AppFile[]) {
  const cold = createTypeChecker(limits);
  try {
    return await cold.check(files);
  } finally {
    cold.close();
  }
}

describe('the warm type checker over consecutive compiled apps', () => {
  const tools = compileBlueprint(toolLibrary);
  const complaints = compileBlueprint(complaintLog);

  it('finds errors in files that did not change, caused by one that did, and forgets them after', {
    timeout: 120_000,
  }, async () => {
    expect(await warm.check(tools)).toEqual([]);
    expect(await warm.check(complaints)).toEqual([]);
    // Only dates.ts changes; the views that import addDays are the same text as before.
    const renamed = patch(
      complaints,
      'src/logic/dates.ts',
      'export function addDays(',
      'export function addDate(',
    );
    const problems = await warm.check(renamed);
    expect(problems.map((problem) => problem.path)).toContain('src/views/CalendarView.tsx');
    expect(problems).toEqual(await coldCheck(renamed));
    expect(await warm.check(complaints)).toEqual([]);
  });

  it('checks each app’s data modules against the schema, as a fresh checker does', {
    timeout: 120_000,
  }, async () => {
    const wrongKind = patch(tools, 'src/blueprint-data.ts', '"type": "text"', '"type": "texts"');
    const problems = await warm.check(wrongKind);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.path === 'src/blueprint-data.ts')).toBe(true);
    expect(problems).toEqual(await coldCheck(wrongKind));
    // A schema change reaches the unchanged data modules that no longer fit it.
    const stricter = patch(
      complaints,
      'src/schema.ts',
      'export interface AppBlueprint {',
      'export interface AppBlueprint {\n  version: number;',
    );
    const schemaProblems = await warm.check(stricter);
    expect(schemaProblems.map((problem) => problem.path)).toContain('src/blueprint-data.ts');
    expect(schemaProblems).toEqual(await coldCheck(stricter));
    expect(await warm.check(tools)).toEqual([]);
  });
});
