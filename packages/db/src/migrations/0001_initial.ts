import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pgcrypto`.execute(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('apps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('apps_owner_updated').on('apps').columns(['owner_id', 'updated_at']).execute();

  await db.schema
    .createTable('versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('job_id', 'uuid')
    // One version per generation run: a rerun after a crash hits this key instead of adding another.
    .addColumn('generation_run', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ready'))
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('ledger', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('plan', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('restored_from_version_id', 'uuid', (c) => c.references('versions.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('versions_app_number', ['app_id', 'number'])
    .addUniqueConstraint('versions_job_run', ['job_id', 'generation_run'])
    .execute();

  await db.schema
    .createTable('version_files')
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('versions.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('version_files_pk', ['version_id', 'path'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('create', 'change')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('questioning', 'awaiting_answer', 'generating', 'complete', 'failed', 'cancelled')`,
        ),
    )
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('base_version_id', 'uuid', (c) => c.references('versions.id'))
    .addColumn('version_id', 'uuid', (c) => c.references('versions.id'))
    .addColumn('open_question_id', 'uuid')
    .addColumn('readiness', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'jsonb')
    .addColumn('usage', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'{"inputTokens":0,"outputTokens":0,"costUsd":0}'::jsonb`),
    )
    // The per-job event sequence; bumped under this row's lock so `seq` is gapless.
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    // Monotonic counters that make worker payloads idempotent: a task carries the number it was
    // queued for and does nothing when the job has moved on.
    .addColumn('turn', 'integer', (c) => c.notNull().defaultTo(0))
    // What the queued turn should distill (request, answer, skip, build now): a retried turn
    // re-reads it instead of depending on a payload that may be gone.
    .addColumn('turn_input', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"kind":"request"}'::jsonb`))
    .addColumn('generation_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('jobs_app').on('jobs').columns(['app_id', 'created_at']).execute();
  // One active job per app, enforced by the database rather than by a read-then-write race.
  await sql`create unique index jobs_one_active_per_app on jobs (app_id)
    where status in ('questioning', 'awaiting_answer', 'generating')`.execute(db);
  await sql`alter table versions add constraint versions_job_fk foreign key (job_id) references jobs (id) on delete set null`.execute(
    db,
  );

  await db.schema
    .createTable('questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('single', 'multi', 'text')`))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('assumption_if_skipped', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'answered', 'skipped')`))
    .addColumn('answer', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    // One question per number, ever: a turn rerun after a crash cannot persist a second one.
    .addUniqueConstraint('questions_job_number', ['job_id', 'number'])
    .execute();
  await sql`create unique index questions_one_open_per_job on questions (job_id) where status = 'open'`.execute(
    db,
  );

  await db.schema
    .createTable('ledger_facts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('goal', 'requirement', 'ui', 'unknown', 'assumption')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) =>
      c.notNull().check(sql`source_kind in ('request', 'answer', 'skip', 'edit')`),
    )
    .addColumn('source_question_id', 'uuid', (c) => c.references('questions.id').onDelete('set null'))
    // The interview slot a fact fills (who uses it, records, views …), so later turns need not guess.
    .addColumn('topic', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('ledger_facts_job')
    .on('ledger_facts')
    .columns(['job_id', 'position'])
    .execute();

  await db.schema
    .createTable('job_events')
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    // clock_timestamp, not now(): the moment the row is written (≈ commit), not the transaction start.
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addPrimaryKeyConstraint('job_events_pk', ['job_id', 'seq'])
    .execute();

  await db.schema
    .createTable('worker_heartbeats')
    .addColumn('worker_id', 'text', (c) => c.primaryKey())
    .addColumn('process_label', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['worker_heartbeats', 'job_events', 'ledger_facts', 'questions', 'version_files']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`alter table versions drop constraint versions_job_fk`.execute(db);
  for (const table of ['jobs', 'versions', 'apps', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
