import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/**
 * bigint/int8 (e.g. count(*)) as numbers: every count this app makes fits comfortably. Set on our
 * pools only, not on `pg` for the whole process: other pools in it (graphile-worker's) keep pg's
 * defaults.
 */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number.parseInt(value, 10)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Query functions take either: a plain handle or one already inside a transaction. */
export type DbOrTrx = Db | Trx;

export interface DbConfig {
  connectionString: string;
  /** Pool size for this process. */
  max?: number;
  applicationName?: string;
}

export function createDb(config: DbConfig): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.max ?? 10,
    application_name: config.applicationName ?? 'app-builder',
    types: typeParsers,
  });
  // An idle client losing its connection (e.g. Postgres restart) must not crash the process.
  pool.on('error', () => {});
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/** Runs `work` in a transaction, or inside the caller's if it already is one. */
export async function inTransaction<T>(db: DbOrTrx, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  return db.transaction().execute(work);
}
