// The whole stack for browser tests: throwaway Postgres, server, worker and Vite on WEB_PORT (5180).
import { findFreePort } from '@app/db';
import {
  appProcessEnv,
  migrateDatabase,
  onShutdown,
  runPrefixed,
  say,
  startThrowawayDatabase,
  stopChildren,
  waitForHttp,
} from './lib/stack.ts';

delete process.env.DATABASE_URL; // always a fresh database: tests must not touch dev data
delete process.env.SESSION_SECRET; // the server gets its own below; the worker none
const database = await startThrowawayDatabase();
const { embedded } = database;
await migrateDatabase(database);
const apiPort = await findFreePort();
const previewPort = await findFreePort();
const env = {
  ...appProcessEnv(process.env, database),
  PORT: String(apiPort),
  PREVIEW_PORT: String(previewPort),
  // Each app on `<key>.localhost` (Chromium resolves those itself); an IP has no subdomains.
  PREVIEW_URL: `http://localhost:${previewPort}`,
  MODEL_PROVIDER: 'offline',
  API_URL: `http://127.0.0.1:${apiPort}`,
  WEB_PORT: process.env.WEB_PORT ?? '5180',
  // The SPA's origin (Vite here) is the builder's public origin: only it may frame previews.
  PUBLIC_URL: `http://127.0.0.1:${process.env.WEB_PORT ?? '5180'}`,
};
// Only the server gets the secret: the worker signs nothing (the server signs preview links).
const serverEnv = { ...env, SESSION_SECRET: 'e2e-session-secret-0123456789-abcdefghijklmnop' };
const children = [
  runPrefixed('server', process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], serverEnv),
  runPrefixed('worker', process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], env),
];
const shutdown = onShutdown(async () => {
  await stopChildren(children, 3000);
  if (embedded) await embedded.stop();
});
for (const child of children) child.once('exit', (code) => shutdown(code ?? 1));

// Vite comes up once the API answers, so Playwright's readiness probe (through Vite's proxy) never
// meets a refused connection. Its own CLI under node, not `pnpm exec`: a SIGTERM then ends it
// quietly, without pnpm reporting the stopped child as a failed command.
try {
  await waitForHttp(`${env.API_URL}/healthz`, 60_000);
  const web = runPrefixed(
    'web',
    process.execPath,
    ['apps/web/node_modules/vite/bin/vite.js', 'apps/web', '--port', env.WEB_PORT, '--strictPort'],
    env,
  );
  children.push(web);
  web.once('exit', (code) => shutdown(code ?? 1));
  say(`e2e stack: web http://127.0.0.1:${env.WEB_PORT} → api ${env.API_URL}`);
} catch (error) {
  say(`e2e stack: ${error instanceof Error ? error.message : String(error)}`);
  shutdown(1);
}
