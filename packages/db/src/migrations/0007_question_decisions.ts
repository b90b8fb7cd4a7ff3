import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// A question asks about one of the blueprint's open decisions, and each of its options (and its
// skip) is a concrete change of the blueprint. That mapping is stored with the question, not
// recomputed, so applying an answer is deterministic whatever model wrote the question — and the
// decision it settled is never asked again. Internal: the API's Question shape does not carry it.
// Null for questions from before blueprints.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('questions').addColumn('decision', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('questions').dropColumn('decision').execute();
}
