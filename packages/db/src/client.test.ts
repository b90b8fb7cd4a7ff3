import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from './client.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

describe('createDb', () => {
  it('reads int8 as a number on its own pool, and leaves pg’s default alone for everyone else', async () => {
    const { db } = createDb({ connectionString: database.url, max: 1 });
    try {
      const { rows } = await sql<{ count: unknown }>`select count(*) as count`.execute(db);
      expect(rows[0]?.count).toBe(1);
    } finally {
      await db.destroy();
    }
    // Another pool in the same process (graphile-worker's, a test's client) still gets strings.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: unknown }>('select count(*) as count');
      expect(rows[0]?.count).toBe('1');
    } finally {
      await client.end();
    }
  });
});
