import { maxMessageLength } from '@app/core/schemas';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '../testing/index.ts';
import { failJob } from './lifecycle.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

/** What is stored, read raw (not through the zod schemas, which cap again on the way out). */
async function storedFailure(jobId: string): Promise<{ error: string; events: string }> {
  const { rows } = await sql<{ error: string; events: string }>`
    select jobs.error::text as error,
      (select string_agg(data::text, '\n' order by seq) from job_events where job_id = jobs.id) as events
    from jobs where id = ${jobId}`.execute(database.db);
  const row = rows[0];
  if (!row) throw new Error('job not found');
  return row;
}

describe('failJob messages', () => {
  it('never stores a connection string password or a 5 MB message, in the job row or the events', async () => {
    const { job } = await createUserWithJob(database.db);
    // The real server URL of this test run, with a password put in if it has none.
    const url = new URL(inject('databaseServerUrl'));
    url.username ||= 'app';
    url.password = 'Sup3r-s3cret-pw';
    const message = `connect ECONNREFUSED ${url.href} (PGPASSWORD=hunter2222) ${'x'.repeat(5 * 1024 * 1024)}`;

    expect(await failJob(database.db, { jobId: job.id, phase: 'questioning', message, turn: 1 })).toBe(true);

    const stored = await storedFailure(job.id);
    for (const text of [stored.error, stored.events]) {
      expect(text).not.toContain('Sup3r-s3cret-pw');
      expect(text).not.toContain('hunter2222');
      expect(text).toContain('connect ECONNREFUSED');
    }
    const error = JSON.parse(stored.error) as { message: string };
    expect(error.message.length).toBeLessThanOrEqual(maxMessageLength);
    // Both writes of the failure carry the same text.
    expect(stored.events).toContain(JSON.stringify(error.message).slice(0, 200));
    expect(stored.events.length).toBeLessThan(3 * maxMessageLength);
  });
});
