import { createModel } from '@app/core';
import { createDb } from '@app/db';
import { createLogger } from '../apps/worker/src/logger.ts';
import { startWorker } from '../apps/worker/src/runner.ts';
import { createTaskList } from '../apps/worker/src/tasks/index.ts';
import { setUpVerification } from '../apps/worker/src/verification.ts';
import { type ChildMessage, serveParent } from './ipc.ts';

/**
 * The real worker as apps/worker/src/main.ts composes it for a fresh machine: the offline model
 * and a warm sandboxed browser for verification (found as the worker finds it). It builds: the
 * `buildToVerifiedPreview` benchmark drives whole jobs through it.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('bench build worker: DATABASE_URL is required');
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 2);

const logger = createLogger({ level: 'warn', fields: { service: 'bench-build-worker' } });
const { db } = createDb({
  connectionString: databaseUrl,
  max: concurrency + 2,
  applicationName: 'app-builder-worker',
});
const { verification, close: closeVerifier } = setUpVerification(null);
if (!verification.available) throw new Error(`bench build worker: ${verification.message}`);
const worker = await startWorker({
  connectionString: databaseUrl,
  db,
  taskList: createTaskList({
    db,
    logger,
    model: createModel({ provider: 'offline' }),
    maxQuestions: 5,
    preview: { baseUrl: 'http://localhost:3001' },
    verification,
  }),
  concurrency,
  verifierBrowser: verification.browser,
  logger,
});

serveParent({
  subscriptions: () => 0,
  stop: async () => {
    await worker.stop();
    await closeVerifier();
    await db.destroy();
  },
});
process.send?.({ type: 'ready' } satisfies ChildMessage);
