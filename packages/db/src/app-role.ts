import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './client.ts';

/**
 * The role the apps (server, worker) connect as on the embedded cluster. It owns nothing: the
 * migration role owns every table and schema, and this one gets row privileges on them (see
 * `grantAppPrivileges`), so it can read and write the data but not change or drop the schema.
 */
export const appRoleName = 'app_builder';

/** Attributes that make a role harmless beyond its grants (PG's defaults, stated so they are enforced). */
const appRoleAttributes = 'nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit';

/** Anything that runs a query: a `pg.Client`, a pooled client or a pool. */
interface Queryable {
  query(text: string): Promise<unknown>;
}

/**
 * Creates `name` (or resets an existing one) as an unprivileged role: `password` makes it a login
 * role, `null` a group role to grant privileges to. Run as a superuser (or a CREATEROLE role).
 * Concurrent callers racing to create the same role are fine: the loser updates it instead.
 */
export async function ensureUnprivilegedRole(
  admin: Queryable,
  name: string,
  password: string | null,
): Promise<void> {
  const login = password === null ? 'nologin' : `login password ${pg.escapeLiteral(password)}`;
  const role = pg.escapeIdentifier(name);
  try {
    await admin.query(`create role ${role} ${appRoleAttributes} ${login}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42710') throw error; // duplicate_object
    await admin.query(`alter role ${role} ${appRoleAttributes} ${login}`);
  }
}

/**
 * Gives `role` what the apps need and nothing more, on everything the migrations created: row
 * privileges on our tables and graphile-worker's, sequences, functions. Run by the migration role
 * after every migration (idempotent), so a table a new migration adds is covered without anyone
 * remembering a GRANT. The migration bookkeeping stays read-only for the apps: an app that could
 * edit `kysely_migration` could make the next deploy skip or re-run a migration. graphile-worker
 * reads its `migrations` table when a worker starts (and migrates only when behind, which the
 * migration step has already done), so SELECT there is enough.
 */
export async function grantAppPrivileges(db: Db, role: string): Promise<void> {
  const grantee = sql.id(role);
  for (const schema of ['public', 'graphile_worker']) {
    const target = sql.id(schema);
    await sql`grant usage on schema ${target} to ${grantee}`.execute(db);
    await sql`grant select, insert, update, delete on all tables in schema ${target} to ${grantee}`.execute(
      db,
    );
    await sql`grant usage, select, update on all sequences in schema ${target} to ${grantee}`.execute(db);
    await sql`grant execute on all functions in schema ${target} to ${grantee}`.execute(db);
  }
  await allowRowsOfRowSecureTables(db, 'graphile_worker', role);
  await sql`revoke insert, update, delete, truncate on kysely_migration, kysely_migration_lock from ${grantee}`.execute(
    db,
  );
  await sql`revoke insert, update, delete, truncate on graphile_worker.migrations from ${grantee}`.execute(
    db,
  );
  // Tables the migration role creates outside a migration (a test's own table, a hand-made fix)
  // reach the apps too.
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${grantee}`.execute(
    db,
  );
  await sql`alter default privileges in schema public grant usage, select, update on sequences to ${grantee}`.execute(
    db,
  );
}

/**
 * graphile-worker turns on row-level security without policies on its private tables
 * (`_private_jobs`, `_private_tasks`, …), so only their owner sees or writes a row: a granted
 * role meets "new row violates row-level security policy". One permissive policy per such table
 * gives `role` every row, leaving the owner's schema and the RLS setting as graphile made them.
 * Looked up each time rather than listed, so tables a graphile-worker upgrade adds are covered.
 */
async function allowRowsOfRowSecureTables(db: Db, schema: string, role: string): Promise<void> {
  const policyName = `app_rows_${role}`.slice(0, 63);
  const { rows } = await sql<{ table: string; covered: boolean }>`
    select c.relname as table,
      exists (select 1 from pg_policies p
              where p.schemaname = n.nspname and p.tablename = c.relname and p.policyname = ${policyName}) as covered
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and c.relrowsecurity`.execute(db);
  for (const { table, covered } of rows) {
    if (covered) continue;
    await sql`create policy ${sql.id(policyName)} on ${sql.id(schema, table)}
      for all to ${sql.id(role)} using (true) with check (true)`.execute(db);
  }
}

/** The role a connection URL logs in as (`null` when the URL names none: libpq's default user). */
export function roleOfUrl(url: string): string | null {
  try {
    const user = decodeURIComponent(new URL(url).username);
    return user === '' ? null : user;
  } catch {
    return null;
  }
}
