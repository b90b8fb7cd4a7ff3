import path from 'node:path';
import { EnvError } from '@app/core/env';
import { createModel } from '@app/core/providers';
import { bundleApp } from '@app/core/validation';
import { createDb } from '@app/db';
import { loadEnv, type ServerEnv } from './env.ts';
import { startServer } from './server.ts';

// Composition root: env → database pool → services → HTTP → shutdown. A bad environment is every
// problem printed at once and exit 1, before anything starts.
let env: ServerEnv;
try {
  env = loadEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`server: ${error.message}\n`);
  process.exit(1);
}

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

const { db } = createDb({
  connectionString: env.databaseUrl,
  max: 20,
  applicationName: 'app-builder:server',
});
const server = await startServer({
  db,
  connectionString: env.databaseUrl,
  port: env.port,
  host: env.host,
  sessionSecret: env.sessionSecret,
  secureCookies: env.publicUrl.startsWith('https://'),
  maxQuestions: env.maxQuestions,
  modelDescription: createModel(env.model).describe(),
  previewPort: env.previewPort,
  previewBaseUrl: env.previewUrl,
  builderOrigin: new URL(env.publicUrl).origin,
  bundle: (files) => bundleApp(files),
  staticDir: env.staticDir ? path.resolve(env.staticDir) : undefined,
  rateLimits: env.rateLimits,
  trustProxy: env.trustProxy,
  log,
});
log('info', `server listening on http://${env.host}:${server.port}`, { model: env.model.provider });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('info', `${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await server.close().catch((error: unknown) => log('error', 'close failed', { error: String(error) }));
  await db.destroy().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
