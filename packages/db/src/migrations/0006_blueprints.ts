import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The blueprint (the app's typed design) is kept on the job — the draft the interview works on,
// replaced after every turn and edit — and on each version, as what that version was built from.
// Null for jobs and versions from before blueprints existed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('blueprint', 'jsonb').execute();
  await db.schema.alterTable('versions').addColumn('blueprint', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('versions').dropColumn('blueprint').execute();
  await db.schema.alterTable('jobs').dropColumn('blueprint').execute();
}
