import path from 'node:path';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;
const project = (name: string, dir: string, include: string[]) => ({
  test: { name, root: path.join(here, dir), include, testTimeout: 30_000, hookTimeout: 60_000 },
});

// One vitest run for the whole monorepo: one throwaway Postgres (started once in the global setup)
// serves every test file, each of which clones its own database from a migrated template.
export default defineConfig({
  test: {
    globalSetup: [path.join(here, 'vitest.global-setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      project('core', 'packages/core', ['src/**/*.test.ts', 'eval/**/*.test.ts']),
      project('db', 'packages/db', ['src/**/*.test.ts']),
      project('server', 'apps/server', ['src/**/*.test.ts', 'test/**/*.test.ts']),
      project('worker', 'apps/worker', ['src/**/*.test.ts', 'test/**/*.test.ts']),
      project('web', 'apps/web', ['src/**/*.test.ts']),
      project('client', 'packages/client', ['src/**/*.test.ts', 'test/**/*.test.ts']),
      project('cli', 'apps/cli', ['src/**/*.test.ts', 'test/**/*.test.ts']),
      project('faults', 'tests/faults', ['**/*.test.ts']),
    ],
  },
});
