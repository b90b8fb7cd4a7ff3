import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { appRoleName, ensureUnprivilegedRole, grantAppPrivileges } from '../app-role.ts';
import { createDb, type Db } from '../client.ts';
import { randomPassword } from '../embedded/credentials.ts';
import { migrate } from '../migrate.ts';
import { makeClusterScratchDir, startEmbeddedPostgres } from '../postgres.ts';

import './vitest-context.ts';

export * from './fixtures.ts';

const templateName = 'app_test_template';

export interface TestPostgres {
  /**
   * The superuser's URL (the `postgres` maintenance database): only the harness uses it, to
   * clone, drop and create roles. Tests talk to their clone as an app role (`createTestDatabase`).
   */
  adminUrl: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string, login?: { role: string; password: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (login) {
    parsed.username = encodeURIComponent(login.role);
    parsed.password = encodeURIComponent(login.password);
  }
  return parsed.toString();
}

async function adminQuery(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const text of statements) await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Starts a throwaway Postgres (or uses `externalUrl`, which must be a superuser's) and migrates a
 * template database once, granting the app role (`appRoleName`) what the apps get in dev and
 * production; every test file then clones it, which takes milliseconds instead of re-running
 * migrations.
 */
export async function startTestPostgres(externalUrl?: string): Promise<TestPostgres> {
  let adminUrl = externalUrl;
  let stopServer = async () => {};
  if (adminUrl) {
    // The embedded cluster creates the app role itself; elsewhere make a group role of that name
    // (never touching one that exists: it may be someone's dev login).
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [appRoleName]);
      if (rowCount === 0) await ensureUnprivilegedRole(client, appRoleName, null);
    } finally {
      await client.end();
    }
  } else {
    const root = await makeClusterScratchDir('app-test-pg-');
    const server = await startEmbeddedPostgres({
      dataDir: path.join(root, 'data'),
      persistent: false,
      unsafeFast: true,
    });
    adminUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    };
  }
  await adminQuery(
    adminUrl,
    `drop database if exists ${templateName} with (force)`,
    `create database ${templateName}`,
  );
  const templateUrl = withDatabase(adminUrl, templateName);
  const { db } = createDb({ connectionString: templateUrl, max: 2 });
  try {
    // Grants live in the database's catalogs, so every clone starts with them.
    await migrate(db, templateUrl, { appRole: appRoleName });
  } finally {
    await db.destroy();
  }
  return { adminUrl, stop: stopServer };
}

export interface TestDatabase {
  /**
   * The clone's URL as this file's own login role: a member of the app role, so it has exactly
   * the apps' privileges (no DDL, no superuser). Hand it to servers and workers under test.
   */
  url: string;
  /** A handle on `url`. */
  db: Db;
  /**
   * Runs `work` as the clone's owner, for set-up the apps could not do themselves (a test's own
   * table); whatever it creates is granted to the app role afterwards.
   */
  asOwner<T>(work: (owner: Db) => Promise<T>): Promise<T>;
  destroy(): Promise<void>;
}

let counter = 0;

/**
 * A fresh, migrated database cloned from the template (one per test file, or per test), and a
 * login role of its own that is a member of the app role. A role per clone, not the app role's
 * password: that lives in the global setup's memory only, and a per-file role needs nothing
 * passed from it (`adminUrl` is the provided `databaseServerUrl`).
 */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  counter += 1;
  const name = `test_${process.pid}_${Date.now().toString(36)}_${counter}`;
  const password = randomPassword();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${templateName}`);
    await ensureUnprivilegedRole(client, name, password);
    await client.query(`grant ${pg.escapeIdentifier(appRoleName)} to ${name}`);
  } finally {
    await client.end();
  }
  const url = withDatabase(adminUrl, name, { role: name, password });
  const ownerUrl = withDatabase(adminUrl, name);
  const { db } = createDb({ connectionString: url, max: 10 });
  return {
    url,
    db,
    async asOwner<T>(work: (owner: Db) => Promise<T>): Promise<T> {
      const { db: owner } = createDb({ connectionString: ownerUrl, max: 1 });
      try {
        const result = await work(owner);
        await grantAppPrivileges(owner, appRoleName);
        return result;
      } finally {
        await owner.destroy();
      }
    },
    destroy: async () => {
      await db.destroy();
      await adminQuery(
        adminUrl,
        `drop database if exists ${name} with (force)`,
        `drop role if exists ${name}`,
      );
    },
  };
}
