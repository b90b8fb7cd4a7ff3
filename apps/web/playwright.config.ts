import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const webOrigin = 'http://127.0.0.1:5180';

export default defineConfig({
  testDir: './e2e',
  outputDir: `${repoRoot}test-results/playwright`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `${repoRoot}test-results/e2e.json` }]],
  use: {
    baseURL: webOrigin,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium; Playwright never downloads a browser here. Without the
        // background-networking flags Chromium's own connection attempts fail on a closed network.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  // A throwaway Postgres, the server, the worker and the SPA's production build on 5180 (vite preview,
  // proxying to that server).
  // /healthz through the Vite proxy answers only once both Vite and the server are up.
  webServer: {
    command: 'pnpm exec tsx scripts/e2e-stack.ts',
    cwd: repoRoot,
    url: `${webOrigin}/healthz`,
    reuseExistingServer: false,
    // The stack runs server, worker and Vite in their own process groups: SIGTERM lets it stop them
    // (Playwright's default SIGKILL would orphan them, and the next run finds the port taken).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
