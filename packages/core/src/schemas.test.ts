import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moduleLoadsOf, packageOf } from './testing/module-loads.ts';

const coreDirectory = path.resolve(import.meta.dirname, '..');

function packagesIn(loads: { esm: string[]; commonJs: string[] }): string[] {
  return [
    ...new Set([...loads.esm, ...loads.commonJs].map(packageOf).filter((name) => name !== null)),
  ].sort();
}

describe('@app/core/schemas', () => {
  it('loads zod and core’s own schema modules only: no node: built-in, SDK, compiler or browser', async () => {
    const loads = await moduleLoadsOf('@app/core/schemas', coreDirectory);
    // The recorder saw the entry's own modules, so an empty list below means something.
    expect(loads.esm).toContain(pathToFileURL(path.join(coreDirectory, 'src/events.ts')).href);
    expect(packagesIn(loads)).toEqual(['zod']);
    expect(loads.esm.filter((url) => url.startsWith('node:'))).toEqual([]);
  });

  it('is what keeps them out: the whole of @app/core loads the OpenAI SDK and the NLP model', async () => {
    const packages = packagesIn(await moduleLoadsOf('@app/core', coreDirectory));
    expect(packages).toEqual(expect.arrayContaining(['openai', 'wink-nlp']));
  });
});
