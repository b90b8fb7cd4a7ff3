// `pnpm start` (after `pnpm build`): production mode — the server also serves the built SPA.
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  appProcessEnv,
  ensureDatabase,
  ensureSessionSecret,
  loadDotEnv,
  migrateDatabase,
  onShutdown,
  repoRoot,
  runPrefixed,
  say,
  stopChildren,
} from './lib/stack.ts';

loadDotEnv();
const staticDir = path.join(repoRoot, 'apps/web/dist');
if (!existsSync(path.join(staticDir, 'index.html'))) {
  console.error('apps/web/dist is missing: run `pnpm build` first.');
  process.exit(1);
}
const database = await ensureDatabase();
const { embedded } = database;
await migrateDatabase(database);
const { SESSION_SECRET: _unused, ...inherited } = appProcessEnv(process.env, database);
const workerEnv = { ...inherited, NODE_ENV: 'production' };
// Only the server gets the secret: the worker signs nothing (the server signs preview links).
const serverEnv = { ...workerEnv, SESSION_SECRET: ensureSessionSecret(), STATIC_DIR: staticDir };
const children = [
  runPrefixed('server', process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], serverEnv),
  runPrefixed('worker', process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], workerEnv),
];
say(`serving on ${process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`}`);
const shutdown = onShutdown(async () => {
  await stopChildren(children);
  if (embedded) await embedded.stop();
});
for (const child of children) child.once('exit', (code) => shutdown(code ?? 1));
