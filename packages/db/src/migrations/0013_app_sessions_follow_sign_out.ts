import { type Kysely, sql } from 'kysely';

// Frozen once shipped: never edit a migration that has shipped; add a new one.
// Signing out of the builder signs the browser out of the team's apps too: an app-origin sign-in
// code, and the session it is exchanged for, remember the builder session that asked for it (null
// when a token asked, e.g. a script), and revoking that builder session revokes them. A plain
// column, not a foreign key: a builder session that merely expires (and is later deleted by
// housekeeping) leaves the app sessions to their own expiry.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_origin_codes').addColumn('builder_session_id', 'uuid').execute();
  await db.schema.alterTable('app_origin_sessions').addColumn('builder_session_id', 'uuid').execute();
  await sql`create index app_origin_sessions_builder_live on app_origin_sessions (builder_session_id)
    where revoked_at is null and builder_session_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_origin_sessions').dropColumn('builder_session_id').execute();
  await db.schema.alterTable('app_origin_codes').dropColumn('builder_session_id').execute();
}
