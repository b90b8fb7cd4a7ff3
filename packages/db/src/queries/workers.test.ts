import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '../testing/index.ts';
import { listEvents } from './events.ts';
import { findJob } from './jobs.ts';
import { failJob } from './lifecycle.ts';
import {
  deleteGraphileJob,
  findDeadWorkerIds,
  findExhaustedTaskJobs,
  recordHeartbeats,
  releaseDeadWorkers,
  returnAttempt,
} from './workers.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());
beforeEach(async () => {
  await sql`delete from graphile_worker._private_jobs`.execute(database.db);
  await sql`delete from worker_heartbeats`.execute(database.db);
});

interface GraphileJobState {
  id: string;
  locked_by: string | null;
  attempts: number;
  max_attempts: number;
}

/** A user's job with its first `questioning_turn` queued; returns both ids. */
async function queuedTurn() {
  const { job } = await createUserWithJob(database.db);
  const { rows } = await sql<{ id: string }>`
    select id::text as id from graphile_worker._private_jobs where payload->>'jobId' = ${job.id}`.execute(
    database.db,
  );
  const graphileJobId = rows[0]?.id;
  if (!graphileJobId) throw new Error('no graphile job queued');
  return { job, graphileJobId };
}

/** Puts a graphile job in the state a worker leaves it in (tests play the worker here). */
async function setGraphileJob(
  id: string,
  state: { lockedBy: string | null; lockedSecondsAgo?: number; attempts?: number },
) {
  await sql`
    update graphile_worker._private_jobs set
      locked_by = ${state.lockedBy},
      locked_at = case when ${state.lockedBy}::text is null then null
        else now() - ${state.lockedSecondsAgo ?? 0} * interval '1 second' end,
      attempts = coalesce(${state.attempts ?? null}::smallint, attempts)
    where id = ${id}::bigint`.execute(database.db);
}

async function graphileJob(id: string): Promise<GraphileJobState | undefined> {
  const { rows } = await sql<GraphileJobState>`
    select id::text as id, locked_by, attempts, max_attempts from graphile_worker.jobs
    where id = ${id}::bigint`.execute(database.db);
  return rows[0];
}

async function ageHeartbeat(workerId: string, secondsAgo: number) {
  await sql`update worker_heartbeats set last_seen_at = now() - ${secondsAgo} * interval '1 second'
    where worker_id = ${workerId}`.execute(database.db);
}

describe('dead worker detection', () => {
  it('treats a worker as dead only when its heartbeat (or, without one, its lock) is too old', async () => {
    const fresh = await queuedTurn();
    const stale = await queuedTurn();
    const neverBeatOld = await queuedTurn();
    const neverBeatYoung = await queuedTurn();
    await setGraphileJob(fresh.graphileJobId, { lockedBy: 'pool-fresh', lockedSecondsAgo: 600 });
    await setGraphileJob(stale.graphileJobId, { lockedBy: 'pool-stale', lockedSecondsAgo: 1 });
    await setGraphileJob(neverBeatOld.graphileJobId, { lockedBy: 'pool-old', lockedSecondsAgo: 30 });
    await setGraphileJob(neverBeatYoung.graphileJobId, { lockedBy: 'pool-young', lockedSecondsAgo: 1 });
    await recordHeartbeats(database.db, ['pool-fresh', 'pool-stale'], 'test');
    await ageHeartbeat('pool-stale', 25);

    expect(await findDeadWorkerIds(database.db, { deadAfterMs: 20_000 })).toEqual(['pool-old', 'pool-stale']);
    // A process never counts itself dead, however late its own heartbeat is.
    expect(
      await findDeadWorkerIds(database.db, { deadAfterMs: 20_000, ownWorkerIds: ['pool-stale'] }),
    ).toEqual(['pool-old']);
  });

  it('unlocks only dead workers’ jobs, keeps their attempt counts, and forgets stale heartbeats', async () => {
    const dead = await queuedTurn();
    const alive = await queuedTurn();
    await setGraphileJob(dead.graphileJobId, { lockedBy: 'pool-dead', lockedSecondsAgo: 60, attempts: 1 });
    await setGraphileJob(alive.graphileJobId, { lockedBy: 'pool-alive', lockedSecondsAgo: 60, attempts: 1 });
    await recordHeartbeats(database.db, ['pool-dead', 'pool-alive', 'pool-idle'], 'test');
    await ageHeartbeat('pool-dead', 30);
    await ageHeartbeat('pool-idle', 30);

    const released = await releaseDeadWorkers(database.db, { deadAfterMs: 20_000 });

    expect(released).toEqual({ workerIds: ['pool-dead'], unlockedJobs: 1 });
    expect(await graphileJob(dead.graphileJobId)).toMatchObject({ locked_by: null, attempts: 1 });
    expect(await graphileJob(alive.graphileJobId)).toMatchObject({ locked_by: 'pool-alive' });
    const heartbeats = await database.db.selectFrom('worker_heartbeats').select('worker_id').execute();
    expect(heartbeats.map((row) => row.worker_id)).toEqual(['pool-alive']);
    // Nothing left to do on a second pass.
    expect(await releaseDeadWorkers(database.db, { deadAfterMs: 20_000 })).toEqual({
      workerIds: [],
      unlockedJobs: 0,
    });
  });

  it('refreshes an existing heartbeat instead of adding a row', async () => {
    await recordHeartbeats(database.db, ['pool-a'], 'first');
    await ageHeartbeat('pool-a', 30);
    await recordHeartbeats(database.db, ['pool-a'], 'second');
    const rows = await database.db.selectFrom('worker_heartbeats').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.process_label).toBe('second');
    expect(Date.now() - (rows[0]?.last_seen_at.getTime() ?? 0)).toBeLessThan(5_000);
  });
});

describe('exhausted tasks and failJob', () => {
  it('finds unlocked jobs that used up their attempts, not locked or still-retrying ones', async () => {
    const exhausted = await queuedTurn();
    const running = await queuedTurn();
    const retrying = await queuedTurn();
    await setGraphileJob(exhausted.graphileJobId, { lockedBy: null, attempts: 3 });
    await setGraphileJob(running.graphileJobId, { lockedBy: 'pool-x', attempts: 3 });
    await setGraphileJob(retrying.graphileJobId, { lockedBy: null, attempts: 2 });

    const found = await findExhaustedTaskJobs(database.db, ['questioning_turn', 'generate_app']);
    expect(found).toEqual([
      {
        id: exhausted.graphileJobId,
        taskIdentifier: 'questioning_turn',
        payload: { jobId: exhausted.job.id, turn: 1 },
        attempts: 3,
        maxAttempts: 3,
        lastError: null,
      },
    ]);
    expect(await findExhaustedTaskJobs(database.db, ['generate_app'])).toEqual([]);

    expect(await deleteGraphileJob(database.db, running.graphileJobId)).toBe(false);
    expect(await deleteGraphileJob(database.db, exhausted.graphileJobId)).toBe(true);
    expect(await graphileJob(exhausted.graphileJobId)).toBeUndefined();
    expect(await graphileJob(running.graphileJobId)).toBeDefined();
  });

  it('fails a job once, with job_failed + done, and leaves a job that moved on alone', async () => {
    const { job } = await queuedTurn();
    expect(
      await failJob(database.db, { jobId: job.id, phase: 'questioning', message: 'model down', turn: 2 }),
    ).toBe(false);
    expect(await failJob(database.db, { jobId: job.id, phase: 'generation', message: 'model down' })).toBe(
      false,
    );
    expect((await findJob(database.db, job.id))?.status).toBe('questioning');

    expect(
      await failJob(database.db, { jobId: job.id, phase: 'questioning', message: 'model down', turn: 1 }),
    ).toBe(true);
    expect(
      await failJob(database.db, { jobId: job.id, phase: 'questioning', message: 'again', turn: 1 }),
    ).toBe(false);

    const after = await findJob(database.db, job.id);
    expect(after?.status).toBe('failed');
    expect(after?.error).toEqual({ message: 'model down', retryable: true, phase: 'questioning' });
    const events = await listEvents(database.db, job.id);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['questioning_started', { request: job.request }],
      ['job_failed', { message: 'model down', retryable: true }],
      ['done', { status: 'failed' }],
    ]);
  });

  it('gives an attempt back only to the worker holding the lock', async () => {
    const { graphileJobId } = await queuedTurn();
    await setGraphileJob(graphileJobId, { lockedBy: 'pool-mine', attempts: 2 });
    expect(await returnAttempt(database.db, graphileJobId, 'pool-other')).toBe(false);
    expect(await returnAttempt(database.db, graphileJobId, 'pool-mine')).toBe(true);
    expect(await graphileJob(graphileJobId)).toMatchObject({ attempts: 1, locked_by: 'pool-mine' });
  });
});
