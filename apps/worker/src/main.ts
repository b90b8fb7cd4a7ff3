import { createDb } from '@app/db';
import { EnvError, loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startWorker } from './runner.ts';
import { createTaskList } from './tasks/index.ts';

/** After a first signal, a stop that takes longer than this (a task ignoring its signal) exits hard. */
const shutdownTimeoutMs = 15_000;

// Composition root: env → database pool → graphile runner (+ heartbeats, sweeper) → shutdown.
let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`worker: ${error.message}\n`);
  process.exit(1);
}

const logger = createLogger({ level: env.logLevel, fields: { service: 'worker' } });
const { db } = createDb({
  connectionString: env.databaseUrl,
  max: env.concurrency + 2,
  applicationName: 'app-builder-worker',
});

// TODO(lead): build the model from `env.model` (core's `createModel`) and `env.maxQuestions`, add
// them to the task dependencies (tasks/context.ts) and pass them here.
const worker = await startWorker({
  connectionString: env.databaseUrl,
  db,
  taskList: createTaskList({ db, logger }),
  concurrency: env.concurrency,
  logger,
});
logger.info('model configured', {
  provider: env.model.provider,
  ...(env.model.provider === 'openai'
    ? { questioning: env.model.questioningModel, generation: env.model.generationModel }
    : {}),
});

let stopRequested = false;
function onSignal(signal: NodeJS.Signals) {
  if (stopRequested) {
    // A second Ctrl-C means "now": our locks expire with our heartbeats and other workers take over.
    logger.warn(`${signal} again; exiting without waiting for running tasks`);
    process.exit(1);
  }
  stopRequested = true;
  logger.info(`${signal} received; stopping gracefully`);
  setTimeout(() => {
    logger.error('graceful stop timed out; exiting');
    process.exit(1);
  }, shutdownTimeoutMs).unref();
  void worker.stop();
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

let exitCode = 0;
try {
  await worker.done;
} catch (error) {
  logger.error('worker stopped unexpectedly', { error });
  exitCode = 1;
}
await db.destroy();
process.exit(exitCode);
