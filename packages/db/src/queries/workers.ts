import { sql } from 'kysely';
import { type DbOrTrx, inTransaction } from '../client.ts';
import type { TaskName } from '../tasks.ts';

/*
 * Worker liveness and crash recovery (docs/spine.md#crash-recovery).
 *
 * graphile-worker 0.17.3 locks a job with its *pool* id (`locked_by = 'pool-…'`) and only sweeps a
 * crashed pool's locks after 4 hours. Every worker process therefore heartbeats its pool ids here
 * and sweeps the locks of pools whose heartbeat went quiet. All times are the database's `now()`,
 * so clock skew between worker machines cannot make a live worker look dead.
 *
 * A few statements below read or write graphile-worker's `_private_*` tables (the public `jobs`
 * view has no payload, and there is no public way to give an attempt back to a locked job). They
 * are written against 0.17.3's schema, which package.json pins: re-check them when upgrading.
 */

/**
 * Marks these graphile-worker ids as alive now (insert or refresh), with the browser the process
 * verifies apps with (null: none, its builds fail).
 */
export async function recordHeartbeats(
  db: DbOrTrx,
  workerIds: readonly string[],
  processLabel: string,
  verifierBrowser: string | null = null,
): Promise<void> {
  if (workerIds.length === 0) return;
  await db
    .insertInto('worker_heartbeats')
    .values(
      workerIds.map((workerId) => ({
        worker_id: workerId,
        process_label: processLabel,
        verifier_browser: verifierBrowser,
      })),
    )
    .onConflict((conflict) =>
      conflict.column('worker_id').doUpdateSet({
        last_seen_at: sql<Date>`now()`,
        process_label: (eb) => eb.ref('excluded.process_label'),
        verifier_browser: (eb) => eb.ref('excluded.verifier_browser'),
      }),
    )
    .execute();
}

/** A clean shutdown removes its rows: its locks are already released, nothing is left to sweep. */
export async function deleteHeartbeats(db: DbOrTrx, workerIds: readonly string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await db.deleteFrom('worker_heartbeats').where('worker_id', 'in', workerIds).execute();
}

export interface DeadWorkerOptions {
  /** A worker whose heartbeat is older than this is dead. */
  deadAfterMs: number;
  /** The caller's own worker ids: a running process never sweeps itself, even if its timers lag. */
  ownWorkerIds?: readonly string[];
}

/**
 * Worker ids holding graphile-worker locks that look dead: their heartbeat is older than
 * `deadAfterMs`, or they never wrote one and their lock is already that old (a worker locks jobs
 * before its first heartbeat lands, so a young lock without a heartbeat is a worker starting up).
 */
export async function findDeadWorkerIds(db: DbOrTrx, options: DeadWorkerOptions): Promise<string[]> {
  const { rows } = await sql<{ worker_id: string }>`
    select distinct jobs.locked_by as worker_id
    from graphile_worker.jobs as jobs
    left join worker_heartbeats as heartbeats on heartbeats.worker_id = jobs.locked_by
    where jobs.locked_by is not null
      and jobs.locked_by <> all(${[...(options.ownWorkerIds ?? [])]}::text[])
      and coalesce(heartbeats.last_seen_at, jobs.locked_at)
        < now() - ${options.deadAfterMs} * interval '1 millisecond'
    order by 1`.execute(db);
  return rows.map((row) => row.worker_id);
}

export interface ReleasedWorkers {
  workerIds: string[];
  /** Jobs made runnable again (their attempt counters are unchanged). */
  unlockedJobs: number;
}

/**
 * Releases every dead worker's locks with graphile's own `force_unlock_workers` and deletes stale
 * heartbeat rows, in one transaction. Sweepers in several processes may race here: unlocking twice
 * is harmless. Workers only poll every couple of seconds for jobs that were unlocked (unlocking
 * sends no notification), so we send graphile's `jobs:insert` wake-up ourselves.
 */
export async function releaseDeadWorkers(db: DbOrTrx, options: DeadWorkerOptions): Promise<ReleasedWorkers> {
  return inTransaction(db, async (trx) => {
    const workerIds = await findDeadWorkerIds(trx, options);
    let unlockedJobs = 0;
    if (workerIds.length > 0) {
      const { rows } = await sql<{ count: number }>`
        select count(*) as count from graphile_worker.jobs where locked_by = any(${workerIds}::text[])`.execute(
        trx,
      );
      unlockedJobs = rows[0]?.count ?? 0;
      await sql`select graphile_worker.force_unlock_workers(${workerIds}::text[])`.execute(trx);
      if (unlockedJobs > 0) {
        await sql`select pg_notify('jobs:insert', json_build_object('count', ${unlockedJobs}::int)::text)`.execute(
          trx,
        );
      }
    }
    // Every dead id has a stale row or none, so this removes theirs — and also forgets quiet workers
    // that held nothing (a live-but-slow one simply inserts its row again on its next beat).
    await trx
      .deleteFrom('worker_heartbeats')
      .where('last_seen_at', '<', sql<Date>`now() - ${options.deadAfterMs} * interval '1 millisecond'`)
      .execute();
    return { workerIds, unlockedJobs };
  });
}

/** A graphile-worker job that used up its attempts and will never run again. */
export interface ExhaustedTaskJob {
  /** graphile's bigint id, as text (the same form `helpers.job.id` has). */
  id: string;
  taskIdentifier: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
}

/**
 * Unlocked jobs of these tasks with `attempts >= max_attempts`. graphile keeps such jobs forever
 * and never runs them; for our tasks that happens when a worker died during the last attempt (its
 * lock was swept, the attempt was already counted) or when recording the failure itself failed.
 */
export async function findExhaustedTaskJobs(
  db: DbOrTrx,
  taskIdentifiers: readonly TaskName[],
): Promise<ExhaustedTaskJob[]> {
  if (taskIdentifiers.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    task_identifier: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
    last_error: string | null;
  }>`
    select jobs.id::text as id, tasks.identifier as task_identifier, jobs.payload, jobs.attempts, jobs.max_attempts,
      jobs.last_error
    from graphile_worker._private_jobs as jobs
    join graphile_worker._private_tasks as tasks on tasks.id = jobs.task_id
    where tasks.identifier = any(${[...taskIdentifiers]}::text[])
      and jobs.locked_at is null
      and jobs.attempts >= jobs.max_attempts
    order by jobs.id`.execute(db);
  return rows.map((row) => ({
    id: row.id,
    taskIdentifier: row.task_identifier,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
  }));
}

/** Deletes a graphile-worker job unless a worker holds it (graphile's own `complete_jobs`). */
export async function deleteGraphileJob(db: DbOrTrx, graphileJobId: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    select id::text from graphile_worker.complete_jobs(array[${graphileJobId}::bigint])`.execute(db);
  return rows.length > 0;
}

/**
 * Gives back the attempt a worker is about to fail because its process is shutting down (SIGTERM):
 * a deploy must not use up a job's small attempt budget, let alone fail it on its last attempt.
 * Only while `workerId` still holds the lock; graphile's own failure handling then unlocks the job
 * and schedules it a second or so later.
 */
export async function returnAttempt(db: DbOrTrx, graphileJobId: string, workerId: string): Promise<boolean> {
  const result = await sql`
    update graphile_worker._private_jobs
    set attempts = greatest(attempts - 1, 0)
    where id = ${graphileJobId}::bigint and locked_by = ${workerId}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
