import { type Kysely, sql } from 'kysely';

// Frozen once shipped: never edit a migration that has shipped; add a new one.
// App data (SPEC §12): each app's records, per blueprint entity, in one table. `dataset` keeps the
// published app's shared data ('live') apart from each version's preview data
// ('preview:<versionId>'), so a preview never reads or writes live records. Values are jsonb keyed
// by the compiled app's field ids: a renamed field keeps its values, a removed one stays stored.
// `version` is the optimistic-concurrency counter a write must name (a stale one is a conflict).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('dataset', 'text', (c) =>
      c.notNull().check(sql`dataset = 'live' or dataset ~ '^preview:[0-9a-f-]{36}$'`),
    )
    .addColumn('entity_id', 'text', (c) => c.notNull().check(sql`char_length(entity_id) between 1 and 200`))
    .addColumn('values', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof("values") = 'object'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  // Listing one entity's records in creation order, resumed by a (created_at, id) keyset cursor.
  await sql`create index app_records_listing on app_records (app_id, dataset, entity_id, created_at, id)`.execute(
    db,
  );
  // Filters and sorts read values by key (`values -> 'loan-due'`), and reference checks / related
  // counts look records up by a value ("loans whose Tool is this tool"): jsonb_path_ops serves
  // `values @> '{"loan-tool": "<id>"}'` for any field without an index per field.
  await sql`create index app_records_values on app_records using gin ("values" jsonb_path_ops)`.execute(db);

  // A dataset that has been seeded: a preview's sample records are written once, on first use, even
  // if two requests race to it (the insert that wins seeds) or the person later deletes them all.
  await db.schema
    .createTable('app_datasets')
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('app_datasets_pkey', ['app_id', 'dataset'])
    .execute();

  await db.schema
    .createTable('app_record_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    // No foreign key to app_records: the trail of a deleted record outlives it.
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('create', 'update', 'delete')`))
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await sql`create index app_record_audit_record on app_record_audit (record_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_record_audit').execute();
  await db.schema.dropTable('app_datasets').execute();
  await db.schema.dropTable('app_records').execute();
}
