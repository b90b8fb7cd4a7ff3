import { type Kysely, sql } from 'kysely';

// Frozen once shipped: never edit a migration that has shipped; add a new one.
// Publishing (SPEC §12, docs/architecture.md#publishing): an app's stable URL on its own origin
// serves the version `apps.published_version_id` points at; publishing another version only moves
// the pointer (the app's data is its own and stays).
//
// Signing in on an app's origin goes through the builder: the builder issues a one-time code for
// (person, app), the app origin exchanges it server-side for a session of that origin only. Both
// are stored as the SHA-256 of 32 random bytes, like access tokens: a leaked table leaks nothing
// usable. A session names its app, so a cookie carried to another app's host is worth nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('apps')
    .addColumn('published_version_id', 'uuid', (c) => c.references('versions.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz')
    .execute();
  // Published means both, or neither.
  await sql`alter table apps add constraint apps_published_pair
    check ((published_version_id is null) = (published_at is null))`.execute(db);

  await db.schema
    .createTable('app_origin_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('app_origin_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  // Ending a person's sessions (e.g. of one app) reads them by user.
  await sql`create index app_origin_sessions_user_live on app_origin_sessions (user_id, app_id) where revoked_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_origin_sessions').execute();
  await db.schema.dropTable('app_origin_codes').execute();
  await sql`alter table apps drop constraint apps_published_pair`.execute(db);
  await db.schema.alterTable('apps').dropColumn('published_at').dropColumn('published_version_id').execute();
}
