import { emptyBlueprint } from '@app/core/schemas';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConflictError } from '../errors.ts';
import {
  countGraphileJobs,
  createTestDatabase,
  createUserWithJob,
  type TestDatabase,
} from '../testing/index.ts';
import { listEvents } from './events.ts';
import { findJob } from './jobs.ts';
import { failJob, retryJob } from './lifecycle.ts';
import { recordTurnResult } from './questioning.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

/** A job whose first turn failed (as a worker that gave up leaves it). */
async function failedTurn() {
  const { user, job } = await createUserWithJob(database.db);
  expect(await failJob(database.db, { jobId: job.id, phase: 'questioning', turn: 1, message: 'down' })).toBe(
    true,
  );
  return { user, job };
}

/** A job whose questioning completed and whose first generation run failed. */
async function failedGeneration() {
  const { user, job } = await createUserWithJob(database.db);
  await recordTurnResult(database.db, {
    jobId: job.id,
    turn: 1,
    ledger: [],
    blueprint: emptyBlueprint(),
    readiness: 90,
    outcome: { action: 'complete', reason: 'enough_information' },
    usage: [],
  });
  expect(
    await failJob(database.db, { jobId: job.id, phase: 'generation', generationRun: 1, message: 'bundle' }),
  ).toBe(true);
  return { user, job };
}

function expectGapless(seqs: number[]) {
  expect(seqs).toEqual(seqs.map((_, index) => index + 1));
}

describe('retryJob', () => {
  it('appends exactly one job_retried { phase: questioning } with the state change, seq gapless', async () => {
    const { user, job } = await failedTurn();
    const before = await listEvents(database.db, job.id);
    const turnsBefore = await countGraphileJobs(database.db, 'questioning_turn');

    const result = await retryJob(database.db, { jobId: job.id, userId: user.id });

    expect(result.events.map((item) => [item.type, item.data])).toEqual([
      ['job_retried', { phase: 'questioning' }],
    ]);
    const after = await listEvents(database.db, job.id);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual(result.events);
    expect(result.events[0]?.seq).toBe((before.at(-1)?.seq ?? 0) + 1);
    expectGapless(after.map((item) => item.seq));
    // The returned row is the row as committed, last_seq included (a snapshot's caught-up mark).
    expect(result.job.last_seq).toBe(after.at(-1)?.seq);
    expect(await findJob(database.db, job.id)).toMatchObject({ status: 'questioning', error: null, turn: 2 });
    expect(await countGraphileJobs(database.db, 'questioning_turn')).toBe(turnsBefore + 1);
  });

  it('appends job_retried { phase: generation } for a failed generation run', async () => {
    const { user, job } = await failedGeneration();
    const result = await retryJob(database.db, { jobId: job.id, userId: user.id });
    const log = await listEvents(database.db, job.id);
    expect(log.slice(-3).map((item) => [item.type, item.data])).toEqual([
      ['job_failed', { message: 'bundle', retryable: true }],
      ['done', { status: 'failed' }],
      ['job_retried', { phase: 'generation' }],
    ]);
    expect(log.filter((item) => item.type === 'job_retried')).toHaveLength(1);
    expectGapless(log.map((item) => item.seq));
    expect(result.job).toMatchObject({ status: 'generating', error: null, generation_run: 2 });
  });

  it('a second retry of the same failure conflicts and appends nothing', async () => {
    const { user, job } = await failedTurn();
    await retryJob(database.db, { jobId: job.id, userId: user.id });
    const before = await listEvents(database.db, job.id);
    await expect(retryJob(database.db, { jobId: job.id, userId: user.id })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await listEvents(database.db, job.id)).toEqual(before);
  });
});
