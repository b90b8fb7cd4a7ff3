import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { type Db, deleteHeartbeats } from '@app/db';
import { run, type TaskList, type WorkerEvents } from 'graphile-worker';
import { startHeartbeats } from './heartbeats.ts';
import { startHousekeeping } from './housekeeping.ts';
import { type Logger, toGraphileLogger } from './logger.ts';
import { startSweeper } from './sweeper.ts';

export interface StartWorkerOptions {
  connectionString: string;
  /** Our own pool, for heartbeats and recovery (graphile-worker keeps its own pool for jobs). */
  db: Db;
  taskList: TaskList;
  /** Jobs run at once in this process. Default 4. */
  concurrency?: number;
  /** Default 5 s. */
  heartbeatIntervalMs?: number;
  /** A worker silent this long is dead and its jobs are released. Default 20 s. */
  deadAfterMs?: number;
  /** Default 5 s (and once at start). */
  sweepIntervalMs?: number;
  /** How often expired credentials are deleted (housekeeping.ts). Default 10 minutes. */
  housekeepingIntervalMs?: number;
  /** How often idle workers look for retries that became due. Default 2 s (graphile's). */
  pollIntervalMs?: number;
  /** How long running tasks may go on after `stop()` before their signal aborts. Default 0. */
  abortTasksAfterMs?: number;
  logger: Logger;
  /** Shown in `worker_heartbeats.process_label`. Default `<hostname>:<pid>`. */
  processLabel?: string;
  /** The browser this process verifies apps with, for `worker_heartbeats.verifier_browser`. */
  verifierBrowser?: string | null;
}

export interface RunningWorker {
  /**
   * Graceful shutdown: takes no new jobs, aborts running tasks' signals, waits until their jobs are
   * released (completed, or failed for a retry elsewhere), then removes our heartbeats.
   */
  stop(): Promise<void>;
  /**
   * The graphile-worker ids whose locks this process heartbeats (0.17.3 locks with the pool id).
   * Live: a pool that died is replaced by a new one with a new id.
   */
  readonly workerIds: readonly string[];
  /**
   * Settles once the worker has stopped after `stop()` (rejecting if that stop failed). A pool that
   * dies on its own is replaced, not reported.
   */
  readonly done: Promise<void>;
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { db, logger } = options;
  const concurrency = options.concurrency ?? 4;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 5_000;
  const deadAfterMs = options.deadAfterMs ?? 20_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 5_000;
  if (deadAfterMs < 3 * heartbeatIntervalMs) {
    // Tighter than this, one slow heartbeat lets another process release jobs we are running.
    throw new Error(`deadAfterMs (${deadAfterMs}) must be at least 3 × heartbeatIntervalMs`);
  }

  const workerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  // Emitted synchronously while `run()` builds the pool, before it can lock anything.
  events.on('pool:create', ({ workerPool }) => workerIds.push(workerPool.id));

  const startRunner = () =>
    run(
      {
        connectionString: options.connectionString,
        concurrency,
        maxPoolSize: Math.max(10, concurrency + 2),
        // Our main.ts owns SIGTERM/SIGINT: graphile's handlers would re-kill the process themselves.
        noHandleSignals: true,
        pollInterval: options.pollIntervalMs,
        gracefulShutdownAbortTimeout: options.abortTasksAfterMs ?? 0,
        logger: toGraphileLogger(logger),
        events,
        preset: {
          // docs/spine.md#crash-recovery: with the default (-1) completion/failure writes are fire-and-forget and a
          // shutdown can close the pool under them, leaving finished jobs locked. With 0 they are
          // batched, and shutdown waits for the batch.
          worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 },
        },
      },
      options.taskList,
      [], // no cron: without this graphile looks for a `crontab` file in the working directory
    );
  let runner = await startRunner();
  if (workerIds.length === 0) {
    await runner.stop();
    throw new Error('graphile-worker created no worker pool');
  }

  const heartbeats = startHeartbeats({
    db,
    workerIds,
    processLabel: options.processLabel ?? `${hostname()}:${process.pid}`,
    verifierBrowser: options.verifierBrowser ?? null,
    intervalMs: heartbeatIntervalMs,
    logger,
  });
  const sweeper = startSweeper({
    db,
    deadAfterMs,
    ownWorkerIds: workerIds,
    intervalMs: sweepIntervalMs,
    logger,
  });
  const housekeeping = startHousekeeping({
    db,
    intervalMs: options.housekeepingIntervalMs ?? 10 * 60_000,
    logger,
  });
  logger.info('worker started', { workerIds, concurrency, tasks: Object.keys(options.taskList) });

  let stopRequested = false;
  const done = (async () => {
    let failure: unknown = null;
    for (;;) {
      try {
        await runner.promise;
      } catch (error) {
        failure = error ?? new Error('graphile-worker stopped with an error');
      }
      if (stopRequested) break;
      // Not asked to stop: graphile-worker 0.17.3 stops its runner by itself (its promise even
      // resolves) when it cannot record a job's completion or failure, e.g. Postgres restarting
      // at that moment. The process must outlive a database restart: a new pool takes over. The
      // dead pool's id leaves `workerIds`, so it stops heartbeating and the sweepers release its
      // locks once it counts as dead.
      logger.error('graphile-worker runner stopped on its own; starting a new one', {
        error: failure,
        workerIds,
      });
      const replacement = await restartRunner();
      if (!replacement) break;
      runner = replacement;
      failure = null;
    }
    // Heartbeats run until here on purpose: while the pool still holds jobs (finishing, or failing
    // them after an abort) nobody else may sweep them.
    await housekeeping.stop();
    await sweeper.stop();
    await heartbeats.stop();
    await deleteHeartbeats(db, workerIds).catch((error: unknown) =>
      logger.warn('could not remove heartbeats; they will expire', { error }),
    );
    if (failure) throw failure;
    logger.info('worker stopped', { workerIds });
  })();

  /** Starts a fresh runner, retrying with backoff while the database is unreachable; null once stopped. */
  async function restartRunner(): Promise<Awaited<ReturnType<typeof startRunner>> | null> {
    for (let attempt = 0; !stopRequested; attempt++) {
      // Only pools that run are heartbeated: drop the dead one's id (and a failed attempt's).
      workerIds.splice(0, workerIds.length);
      try {
        const replacement = await startRunner();
        if (stopRequested) {
          await replacement.stop().catch(() => {});
          return null;
        }
        logger.info('graphile-worker pool restarted', { workerIds });
        return replacement;
      } catch (error) {
        const waitMs = Math.min(250 * 2 ** attempt, 5_000);
        logger.warn('could not start a new graphile-worker pool; retrying', { error, waitMs });
        for (let waited = 0; waited < waitMs && !stopRequested; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    }
    return null;
  }
  // `done` is for callers to await; an unobserved rejection must not crash the process first.
  done.catch(() => {});

  let stopping: Promise<void> | null = null;
  return {
    workerIds,
    done,
    stop() {
      stopping ??= (async () => {
        stopRequested = true;
        logger.info('worker stopping', { workerIds });
        await runner.stop().catch((error: unknown) => logger.debug('runner already stopped', { error }));
        await done.catch(() => {});
      })();
      return stopping;
    },
  };
}
