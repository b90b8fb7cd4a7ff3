// `pnpm dev`: Postgres (embedded unless DATABASE_URL) → migrate → server, worker and Vite via turbo.
import {
  appProcessEnv,
  ensureDatabase,
  ensureSessionSecret,
  loadDotEnv,
  migrateDatabase,
  onShutdown,
  runPrefixed,
  say,
  stopChildren,
} from './lib/stack.ts';

loadDotEnv();
const started = Date.now();
const database = await ensureDatabase();
const { embedded } = database;
await migrateDatabase(database);
say(`migrated (${Date.now() - started} ms)`);

const env = {
  ...appProcessEnv(process.env, database),
  // turbo.json passes SESSION_SECRET through to the server's dev task only: the worker signs nothing.
  SESSION_SECRET: ensureSessionSecret(),
  // In dev people open Vite's port; the apps origin lets only this origin frame previews.
  PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173',
  TURBO_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: '1',
};
const turbo = runPrefixed(
  'turbo',
  'pnpm',
  ['exec', 'turbo', 'run', 'dev', '--ui=stream', '--log-prefix=task'],
  env,
);
say(
  'web http://localhost:5173 · api http://localhost:3000 · preview http://localhost:3001 — Ctrl-C stops everything',
);

const shutdown = onShutdown(async () => {
  say('stopping…');
  await stopChildren([turbo]);
  if (embedded) await embedded.stop();
  say('stopped');
});
turbo.once('exit', (code) => shutdown(code ?? 0));
