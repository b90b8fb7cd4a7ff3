import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../client.ts';
import { migrations } from './index.ts';

// A database as it was before workspaces (migrations up to 0009) with people and apps in it,
// then migrated to the latest: nobody may lose an app.
const provider: MigrationProvider = { getMigrations: async () => migrations };
const name = `backfill_${process.pid}_${Date.now().toString(36)}`;
let db: Db;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('databaseServerUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`create database ${name}`);
  const url = new URL(inject('databaseServerUrl'));
  url.pathname = `/${name}`;
  db = createDb({ connectionString: url.toString(), max: 2 }).db;
  const before = await new Migrator({ db, provider }).migrateTo('0009_access_tokens');
  if (before.error) throw before.error;
});

afterAll(async () => {
  await db?.destroy();
  await admin(`drop database if exists ${name} with (force)`);
});

describe('migration 0010 on a database with people and apps', () => {
  it('gives every existing person a personal workspace they own and moves their apps into it', async () => {
    // The schema of 0009: no workspace_id yet, so untyped inserts.
    const old = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const people = await old
      .insertInto('users')
      .values([
        { email: 'ada@example.com', password_hash: 'x' },
        { email: 'bob@example.com', password_hash: 'x' },
        { email: 'cy@example.com', password_hash: 'x' },
      ])
      .returning(['id', 'email'])
      .execute();
    const [ada, bob] = people as { id: string; email: string }[];
    if (!ada || !bob) throw new Error('users not inserted');
    await old
      .insertInto('apps')
      .values([
        { owner_id: ada.id, name: 'Loans' },
        { owner_id: ada.id, name: 'Rooms' },
        { owner_id: bob.id, name: 'Tickets' },
      ])
      .execute();

    const after = await new Migrator({ db, provider }).migrateToLatest();
    expect(after.error).toBeUndefined();

    const memberships = await db
      .selectFrom('workspace_members')
      .innerJoin('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
      .innerJoin('users', 'users.id', 'workspace_members.user_id')
      .select(['users.email', 'workspace_members.role', 'workspaces.personal', 'workspaces.id'])
      .orderBy('users.email')
      .execute();
    // One personal workspace each, the person its owner, and no one in anybody else's.
    expect(memberships.map(({ email, role, personal }) => ({ email, role, personal }))).toEqual([
      { email: 'ada@example.com', role: 'owner', personal: true },
      { email: 'bob@example.com', role: 'owner', personal: true },
      { email: 'cy@example.com', role: 'owner', personal: true },
    ]);
    expect(new Set(memberships.map((row) => row.id)).size).toBe(3);

    const apps = await db
      .selectFrom('apps')
      .innerJoin('workspace_members', 'workspace_members.workspace_id', 'apps.workspace_id')
      .select(['apps.name', 'apps.owner_id', 'workspace_members.user_id'])
      .orderBy('apps.name')
      .execute();
    expect(apps).toEqual([
      { name: 'Loans', owner_id: ada.id, user_id: ada.id },
      { name: 'Rooms', owner_id: ada.id, user_id: ada.id },
      { name: 'Tickets', owner_id: bob.id, user_id: bob.id },
    ]);

    // The column is required from now on: an app outside every workspace cannot be made.
    const orphan = await sql`insert into apps (owner_id, name) values (${ada.id}, 'Orphan')`
      .execute(db)
      .catch((error: unknown) => error);
    expect((orphan as { code?: string }).code).toBe('23502');
  });
});
