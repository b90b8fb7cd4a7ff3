import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnWorkerProcess, waitFor } from './worker-process.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

describe('worker main', () => {
  it('starts with just DATABASE_URL (no SESSION_SECRET: it signs nothing) and stops cleanly on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const worker = await spawnWorkerProcess(
      'src/main.ts',
      {
        DATABASE_URL: database.url,
        SESSION_SECRET: '',
        LOG_LEVEL: 'info',
        MODEL_PROVIDER: '',
        OPENAI_API_KEY: '',
      },
      /worker started/,
    );
    const heartbeats = await waitFor('the first heartbeat', async () => {
      const rows = await database.db.selectFrom('worker_heartbeats').selectAll().execute();
      return rows.length > 0 ? rows : undefined;
    });
    expect(heartbeats.map((row) => row.process_label)).toEqual([expect.stringMatching(`:${worker.pid}$`)]);

    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.log()).toMatch(/worker stopped/);
    expect(await database.db.selectFrom('worker_heartbeats').selectAll().execute()).toEqual([]);
  });

  it('refuses to start on invalid env, listing every problem', { timeout: 60_000 }, async () => {
    await expect(
      spawnWorkerProcess('src/main.ts', { DATABASE_URL: '', WORKER_CONCURRENCY: 'many', LOG_LEVEL: '' }),
    ).rejects.toThrow(/DATABASE_URL: is required[\s\S]*WORKER_CONCURRENCY:/);
  });
});
