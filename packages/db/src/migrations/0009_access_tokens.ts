import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Personal access tokens (docs/auth.md): the typed client's way in, sent as `Authorization: Bearer`.
// Only the SHA-256 of a token is kept: a token is 32 random bytes, so a plain hash cannot be
// reversed by guessing, and lookup by the unique hash is the comparison. A revoked token keeps its
// row (revoked_at set) so "last used" stays answerable after the fact.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  // Listing and the per-user cap read a user's live tokens.
  await sql`create index access_tokens_user_live on access_tokens (user_id, created_at) where revoked_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_tokens').execute();
}
