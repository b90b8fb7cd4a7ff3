import { Logger, runMigrations as runGraphileWorkerMigrations } from 'graphile-worker';
import { type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './client.ts';
import { migrations } from './migrations/index.ts';

/** graphile-worker logs every migration and poll at info level; the apps bring their own logger. */
export const quietLogger = new Logger(() => () => {});

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings a database to the current schema: our tables (kysely migrations) and graphile-worker's
 * own schema, in one step, so nothing else needs to run before the server or worker starts.
 */
export async function migrate(db: Db, connectionString: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  await runGraphileWorkerMigrations({ connectionString, logger: quietLogger });
}
