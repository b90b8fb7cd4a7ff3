import { event } from '@app/core/schemas';
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
import { transitionJob } from './transition.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

describe('transitionJob (transactional enqueue)', () => {
  it('commits the state change, its events and the next task together', async () => {
    const { job } = await createUserWithJob(database.db);
    const before = await countGraphileJobs(database.db, 'questioning_turn');
    await transitionJob(database.db, {
      jobId: job.id,
      guard: { status: 'questioning' },
      update: { status: 'questioning', turn: 2 },
      events: [event('ledger_updated', { ledger: [], readiness: 10 })],
      enqueue: { task: 'questioning_turn', payload: { jobId: job.id, turn: 2 } },
    });
    expect(await countGraphileJobs(database.db, 'questioning_turn')).toBe(before + 1);
    expect((await findJob(database.db, job.id))?.turn).toBe(2);
    expect((await listEvents(database.db, job.id)).map((e) => e.type)).toEqual([
      'questioning_started',
      'ledger_updated',
    ]);
  });

  it('leaves no state change, no event and no graphile job when the transaction fails', async () => {
    const { job } = await createUserWithJob(database.db);
    const jobsBefore = await countGraphileJobs(database.db);
    await expect(
      transitionJob(database.db, {
        jobId: job.id,
        guard: { status: 'questioning' },
        update: { status: 'generating', readiness: 80 },
        events: [event('generation_started', {})],
        enqueue: { task: 'questioning_turn', payload: { jobId: job.id, turn: 2 } },
        write: async () => {
          throw new Error('write failed');
        },
      }),
    ).rejects.toThrow('write failed');
    const after = await findJob(database.db, job.id);
    expect(after?.status).toBe('questioning');
    expect(after?.readiness).toBe(0);
    expect(after?.last_seq).toBe(1);
    expect(await listEvents(database.db, job.id)).toHaveLength(1);
    expect(await countGraphileJobs(database.db)).toBe(jobsBefore);
  });

  it('throws ConflictError and writes nothing when the guard does not match', async () => {
    const { job } = await createUserWithJob(database.db);
    const jobsBefore = await countGraphileJobs(database.db);
    let wrote = false;
    await expect(
      transitionJob(database.db, {
        jobId: job.id,
        guard: { status: 'awaiting_answer', openQuestionId: '00000000-0000-4000-8000-000000000000' },
        update: { status: 'questioning' },
        write: async () => {
          wrote = true;
        },
        events: [event('generation_started', {})],
        enqueue: { task: 'questioning_turn', payload: { jobId: job.id, turn: 2 } },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(wrote).toBe(false);
    expect(await listEvents(database.db, job.id)).toHaveLength(1);
    expect(await countGraphileJobs(database.db)).toBe(jobsBefore);
  });

  it('lets exactly one of many concurrent identical transitions through', async () => {
    const { job } = await createUserWithJob(database.db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        transitionJob(database.db, {
          jobId: job.id,
          guard: { status: 'questioning', turn: 1 },
          update: { turn: 2 },
          events: [event('generation_started', {})],
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.every((o) => o.reason instanceof ConflictError)).toBe(true);
    expect(await listEvents(database.db, job.id)).toHaveLength(2);
  });
});
