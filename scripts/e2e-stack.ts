// The whole stack for browser tests: throwaway Postgres, server, worker and the SPA on WEB_PORT (5180).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '@app/db';
import { removeE2eStackControl, restartSignal, writeE2eStackControl } from './lib/e2e-stack-control.ts';
import {
  appProcessEnv,
  migrateDatabase,
  onShutdown,
  repoRoot,
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
const startServer = () =>
  runPrefixed('server', process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], serverEnv);
let server = startServer();
const children = [
  server,
  runPrefixed('worker', process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], env),
];
let stopping = false;
const shutdown = onShutdown(async () => {
  stopping = true;
  removeE2eStackControl();
  await stopChildren(children, 3000);
  if (embedded) await embedded.stop();
});
// A child that exits on its own takes the stack down. The server's listener is its own function
// so a restart can detach it first: a server stopped on purpose must not end the stack.
const onServerExit = (code: number | null) => shutdown(code ?? 1);
server.once('exit', onServerExit);
for (const child of children.slice(1)) child.once('exit', (code) => shutdown(code ?? 1));

let serverRestarts = 0;
let restarting = false;
const recordControl = () => {
  if (server.pid) writeE2eStackControl({ pid: process.pid, serverPid: server.pid, serverRestarts });
};

/**
 * `kill -USR2 <stack pid>` (a test, through test-results/e2e-stack.json): the server is stopped
 * gracefully (SIGTERM, as at shutdown) and a fresh one started with the same env on the same ports,
 * so Vite's proxy and the apps origin's URLs stay valid. The control file counts the restart only
 * once the new server answers /healthz: a test waiting for the count never races the start-up.
 * Signals during a restart are dropped (the test waits for the count, and sends one at a time).
 */
async function restartServer(): Promise<void> {
  if (restarting || stopping) return;
  restarting = true;
  try {
    say('e2e stack: restarting the server');
    server.off('exit', onServerExit);
    await stopChildren([server], 8000);
    if (stopping) return;
    server = startServer();
    children[0] = server;
    server.once('exit', onServerExit);
    await waitForHttp(`${env.API_URL}/healthz`, 60_000);
    serverRestarts += 1;
    recordControl();
    say(`e2e stack: server restarted (${serverRestarts})`);
  } catch (error) {
    say(`e2e stack: restart failed: ${error instanceof Error ? error.message : String(error)}`);
    shutdown(1);
  } finally {
    restarting = false;
  }
}
process.on(restartSignal, () => void restartServer());

// The SPA as it ships: a production build (about a second), served by `vite preview` with the dev
// server's proxy. A page then loads one bundle and React's production build, not hundreds of
// modules transformed on request, so the specs spend the CPU on what they test. Its own CLI under
// node, not `pnpm exec`: a SIGTERM then ends it quietly, without pnpm reporting the stopped child
// as a failed command. It comes up once the API answers, so Playwright's readiness probe (through
// the proxy) never meets a refused connection.
try {
  const vite = 'apps/web/node_modules/vite/bin/vite.js';
  const webDist = path.join(repoRoot, 'test-results', 'e2e-web');
  const build = spawnSync(
    process.execPath,
    [vite, 'build', 'apps/web', '--outDir', webDist, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: repoRoot, env, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error(`the web build failed (exit ${build.status ?? build.signal})`);
  await waitForHttp(`${env.API_URL}/healthz`, 60_000);
  const web = runPrefixed(
    'web',
    process.execPath,
    [vite, 'preview', 'apps/web', '--outDir', webDist, '--port', env.WEB_PORT, '--strictPort'],
    env,
  );
  children.push(web);
  web.once('exit', (code) => shutdown(code ?? 1));
  recordControl();
  say(`e2e stack: web http://127.0.0.1:${env.WEB_PORT} → api ${env.API_URL}`);
} catch (error) {
  say(`e2e stack: ${error instanceof Error ? error.message : String(error)}`);
  shutdown(1);
}
