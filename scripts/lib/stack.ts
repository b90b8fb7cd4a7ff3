import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  createDb,
  makeClusterScratchDir,
  migrate,
  type RunningPostgres,
  roleOfUrl,
  startCheckoutPostgres,
  startEmbeddedPostgres,
} from '@app/db';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const dataDir = path.join(repoRoot, '.data');

const colors = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
const reset = '\x1b[0m';

export function say(message: string): void {
  process.stdout.write(`\x1b[1m[stack]${reset} ${message}\n`);
}

export interface StackDatabase {
  /** What the apps (server, worker) connect with: never a superuser on the embedded cluster. */
  appUrl: string;
  /** What `migrateDatabase` connects with: the role that owns the schema. */
  migrationUrl: string;
  embedded: RunningPostgres | null;
}

/**
 * The persistent database of `pnpm dev` / `pnpm start`: `DATABASE_URL` when set (and
 * `MIGRATION_DATABASE_URL`, when set, for migrations), otherwise the checkout's embedded Postgres
 * (`.data/pg`, random passwords in `.data/pg-credentials.json`; see startCheckoutPostgres for a
 * checkout the `postgres` user cannot reach).
 */
export async function ensureDatabase(): Promise<StackDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: read here, outside turbo, on purpose: turbo must never pass it to the apps.
    return { appUrl: external, migrationUrl: process.env.MIGRATION_DATABASE_URL || external, embedded: null };
  }
  const started = Date.now();
  const embedded = await startCheckoutPostgres({ checkoutDir: repoRoot });
  const where = embedded.relocated
    ? `${embedded.dataDir} (this checkout is out of the postgres user's reach; .data/pg links there)`
    : path.relative(repoRoot, embedded.dataDir);
  say(`embedded Postgres on port ${embedded.port} (${Date.now() - started} ms, data in ${where})`);
  return { appUrl: embedded.appUrl, migrationUrl: embedded.adminUrl, embedded };
}

/** A fresh embedded Postgres that is deleted when stopped (the e2e stack). */
export async function startThrowawayDatabase(): Promise<StackDatabase> {
  const root = await makeClusterScratchDir('app-e2e-');
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(root, 'pg'),
    persistent: false,
    unsafeFast: true,
  });
  say(`throwaway Postgres on port ${embedded.port}`);
  return {
    appUrl: embedded.appUrl,
    migrationUrl: embedded.adminUrl,
    embedded: {
      ...embedded,
      stop: async () => {
        await embedded.stop();
        await rm(root, { recursive: true, force: true });
      },
    },
  };
}

/**
 * Migrates as the migration role and, when the apps log in as another role, grants that role what
 * they need. With one URL for both, the apps keep the owner's rights, as before.
 */
export async function migrateDatabase(
  database: Pick<StackDatabase, 'appUrl' | 'migrationUrl'>,
): Promise<void> {
  const appRole = roleOfUrl(database.appUrl);
  const migrationRole = roleOfUrl(database.migrationUrl);
  if (database.appUrl !== database.migrationUrl && appRole === null) {
    throw new Error(
      'DATABASE_URL must name its user when migrations use another URL (MIGRATION_DATABASE_URL)',
    );
  }
  const { db } = createDb({
    connectionString: database.migrationUrl,
    max: 2,
    applicationName: 'app-builder:migrate',
  });
  try {
    await migrate(db, database.migrationUrl, { appRole: appRole !== migrationRole ? appRole : null });
  } finally {
    await db.destroy();
  }
}

/**
 * The environment for the apps: the migration role's URL stays with this launcher, so no app
 * process (nor anything that reads its environment) ever holds more than the app role.
 */
export function appProcessEnv(env: NodeJS.ProcessEnv, database: StackDatabase): NodeJS.ProcessEnv {
  const { MIGRATION_DATABASE_URL: _migrationUrl, ...rest } = env;
  return { ...rest, DATABASE_URL: database.appUrl };
}

/** Dev default for SESSION_SECRET: generated once, persisted under .data/ so sessions survive restarts. */
export function ensureSessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Loads `.env` (if present) into process.env without overriding what is already set. */
export function loadDotEnv(): void {
  const file = path.join(repoRoot, '.env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!match?.[1] || line.trim().startsWith('#')) continue;
    const value = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
    process.env[match[1]] ??= value;
  }
}

let colorIndex = 0;

/** Runs a child with its output line-prefixed (`server │ …`), in its own process group. */
export function runPrefixed(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const color = colors[colorIndex++ % colors.length];
  const child = spawn(command, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `${color}${name.padEnd(7)}│${reset} `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  return child;
}

/** Stops children (SIGTERM to each process group, SIGKILL after a grace period). */
export async function stopChildren(children: ChildProcess[], graceMs = 8000): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Calls `cleanup` once on Ctrl-C / SIGTERM / any child exiting, then exits. */
export function onShutdown(cleanup: () => Promise<void>): (code?: number) => void {
  let running = false;
  const shutdown = (code = 0) => {
    if (running) return;
    running = true;
    cleanup()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(code));
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  return shutdown;
}

/** Resolves once `url` answers at all (any status): the process behind it is listening. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`${url} did not answer within ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
