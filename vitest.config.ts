import path from 'node:path';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

/**
 * Two groups, one after the other. First the packages whose tests mostly wait on Postgres, HTTP or
 * one browser page, two files at a time (the machine has 2 cores). Then the worker's and the fault
 * suite's, one file at a time: they kill and start processes, time recoveries and push the sandboxed
 * verifier to its limits, and a neighbour competing for the CPU would blur what they measure.
 */
const group = { parallel: { order: 0, maxWorkers: 2 }, alone: { order: 1, maxWorkers: 1 } } as const;

const project = (name: string, dir: string, include: string[], runs: keyof typeof group) => ({
  test: {
    name,
    root: path.join(here, dir),
    include,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: group[runs].maxWorkers,
    sequence: { groupOrder: group[runs].order },
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
      project('core', 'packages/core', ['src/**/*.test.ts', 'eval/**/*.test.ts'], 'parallel'),
      project('db', 'packages/db', ['src/**/*.test.ts'], 'parallel'),
      project('server', 'apps/server', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'parallel'),
      project('web', 'apps/web', ['src/**/*.test.ts'], 'parallel'),
      project('client', 'packages/client', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'parallel'),
      project('cli', 'apps/cli', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'parallel'),
      project('worker', 'apps/worker', ['src/**/*.test.ts', 'test/**/*.test.ts'], 'alone'),
      project('faults', 'tests/faults', ['**/*.test.ts'], 'alone'),
    ],
  },
});
