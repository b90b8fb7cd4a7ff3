import { runMigrations as runGraphileWorkerMigrations } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appRoleName } from './app-role.ts';
import { quietLogger } from './migrate.ts';
import {
  countGraphileJobs,
  createTestDatabase,
  createUserWithJob,
  type TestDatabase,
} from './testing/index.ts';

// Every test file's database handle logs in as a member of the app role, exactly what the server
// and worker get: what it may not do here, generated code that escaped could not do either.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});

afterAll(() => database.destroy());

async function attempt(statement: ReturnType<typeof sql.raw>): Promise<string> {
  try {
    await statement.execute(database.db);
    return 'succeeded';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('the apps’ database role', () => {
  it('has no superuser attribute, no CREATEROLE / CREATEDB / BYPASSRLS, and no server-file roles', async () => {
    const { rows } = await sql<Record<string, boolean>>`
      select r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
        pg_has_role(current_user, 'pg_read_server_files', 'usage') as read_files,
        pg_has_role(current_user, 'pg_write_server_files', 'usage') as write_files,
        pg_has_role(current_user, 'pg_execute_server_program', 'usage') as run_programs,
        pg_has_role(current_user, ${appRoleName}, 'usage') as app_member
      from pg_roles r where r.rolname = current_user`.execute(database.db);
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolreplication: false,
      rolbypassrls: false,
      read_files: false,
      write_files: false,
      run_programs: false,
      app_member: true,
    });
  });

  it('cannot create roles or databases, run programs, read server files or load extensions', async () => {
    expect(await attempt(sql.raw('create role intruder superuser login'))).toMatch(
      /permission denied to create role/,
    );
    expect(await attempt(sql.raw('create database intruder'))).toMatch(
      /permission denied to create database/,
    );
    expect(await attempt(sql.raw(`copy (select 1) to program 'id'`))).toMatch(
      /permission denied to COPY to or from an external program/,
    );
    expect(await attempt(sql.raw(`select pg_read_file('/etc/passwd')`))).toMatch(
      /permission denied for function pg_read_file/,
    );
    expect(await attempt(sql.raw(`copy (select 1) to '/tmp/app-role-test'`))).toMatch(
      /permission denied to COPY to a file/,
    );
    // hstore is a "trusted" extension (any role with CREATE on the database may load one);
    // file_fdw would read server files.
    expect(await attempt(sql.raw('create extension hstore'))).toMatch(
      /permission denied to create extension "hstore"/,
    );
    expect(await attempt(sql.raw('create extension file_fdw'))).toMatch(
      /permission denied to create extension "file_fdw"/,
    );
    expect(await attempt(sql.raw(`alter system set log_statement = 'none'`))).toMatch(/permission denied/);
  });

  it('cannot change the schema or the migration bookkeeping', async () => {
    expect(await attempt(sql.raw('create table public.intruder (id int)'))).toMatch(
      /permission denied for schema public/,
    );
    expect(await attempt(sql.raw('create schema intruder'))).toMatch(/permission denied for database/);
    expect(await attempt(sql.raw('drop table jobs'))).toMatch(/must be owner of table jobs/);
    expect(await attempt(sql.raw('alter table users add column intruder text'))).toMatch(
      /must be owner of table users/,
    );
    expect(await attempt(sql.raw('delete from kysely_migration'))).toMatch(
      /permission denied for table kysely_migration/,
    );
    expect(await attempt(sql.raw('delete from graphile_worker.migrations'))).toMatch(
      /permission denied for table migrations/,
    );
    expect(await attempt(sql.raw('drop schema graphile_worker cascade'))).toMatch(
      /must be owner of schema graphile_worker/,
    );
  });

  it('can do what the apps do: write rows, enqueue graphile jobs, start graphile-worker', async () => {
    const { job } = await createUserWithJob(database.db);
    expect(job.status).toBe('questioning');
    // createAppWithJob enqueued the first turn through graphile_worker.add_job.
    expect(await countGraphileJobs(database.db)).toBeGreaterThan(0);
    // What graphile-worker's runner does at start: its schema is current, so it changes nothing.
    await expect(
      runGraphileWorkerMigrations({ connectionString: database.url, logger: quietLogger }),
    ).resolves.toBeUndefined();
  });

  it('reaches set-up tables the owner creates for a test (asOwner grants them)', async () => {
    await database.asOwner((owner) =>
      sql`create table owner_made (id serial primary key, note text)`.execute(owner),
    );
    await sql`insert into owner_made (note) values ('written by the app role')`.execute(database.db);
    const { rows } = await sql<{ note: string }>`select note from owner_made`.execute(database.db);
    expect(rows).toEqual([{ note: 'written by the app role' }]);
  });
});
