import {
  type AppFile,
  acceptanceChecks,
  type Blueprint,
  blueprintModulePath,
  compileBlueprint,
  renderCheckId,
  sampleModulePath,
} from '@app/core';
import { expect } from 'vitest';

/** The value of a data module's one `export const name: Type = <literal>;`, read back as JSON. */
export function dataModuleValue(files: readonly AppFile[], path: string): unknown {
  const content = files.find((file) => file.path === path)?.content;
  if (content === undefined) throw new Error(`no data module ${path}`);
  return JSON.parse(content.slice(content.indexOf(' = ') + 3, content.lastIndexOf(';')));
}

interface CompiledEntity {
  name: string;
  fields: { name: string; type: string }[];
}

/** The entities the app's blueprint data module describes, as the compiled app shows them. */
export function compiledEntities(files: readonly AppFile[]): CompiledEntity[] {
  return (dataModuleValue(files, blueprintModulePath) as { entities: CompiledEntity[] }).entities;
}

/**
 * The stored files are the compile of the stored blueprint: the template as it is plus its data
 * modules (the sample records vary with the day they were made for, so they are only read back),
 * and `custom` (src/custom/ files a model wrote) on top.
 */
export function expectCompiledFrom(
  files: readonly AppFile[],
  blueprint: Blueprint,
  custom: readonly AppFile[] = [],
): void {
  const expected = new Map(compileBlueprint(blueprint).map((file) => [file.path, file.content]));
  for (const file of custom) expected.set(file.path, file.content);
  const stored = new Map(files.map((file) => [file.path, file.content]));
  expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, content] of expected) {
    if (path === sampleModulePath) continue;
    expect(stored.get(path), path).toBe(content);
  }
  expect(dataModuleValue(files, sampleModulePath)).toMatchObject({ records: expect.any(Object) });
}

/** The check ids a build of `blueprint` is verified with: the harness's render check, then the blueprint's. */
export function checkIdsOf(blueprint: Blueprint): string[] {
  return [renderCheckId, ...acceptanceChecks(blueprint).map((check) => check.id)];
}
