import { Logger, runMigrations as runGraphileWorkerMigrations } from 'graphile-worker';
import { type MigrationProvider, Migrator } from 'kysely';
import { grantAppPrivileges } from './app-role.ts';
import type { Db } from './client.ts';
import { migrations } from './migrations/index.ts';

/** graphile-worker logs every migration and poll at info level; the apps bring their own logger. */
export const quietLogger = new Logger(() => () => {});

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrateOptions {
  /**
   * The role the apps connect as, when it is not the one migrating: it gets row privileges on
   * every table afterwards (`grantAppPrivileges`). Omitted: the apps use the migrating role itself.
   */
  appRole?: string | null;
}

/**
 * Brings a database to the current schema: our tables (kysely migrations) and graphile-worker's
 * own schema, in one step, so nothing else needs to run before the server or worker starts.
 * `db` and `connectionString` are the migration role's (it owns what it creates); graphile-worker
 * migrates here too, so a worker starting as the app role finds its schema current and changes
 * nothing.
 */
export async function migrate(db: Db, connectionString: string, options: MigrateOptions = {}): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  await runGraphileWorkerMigrations({ connectionString, logger: quietLogger });
  if (options.appRole) await grantAppPrivileges(db, options.appRole);
}
