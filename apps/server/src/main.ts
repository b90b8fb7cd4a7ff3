import path from 'node:path';
import { bundleApp, createModel } from '@app/core';
import { createDb } from '@app/db';
import { loadEnv } from './env.ts';
import { startServer } from './server.ts';

const env = loadEnv();

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

const { db } = createDb({
  connectionString: env.DATABASE_URL,
  max: 20,
  applicationName: 'app-builder:server',
});
const server = await startServer({
  db,
  connectionString: env.DATABASE_URL,
  port: env.PORT,
  host: env.HOST,
  sessionSecret: env.SESSION_SECRET,
  secureCookies: env.publicUrl.startsWith('https://'),
  maxQuestions: env.MAX_QUESTIONS,
  modelDescription: createModel(env.model).describe(),
  previewPort: env.PREVIEW_PORT,
  previewBaseUrl: env.previewUrl,
  builderOrigin: new URL(env.publicUrl).origin,
  bundle: (files) => bundleApp(files),
  staticDir: env.STATIC_DIR ? path.resolve(env.STATIC_DIR) : undefined,
  rateLimits: {
    signInPerEmail: env.RATE_LIMIT_SIGNIN,
    signInPerAddress: env.RATE_LIMIT_SIGNIN_IP,
    signUpPerAddress: env.RATE_LIMIT_SIGNUP,
  },
  trustProxy: env.TRUST_PROXY,
  log,
});
log('info', `server listening on http://${env.HOST}:${server.port}`, { model: env.model.provider });

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
