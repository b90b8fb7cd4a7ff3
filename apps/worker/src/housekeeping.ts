import { type Db, deleteExpiredCredentials } from '@app/db';
import type { Logger } from './logger.ts';
import { repeat } from './repeat.ts';

/**
 * Deletes credentials that can never work again (sign-in codes, sessions, stale invites: @app/db's
 * deleteExpiredCredentials) every `intervalMs`, the first run one interval after start (a restart
 * loop never hammers the database; with several workers, one that lives long enough does it).
 * Every worker process runs it; the deletes are idempotent.
 */
export function startHousekeeping(options: { db: Db; intervalMs: number; logger: Logger }): {
  stop(): Promise<void>;
} {
  return repeat(
    async () => {
      const deleted = await deleteExpiredCredentials(options.db);
      if (Object.values(deleted).some((count) => count > 0))
        options.logger.info('deleted expired credentials', { ...deleted });
    },
    options.intervalMs,
    { immediately: false, onError: (error) => options.logger.warn('housekeeping failed', { error }) },
  );
}
