import { bundleApp } from '@app/core';
import { createDb } from '@app/db';
import { startServer } from '../apps/server/src/server.ts';
import { type ChildMessage, serveParent } from './ipc.ts';

/**
 * The real server (`startServer`, composed exactly as apps/server/src/main.ts does: same pool size,
 * same hub, same HTTP stack) in its own process, plus an IPC channel so the bench can read its
 * memory and hub subscription count without adding a metrics endpoint to the product.
 */
const databaseUrl = process.env.DATABASE_URL;
const sessionSecret = process.env.SESSION_SECRET;
if (!databaseUrl || !sessionSecret)
  throw new Error('bench server: DATABASE_URL and SESSION_SECRET are required');

const { db } = createDb({ connectionString: databaseUrl, max: 20, applicationName: 'app-builder:server' });
const server = await startServer({
  db,
  connectionString: databaseUrl,
  port: 0,
  sessionSecret,
  maxQuestions: 5,
  modelDescription: 'bench:instant',
  previewPort: 0,
  bundle: (files) => bundleApp(files),
  log: (level, message, fields) => {
    if (level !== 'info') process.stderr.write(`${level} ${message} ${JSON.stringify(fields ?? {})}\n`);
  },
});

serveParent({
  subscriptions: () => server.hub.subscriptionCount,
  stop: async () => {
    await server.close();
    await db.destroy();
  },
});
process.send?.({ type: 'ready', port: server.port, previewPort: server.previewPort } satisfies ChildMessage);
