import path from 'node:path';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

/**
 * `shared`: the project's files run one after another in one process, so modules load once per
 * run rather than once per file (half of a light file's time). Their tests clean up after
 * themselves and change no global the next file reads. The worker's and the fault suite's files
 * start, kill and time processes and share per-file singletons (the test verifier): each gets a
 * fresh process.
 */
const project = (name: string, dir: string, include: string[], modules: 'shared' | 'per-file') => ({
  test: {
    name,
    root: path.join(here, dir),
    include,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    isolate: modules === 'per-file',
  },
});

// One vitest run for the whole monorepo: one throwaway Postgres (started once in the global setup)
// serves every test file, each of which clones its own database from a migrated template.
export default defineConfig({
  test: {
    globalSetup: [path.join(here, 'vitest.global-setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      project('core', 'packages/core', ['src/**/*.test.ts', 'eval/**/*.test.ts'], 'shared'),
      project('db', 'packages/db', ['src/**/*.test.ts'], 'shared'),
      project('server', 'apps/server', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'shared'),
      project('worker', 'apps/worker', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'per-file'),
      project('web', 'apps/web', ['src/**/*.test.ts'], 'shared'),
      project('client', 'packages/client', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'shared'),
      project('cli', 'apps/cli', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'shared'),
      project('faults', 'tests/faults', ['**/*.test.ts'], 'per-file'),
    ],
  },
});
