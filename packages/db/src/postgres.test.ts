import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoleName } from './app-role.ts';
import {
  findFreePort,
  makeClusterScratchDir,
  type RunningPostgres,
  startEmbeddedPostgres,
} from './postgres.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await makeClusterScratchDir('pg-launcher-test-');
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string, port?: number): Promise<RunningPostgres> {
  const running = await startEmbeddedPostgres({ dataDir, port, persistent: true, unsafeFast: true });
  cleanups.push(() => running.stop());
  return running;
}

/** The error a login with `url` meets, or `null` when it works. */
async function loginError(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

interface StoredCredentials {
  superuser: string;
  app: string;
}

function credentialsOf(dataDir: string): { mode: number; stored: StoredCredentials } {
  const file = `${dataDir}.credentials.json`;
  return {
    mode: statSync(file).mode & 0o777,
    stored: JSON.parse(readFileSync(file, 'utf8')) as StoredCredentials,
  };
}

describe('embedded Postgres credentials', () => {
  it('gives each cluster its own random passwords, kept 0600, and refuses the old fixed one', async () => {
    const [first, second] = await Promise.all([
      scratch().then((dir) => start(path.join(dir, 'pg'))),
      scratch().then((dir) => start(path.join(dir, 'pg'))),
    ]);
    const a = credentialsOf(first!.dataDir);
    const b = credentialsOf(second!.dataDir);
    expect(a.mode).toBe(0o600);
    expect(b.mode).toBe(0o600);
    expect(a.stored.superuser).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([a.stored.superuser, a.stored.app, b.stored.superuser, b.stored.app]).size).toBe(4);
    expect(new URL(first!.adminUrl).password).toBe(a.stored.superuser);
    expect(new URL(first!.appUrl).username).toBe(appRoleName);
    expect(await loginError(first!.adminUrl)).toBeNull();
    expect(await loginError(first!.appUrl)).toBeNull();
    // Before random passwords every cluster's superuser had the password `postgres`.
    expect(await loginError(withPassword(first!.adminUrl, 'postgres'))).toMatch(
      /password authentication failed/,
    );
    expect(await loginError(withPassword(first!.adminUrl, b.stored.superuser))).toMatch(
      /password authentication failed/,
    );
  });

  it('keeps the passwords across restarts, and resets them when a cluster has none stored', async () => {
    const dataDir = path.join(await scratch(), 'pg');
    const port = await findFreePort();
    const first = await start(dataDir, port);
    const before = credentialsOf(dataDir).stored;
    await first.stop();

    // A restart (as after a crash: the apps reconnect with the URLs they were given).
    const second = await start(dataDir, port);
    expect(second.appUrl).toBe(first.appUrl);
    expect(await loginError(first.appUrl)).toBeNull();
    await second.stop();

    // A cluster whose password nobody knows (made before passwords were random, or its file
    // deleted): new random passwords are set through single-user mode, and the old ones stop working.
    await rm(`${dataDir}.credentials.json`);
    const third = await start(dataDir, port);
    const after = credentialsOf(dataDir);
    expect(after.mode).toBe(0o600);
    expect(after.stored.superuser).not.toBe(before.superuser);
    expect(await loginError(third.adminUrl)).toBeNull();
    expect(await loginError(third.appUrl)).toBeNull();
    expect(await loginError(first.adminUrl)).toMatch(/password authentication failed/);
    expect(await loginError(first.appUrl)).toMatch(/password authentication failed/);
    await third.stop();

    // Passwords that belong to another cluster (a `.data/` copied over): a clear way out.
    writeFileSync(`${dataDir}.credentials.json`, JSON.stringify(before), { mode: 0o600 });
    await expect(start(dataDir, port)).rejects.toThrow(
      /delete its credentials file .* to reset the passwords/,
    );
  });

  it('keeps a throwaway cluster’s passwords in memory only', async () => {
    const dir = await scratch();
    const running = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      persistent: false,
      unsafeFast: true,
    });
    cleanups.push(() => running.stop());
    expect(await loginError(running.appUrl)).toBeNull();
    expect(readdirSync(dir)).toEqual(['pg']);
  });
});
