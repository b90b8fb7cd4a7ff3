import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../client.ts';
import { migrate } from '../migrate.ts';
import { startEmbeddedPostgres } from '../postgres.ts';

import './vitest-context.ts';

export * from './fixtures.ts';

const templateName = 'app_test_template';

export interface TestPostgres {
  /** Server URL (the `postgres` maintenance database). */
  url: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Starts a throwaway Postgres (or uses `externalUrl`) and migrates a template database once;
 * every test file then clones it, which takes milliseconds instead of re-running migrations.
 */
export async function startTestPostgres(externalUrl?: string): Promise<TestPostgres> {
  let url = externalUrl;
  let stopServer = async () => {};
  if (!url) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'app-test-pg-'));
    // As root, Postgres runs as the `postgres` user, which must be able to enter this directory.
    await chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'data'),
      persistent: false,
      unsafeFast: true,
    });
    url = server.url;
    stopServer = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  await adminQuery(url, `drop database if exists ${templateName} with (force)`);
  await adminQuery(url, `create database ${templateName}`);
  const templateUrl = withDatabase(url, templateName);
  const { db } = createDb({ connectionString: templateUrl, max: 2 });
  try {
    await migrate(db, templateUrl);
  } finally {
    await db.destroy();
  }
  return { url, stop: stopServer };
}

export interface TestDatabase {
  url: string;
  db: Db;
  destroy(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database cloned from the template: one per test file (or per test). */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  counter += 1;
  const name = `test_${process.pid}_${Date.now().toString(36)}_${counter}`;
  await adminQuery(serverUrl, `create database ${name} template ${templateName}`);
  const url = withDatabase(serverUrl, name);
  const { db } = createDb({ connectionString: url, max: 10 });
  return {
    url,
    db,
    destroy: async () => {
      await db.destroy();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
