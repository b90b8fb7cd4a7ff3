import { createOfflineModel } from '@app/core';
import { ConflictError, findJob, listEvents, type QuestioningTurnPayload, quietLogger } from '@app/db';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { runTaskListOnce } from 'graphile-worker';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger.ts';
import type { TaskContext, TaskHandler } from './context.ts';
import { wrapTask } from './wrap-task.ts';

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await database.destroy();
});
beforeEach(async () => {
  await sql`delete from graphile_worker._private_jobs`.execute(database.db);
});

const logger = createLogger({ level: 'error', write: () => {} });

/** Runs every queued job once, in this process, through `wrapTask` around `handler`. */
async function runQueuedTurns(handler: TaskHandler<QuestioningTurnPayload>) {
  const client = await pool.connect();
  try {
    await runTaskListOnce(
      {
        noHandleSignals: true,
        logger: quietLogger,
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      },
      {
        questioning_turn: wrapTask(
          {
            db: database.db,
            logger,
            model: createOfflineModel(),
            maxQuestions: 5,
            preview: { baseUrl: 'http://localhost:3001' },
            verification: { available: false, message: 'questioning only: no builds here' },
          },
          'questioning_turn',
          handler,
        ),
      },
      client,
    );
  } finally {
    client.release();
  }
}

async function graphileJobs() {
  const { rows } = await sql<{ attempts: number; last_error: string | null; payload: unknown }>`
    select attempts, last_error, payload from graphile_worker._private_jobs order by id`.execute(database.db);
  return rows;
}

async function spendAttempts(jobId: string, attempts: number) {
  await sql`update graphile_worker._private_jobs set attempts = ${attempts}
    where payload->>'jobId' = ${jobId}`.execute(database.db);
}

const failing: TaskHandler<QuestioningTurnPayload> = async () => {
  throw new Error('model unavailable');
};

describe('wrapTask', () => {
  it('hands the handler the parsed payload, db, abort signal and attempt', async () => {
    const { job } = await createUserWithJob(database.db);
    const seen: { payload: QuestioningTurnPayload; context: TaskContext }[] = [];
    await runQueuedTurns(async (payload, context) => {
      seen.push({ payload, context });
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.payload).toEqual({ jobId: job.id, turn: 1 });
    expect(seen[0]?.context.db).toBe(database.db);
    expect(seen[0]?.context.signal).toBeInstanceOf(AbortSignal);
    expect(seen[0]?.context.attempt).toEqual({ number: 1, max: 3, isLast: false });
    expect(await graphileJobs()).toEqual([]);
  });

  it('leaves an early failure to graphile’s retry: the job stays questioning', async () => {
    const { job } = await createUserWithJob(database.db);
    await runQueuedTurns(failing);
    expect((await findJob(database.db, job.id))?.status).toBe('questioning');
    expect(await graphileJobs()).toMatchObject([{ attempts: 1, last_error: 'model unavailable' }]);
  });

  it('ends the job failed with job_failed and exactly one done when the last attempt fails', async () => {
    const { job } = await createUserWithJob(database.db);
    await spendAttempts(job.id, 2);
    await runQueuedTurns(failing);

    const after = await findJob(database.db, job.id);
    expect(after?.status).toBe('failed');
    expect(after?.error).toEqual({ message: 'model unavailable', retryable: true, phase: 'questioning' });
    const events = await listEvents(database.db, job.id);
    expect(events.map((event) => event.type)).toEqual(['questioning_started', 'job_failed', 'done']);
    expect(events[1]?.data).toEqual({ message: 'model unavailable', retryable: true });
    expect(events[2]?.data).toEqual({ status: 'failed' });
    // Nothing left for graphile to retry or for the sweeper to find.
    expect(await graphileJobs()).toEqual([]);
  });

  it('does not fail a job that moved on before the last attempt failed', async () => {
    const { job } = await createUserWithJob(database.db);
    await spendAttempts(job.id, 2);
    await database.db.updateTable('jobs').set({ turn: 2 }).where('id', '=', job.id).execute();
    await runQueuedTurns(failing);
    expect((await findJob(database.db, job.id))?.status).toBe('questioning');
    expect((await listEvents(database.db, job.id)).map((event) => event.type)).toEqual([
      'questioning_started',
    ]);
  });

  it('treats a ConflictError as "the job moved on": done, no retry', async () => {
    await createUserWithJob(database.db);
    await runQueuedTurns(async () => {
      throw new ConflictError('job was cancelled');
    });
    expect(await graphileJobs()).toEqual([]);
  });

  it('drops a payload that does not parse without calling the handler or retrying', async () => {
    await sql`select graphile_worker.add_job('questioning_turn', '{"jobId":"not-a-uuid"}'::json, max_attempts => 3)`.execute(
      database.db,
    );
    let called = false;
    await runQueuedTurns(async () => {
      called = true;
    });
    expect(called).toBe(false);
    expect(await graphileJobs()).toEqual([]);
  });
});
