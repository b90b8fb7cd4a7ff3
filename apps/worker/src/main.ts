import { createModel } from '@app/core';
import { createDb } from '@app/db';
import { EnvError, loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startWorker } from './runner.ts';
import { runUntilStopped } from './shutdown.ts';
import { createTaskList } from './tasks/index.ts';
import { setUpVerification } from './verification.ts';

/** After a first signal, a stop that takes longer than this (a task ignoring its signal) exits hard. */
const shutdownTimeoutMs = 15_000;

// Composition root: env → database pool → graphile runner (+ heartbeats, sweeper) → run until stopped.
let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`worker: ${error.message}\n`);
  process.exit(1);
}

const logger = createLogger({ level: env.logLevel, fields: { service: 'worker' } });
// The worker signs nothing (the server signs preview links), so the secret has no business in its
// environment, where any code the worker ran could read it (`/proc/<pid>/environ`).
if (process.env.SESSION_SECRET)
  logger.warn('SESSION_SECRET is set but the worker never uses it: remove it from the worker environment');
const { db } = createDb({
  connectionString: env.databaseUrl,
  max: env.concurrency + 2,
  applicationName: 'app-builder-worker',
});

const model = createModel(env.model);
const { verification, close: closeVerifier } = setUpVerification(env.chromiumPath);
if (!verification.available) {
  // Loud, but not fatal: questioning works without a browser, and builds fail with this message.
  logger.error(`BUILDS WILL FAIL: ${verification.message}`);
}
const starting = startWorker({
  connectionString: env.databaseUrl,
  db,
  taskList: createTaskList({
    db,
    logger,
    model,
    maxQuestions: env.maxQuestions,
    preview: env.preview,
    verification,
  }),
  concurrency: env.concurrency,
  verifierBrowser: verification.available ? verification.browser : null,
  logger,
});
await runUntilStopped({
  starting,
  db,
  logger,
  timeoutMs: shutdownTimeoutMs,
  onStarted: () =>
    logger.info('model configured', {
      model: model.describe(),
      maxQuestions: env.maxQuestions,
      verifierBrowser: verification.available ? verification.browser : null,
    }),
  onStopped: closeVerifier,
});
