import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The store of rate-limiter-flexible's RateLimiterPostgres (its own `CREATE TABLE` shape: key,
// points, expire in epoch ms), created here so the apps' non-owner role never needs DDL rights.
// One table for every limiter: keys carry the limiter's prefix (`signin-email:…`).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
