import { createDb } from '@app/db';
import { createLogger } from '../apps/worker/src/logger.ts';
import { startWorker } from '../apps/worker/src/runner.ts';
import { createTaskList } from '../apps/worker/src/tasks/index.ts';
import { createInstantQuestioningModel } from './instant-model.ts';
import { type ChildMessage, serveParent } from './ipc.ts';

/**
 * The real worker runner (`startWorker` + `createTaskList`, composed as apps/worker/src/main.ts
 * does) with the instant model in place of a provider.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('bench worker: DATABASE_URL is required');
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);

const logger = createLogger({ level: 'warn', fields: { service: 'bench-worker' } });
const { db } = createDb({
  connectionString: databaseUrl,
  max: concurrency + 2,
  applicationName: 'app-builder-worker',
});
const worker = await startWorker({
  connectionString: databaseUrl,
  db,
  taskList: createTaskList({
    db,
    logger,
    model: createInstantQuestioningModel(),
    maxQuestions: 5,
    preview: { baseUrl: 'http://localhost:1' },
    // Questioning only: this bench worker never builds.
    verification: { available: false, message: 'the bench worker only runs questioning turns' },
  }),
  concurrency,
  logger,
});

serveParent({
  subscriptions: () => 0,
  stop: async () => {
    await worker.stop();
    await db.destroy();
  },
});
process.send?.({ type: 'ready' } satisfies ChildMessage);
