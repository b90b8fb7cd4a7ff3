import { defineConfig } from 'vitest/config';

// One vitest run for the whole monorepo: one throwaway Postgres (started in globalSetup) serves
// every test file, each of which clones its own database from a migrated template.
export default defineConfig({
  test: {
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'core', root: './packages/core', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'db', root: './packages/db', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'server', root: './apps/server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'worker', root: './apps/worker', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'web', root: './apps/web', include: ['src/**/*.test.ts'] } },
    ],
  },
});
