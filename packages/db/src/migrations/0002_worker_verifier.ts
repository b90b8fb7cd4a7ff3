import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Each worker records the browser it verifies generated apps with (null: none found), so
// /healthz can say when builds are failing because a worker has no Chromium.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('worker_heartbeats').addColumn('verifier_browser', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('worker_heartbeats').dropColumn('verifier_browser').execute();
}
