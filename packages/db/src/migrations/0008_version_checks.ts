import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// A version keeps the acceptance checks it was verified with (core's `Check[]`) and says honestly
// whether they passed: `checks_failed` marks a version stored with failing checks after the
// capped fixes. Older versions had no checks beyond rendering: they stay `ready` with none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('versions')
    .addColumn('checks', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`alter table versions add constraint versions_status_known check (status in ('ready', 'checks_failed'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table versions drop constraint versions_status_known`.execute(db);
  await db.schema.alterTable('versions').dropColumn('checks').execute();
}
