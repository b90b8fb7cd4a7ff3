import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '../testing/index.ts';
import { isGenerationRunCurrent } from './generation-run.ts';
import { cancelJob } from './lifecycle.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

describe('isGenerationRunCurrent (what the cancel watch polls)', () => {
  it('is true only while the job generates at that run; null for a job that is gone', async () => {
    const { user, job } = await createUserWithJob(database.db);
    await database.db
      .updateTable('jobs')
      .set({ status: 'generating', generation_run: 2 })
      .where('id', '=', job.id)
      .execute();
    expect(await isGenerationRunCurrent(database.db, { jobId: job.id, run: 2 })).toBe(true);
    expect(await isGenerationRunCurrent(database.db, { jobId: job.id, run: 1 })).toBe(false);
    await cancelJob(database.db, { jobId: job.id, userId: user.id });
    expect(await isGenerationRunCurrent(database.db, { jobId: job.id, run: 2 })).toBe(false);
    expect(await isGenerationRunCurrent(database.db, { jobId: crypto.randomUUID(), run: 1 })).toBeNull();
  });
});
