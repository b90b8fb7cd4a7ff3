import { setTimeout as sleep } from 'node:timers/promises';
import { listEvents } from '@app/db';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnWorkerProcess, type WorkerProcess, waitFor } from './worker-process.ts';

// Real worker processes (test/fixtures/recording-worker.ts) against a real Postgres, with short
// recovery settings: heartbeat 500 ms, dead after 2 s, sweep every 500 ms.
const fixture = 'test/fixtures/recording-worker.ts';

let database: TestDatabase;
const processes: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  // The test's own table: DDL needs the owner (the workers write to it as the app role).
  await database.asOwner((owner) =>
    sql`create table test_task_runs (
    id serial primary key,
    job_id uuid not null,
    attempt int not null,
    pid int not null,
    started_at timestamptz not null default now(),
    aborted_at timestamptz,
    finished_at timestamptz
  )`.execute(owner),
  );
});

afterEach(async () => {
  // Stop survivors gracefully so no test leaves a lock behind for the next one.
  await Promise.all(
    processes.splice(0).map(async (worker) => {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
      worker.child.kill('SIGTERM');
      const stopped = await Promise.race([worker.exited, sleep(10_000).then(() => null)]);
      if (!stopped) worker.child.kill('SIGKILL');
    }),
  );
});

afterAll(() => database.destroy());

async function startWorker(): Promise<WorkerProcess> {
  const worker = await spawnWorkerProcess(fixture, { DATABASE_URL: database.url });
  processes.push(worker);
  return worker;
}

interface Run {
  attempt: number;
  pid: number;
  aborted_at: Date | null;
  finished_at: Date | null;
}

async function runsOf(jobId: string): Promise<Run[]> {
  const { rows } = await sql<Run>`select attempt, pid, aborted_at, finished_at from test_task_runs
    where job_id = ${jobId} order by id`.execute(database.db);
  return rows;
}

async function graphileJobsOf(jobId: string) {
  const { rows } = await sql<{ attempts: number; locked_by: string | null }>`
    select attempts, locked_by from graphile_worker._private_jobs where payload->>'jobId' = ${jobId}`.execute(
    database.db,
  );
  return rows;
}

async function heartbeatIds(): Promise<string[]> {
  const rows = await database.db.selectFrom('worker_heartbeats').select('worker_id').execute();
  return rows.map((row) => row.worker_id);
}

describe('crash recovery (real worker processes)', () => {
  it('runs a job held by a SIGKILLed worker again on a live worker, once', { timeout: 90_000 }, async () => {
    const first = await startWorker();
    const { job } = await createUserWithJob(database.db);
    const firstRun = await waitFor('the first run', async () => (await runsOf(job.id))[0]);
    expect(firstRun.pid).toBe(first.pid);
    const second = await startWorker();

    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    const rerun = await waitFor('the rerun', async () => (await runsOf(job.id))[1], 60_000);
    const recoveryMs = Date.now() - killedAt;
    console.info(`kill -9 → job running again on another worker after ${recoveryMs} ms`);

    expect(rerun.pid).toBe(second.pid);
    expect(rerun.attempt).toBe(2);
    expect(recoveryMs).toBeLessThan(60_000);
    await waitFor('the graphile job to complete', async () =>
      (await graphileJobsOf(job.id)).length === 0 ? true : undefined,
    );
    await sleep(1_000); // a duplicate run would show up by now
    const runs = await runsOf(job.id);
    expect(runs).toHaveLength(2);
    expect(runs.filter((run) => run.finished_at !== null)).toHaveLength(1);
    // The dead worker's heartbeat was cleared with its locks; the live one is still beating.
    expect(await heartbeatIds()).toEqual(second.workerIds);
  });

  it('fails the job when its worker dies during the last attempt (never stuck)', {
    timeout: 90_000,
  }, async () => {
    const { job } = await createUserWithJob(database.db);
    // Two attempts already spent: the next run is the last one (questioning turns get 3).
    await sql`update graphile_worker._private_jobs set attempts = 2 where payload->>'jobId' = ${job.id}`.execute(
      database.db,
    );
    const first = await startWorker();
    await waitFor('the last attempt', async () => (await runsOf(job.id))[0]);
    await startWorker();
    first.child.kill('SIGKILL');
    await first.exited;

    const events = await waitFor(
      'job_failed + done',
      async () => {
        const all = await listEvents(database.db, job.id);
        return all.some((event) => event.type === 'done') ? all : undefined;
      },
      60_000,
    );
    expect(events.map((event) => event.type)).toEqual(['questioning_started', 'job_failed', 'done']);
    expect(events[1]?.data).toMatchObject({ retryable: true });
    expect(events[2]?.data).toEqual({ status: 'failed' });
    const after = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirst();
    expect(after?.status).toBe('failed');
    expect(after?.error).toMatchObject({ phase: 'questioning', retryable: true });
    expect(await graphileJobsOf(job.id)).toEqual([]);
    await sleep(1_000); // later sweeps must not add a second `done` or run it again
    expect((await listEvents(database.db, job.id)).filter((event) => event.type === 'done')).toHaveLength(1);
    expect(await runsOf(job.id)).toHaveLength(1);
  });

  it('on SIGTERM aborts the running task, exits quickly and hands the job to the next worker', {
    timeout: 90_000,
  }, async () => {
    const first = await startWorker();
    const { job } = await createUserWithJob(database.db);
    await waitFor('the first run', async () => (await runsOf(job.id))[0]);

    first.child.kill('SIGTERM');
    const signalledAt = Date.now();
    const exit = await first.exited;
    const exitMs = Date.now() - signalledAt;
    console.info(`SIGTERM → worker exited after ${exitMs} ms`);
    expect(exit.code).toBe(0);
    expect(exitMs).toBeLessThan(5_000);
    expect((await runsOf(job.id))[0]?.aborted_at).not.toBeNull();
    // Released, not stuck, and the shutdown cost the job no attempt.
    expect(await graphileJobsOf(job.id)).toEqual([{ attempts: 0, locked_by: null }]);
    expect(await heartbeatIds()).toEqual([]);

    const next = await startWorker();
    const rerun = await waitFor('the rerun to finish', async () => {
      const run = (await runsOf(job.id))[1];
      return run?.finished_at ? run : undefined;
    });
    expect(rerun).toMatchObject({ pid: next.pid, attempt: 1 });
  });
});
