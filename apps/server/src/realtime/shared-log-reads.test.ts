import { event } from '@app/core';
import { appendEvents } from '@app/db';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SharedLogReads } from './shared-log-reads.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(async () => {
  await database?.destroy();
});

describe('SharedLogReads', () => {
  it('gives streams woken by the same notification one shared read of the log', async () => {
    const { job } = await createUserWithJob(database.db);
    await appendEvents(database.db, job.id, [event('step_started', { index: 0 })]);
    const reads = new SharedLogReads(database.db);
    const mark = reads.mark();
    const first = reads.read(job.id, 0, 500, mark);
    const second = reads.read(job.id, 0, 500, mark);
    expect(second).toBe(first);
    expect((await first).map((row) => row.type)).toEqual(['questioning_started', 'step_started']);
  });

  it('never hands a stream woken later a read that started before its wake-up', async () => {
    const { job } = await createUserWithJob(database.db);
    const reads = new SharedLogReads(database.db);
    const early = reads.read(job.id, 0, 500, reads.mark());
    // The commit this stream is woken for may be newer than `early`'s snapshot.
    const [appended] = await appendEvents(database.db, job.id, [event('step_started', { index: 1 })]);
    const late = reads.read(job.id, 0, 500, reads.mark());
    expect(late).not.toBe(early);
    expect((await late).map((row) => row.seq)).toContain(appended?.seq);
    // Different slices of the log are never shared either.
    const mark = reads.mark();
    expect(reads.read(job.id, 1, 500, mark)).not.toBe(reads.read(job.id, 0, 500, mark));
  });
});
