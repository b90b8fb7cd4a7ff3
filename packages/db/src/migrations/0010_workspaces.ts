import { type Kysely, sql } from 'kysely';

// Frozen once shipped: never edit a migration that has shipped; add a new one.
// Workspaces (SPEC §12): apps belong to a workspace, people to workspaces with a role. Access to
// an app, its jobs and versions goes through membership of the app's workspace
// (packages/db/src/queries/access.ts); `apps.owner_id` and `jobs.owner_id` stay as "who made it".
//
// Backfill: every existing user gets a personal workspace as its owner, and the apps they own move
// into it, so nobody loses access to anything. Runs inside the migration's transaction: a user
// signing up meanwhile waits for it (the new code creates their personal workspace itself).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('personal', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('workspace_members')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'editor', 'viewer')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('workspace_members_pkey', ['workspace_id', 'user_id'])
    .execute();
  // "Which workspaces is this person in" (the switcher, every access check by app).
  await db.schema.createIndex('workspace_members_user').on('workspace_members').column('user_id').execute();

  await db.schema
    .createTable('workspace_invites')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('editor', 'viewer')`))
    // Only the SHA-256 of the link's token: the token is 32 random bytes, shown once in the link.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index workspace_invites_pending on workspace_invites (workspace_id, created_at) where accepted_at is null`.execute(
    db,
  );

  await db.schema
    .alterTable('apps')
    .addColumn('workspace_id', 'uuid', (c) => c.references('workspaces.id').onDelete('cascade'))
    .execute();

  // One generated workspace id per user, used for the workspace, its owner row and the user's apps.
  await sql`create temporary table personal_workspace_backfill as
    select id as user_id, gen_random_uuid() as workspace_id from users`.execute(db);
  await sql`insert into workspaces (id, name, personal)
    select workspace_id, 'Personal', true from personal_workspace_backfill`.execute(db);
  await sql`insert into workspace_members (workspace_id, user_id, role)
    select workspace_id, user_id, 'owner' from personal_workspace_backfill`.execute(db);
  await sql`update apps set workspace_id = b.workspace_id
    from personal_workspace_backfill b where apps.owner_id = b.user_id`.execute(db);
  await sql`drop table personal_workspace_backfill`.execute(db);

  await db.schema
    .alterTable('apps')
    .alterColumn('workspace_id', (c) => c.setNotNull())
    .execute();
  // The apps grid of one workspace, newest first (apps.list's keyset order).
  await sql`create index apps_workspace_updated on apps (workspace_id, updated_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('apps').dropColumn('workspace_id').execute();
  await db.schema.dropTable('workspace_invites').execute();
  await db.schema.dropTable('workspace_members').execute();
  await db.schema.dropTable('workspaces').execute();
}
