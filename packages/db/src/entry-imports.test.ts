import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { moduleLoadsOf, packageOf } from '@app/core/testing';
import { describe, expect, it } from 'vitest';

const dbDirectory = path.resolve(import.meta.dirname, '..');

describe('importing @app/db', () => {
  it('loads core’s schemas, not the OpenAI SDK, the compiler, the bundler or the browser driver', async () => {
    const loads = await moduleLoadsOf('@app/db', dbDirectory);
    const packages = new Set([...loads.esm, ...loads.commonJs].map(packageOf));
    // It did load the database driver and core's event schemas: the recorder works.
    expect(packages).toContain('pg');
    expect(loads.esm).toContain(pathToFileURL(path.resolve(dbDirectory, '../core/src/events.ts')).href);
    for (const heavy of ['openai', 'typescript', 'esbuild', 'playwright-core', 'wink-nlp'])
      expect(packages, heavy).not.toContain(heavy);
  });
});
