import { event } from '@app/core/schemas';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '../testing/index.ts';
import { appendEvents, jobEventsChannel, listEvents, parseNotification } from './events.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

describe('appendEvents', () => {
  it('numbers events of 20 concurrent transactions 1..n with no gap or duplicate', async () => {
    const { job } = await createUserWithJob(database.db);
    // createAppWithJob already appended questioning_started as seq 1.
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        database.db.transaction().execute(async (trx) => {
          await appendEvents(trx, job.id, [
            event('step_started', { index }),
            event('step_completed', { index }),
          ]);
        }),
      ),
    );
    const log = await listEvents(database.db, job.id);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    // Each transaction's pair stays adjacent: seq order is commit order.
    for (let i = 1; i < log.length; i += 2) {
      const started = log[i];
      const completed = log[i + 1];
      expect(started?.type).toBe('step_started');
      expect(completed?.type).toBe('step_completed');
      expect(completed?.data).toEqual(started?.data);
    }
  });

  it('notifies with job_id:seq only, after commit', async () => {
    const { job } = await createUserWithJob(database.db);
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const payloads: string[] = [];
    listener.on('notification', (message) => payloads.push(message.payload ?? ''));
    await listener.query(`listen ${jobEventsChannel}`);
    try {
      await database.db.transaction().execute(async (trx) => {
        await appendEvents(trx, job.id, [
          event('file_written', { path: 'src/App.tsx', content: 'secret body' }),
        ]);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(payloads).toEqual([]); // nothing is delivered before commit
      });
      await expect.poll(() => payloads.length).toBe(1);
      expect(payloads[0]).toBe(`${job.id}:2`);
      expect(payloads[0]).not.toContain('secret');
      expect(parseNotification(payloads[0] ?? '')).toEqual({ jobId: job.id, seq: 2 });
    } finally {
      await listener.end();
    }
  });

  it('rolls back seq with the transaction, leaving no gap', async () => {
    const { job } = await createUserWithJob(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendEvents(trx, job.id, [event('generation_started', {})]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await appendEvents(database.db, job.id, [event('generation_started', {})]);
    expect((await listEvents(database.db, job.id)).map((e) => e.seq)).toEqual([1, 2]);
  });
});
