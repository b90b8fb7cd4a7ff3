import { type Db, recordHeartbeats } from '@app/db';
import type { Logger } from './logger.ts';
import { repeat } from './repeat.ts';

/**
 * Keeps this process's graphile worker ids alive in `worker_heartbeats`, starting immediately:
 * until the first beat lands, other sweepers only trust our locks for `deadAfterMs`.
 */
export function startHeartbeats(options: {
  db: Db;
  workerIds: readonly string[];
  processLabel: string;
  /** Recorded with each beat: /healthz reports workers that cannot verify (and so cannot build). */
  verifierBrowser: string | null;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  return repeat(
    () => recordHeartbeats(options.db, options.workerIds, options.processLabel, options.verifierBrowser),
    options.intervalMs,
    {
      immediately: true,
      // A missed beat is not fatal; enough of them and other workers take our jobs over, which is
      // the point: a worker that cannot reach the database cannot finish its jobs either.
      onError: (error) => options.logger.warn('heartbeat failed', { error }),
    },
  );
}
