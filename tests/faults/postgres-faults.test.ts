import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobEvent } from '@app/core';
import {
  createDb,
  type Db,
  findFreePort,
  migrate,
  type RunningPostgres,
  startEmbeddedPostgres,
} from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { assertHistory } from './history/checker.ts';
import { History, pollUntil, type RecordedSubscription } from './history/history.ts';
import { snapshotJobs, waitForSettled } from './history/snapshot.ts';
import { type Actor, signUpActor, tabOf } from './support/actors.ts';
import { Cluster, type WorkerHandle } from './support/cluster.ts';
import { createRandom, type Random, scenarioSeed } from './support/prng.ts';
import { severalQuestionsRequest } from './support/requests.ts';

// The database side of the spine failing under a running turn: the server's LISTEN connection is
// killed (pg_terminate_backend), or Postgres itself stops and starts again. The server and worker
// must reconnect by themselves, the turn must complete, and clients must miss nothing.

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const modelCalls = (worker: WorkerHandle) =>
  worker
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('model-call ')).length;

interface Setup {
  db: Db;
  /** For raw SQL (pg_stat_activity, graphile's tables). */
  pool: ReturnType<typeof createDb>['pool'];
  baseUrl: string;
  worker: WorkerHandle;
  owner: Actor;
  history: History;
  jobId: string;
  streams: RecordedSubscription[];
}

async function setUp(databaseUrl: string, db: Db, delayMs: number): Promise<Setup> {
  const cluster = new Cluster(databaseUrl);
  cleanups.push(() => cluster.stopAll());
  const server = await cluster.startServer();
  const worker = await cluster.startWorker({
    maxQuestions: 4,
    // Relies on fast death detection: after an outage graphile may drop its pool, and the dead
    // pool's locks are released only once its heartbeat is this old. One light job: 2 s is safe.
    deadAfterMs: 2_000,
    model: { kind: 'offline', delayMs, announce: true },
  });
  const history = new History();
  const owner = await signUpActor(server.baseUrl, 'owner');
  // Asks more questions than any scenario's rounds (and than maxQuestions), so each round's turn
  // ends in its own question.
  const { job } = await owner.client.trpc.apps.create.mutate({ prompt: severalQuestionsRequest });
  const streams = [0, 1, 2].map((index) =>
    history.subscribe(tabOf(owner, server.baseUrl, `tab${index}`).client, `tab${index}`, job.id),
  );
  const { pool } = createDb({ connectionString: databaseUrl, max: 1 });
  cleanups.push(() => pool.end());
  return { db, pool, baseUrl: server.baseUrl, worker, owner, history, jobId: job.id, streams };
}

/** Waits for question `number`, answers it with its first option (the answer starts the next turn). */
async function answerQuestion(setup: Setup, number: number): Promise<void> {
  const asked = (await setup.streams[0]!.waitForEvent(
    (event) => event.type === 'question_asked' && event.data.question.number === number,
    60_000,
  )) as Extract<JobEvent, { type: 'question_asked' }>;
  const { id: questionId, options } = asked.data.question;
  const jobId = setup.jobId;
  for (let attempt = 1; attempt <= 50; attempt++) {
    const result = await setup.history.mutate(setup.owner.id, 'answer', { jobId, questionId }, () =>
      setup.owner.client.trpc.jobs.answer.mutate(
        options[0] ? { jobId, questionId, optionIds: [options[0].id] } : { jobId, questionId, text: 'Yes' },
      ),
    );
    if (result.ok || result.code === 'CONFLICT') return;
    await sleep(200); // the database may still be coming back
  }
  throw new Error(`could not answer question ${number}`);
}

/**
 * Runs `rounds` turns; in each, waits until the worker is inside a model call of the turn, waits a
 * seeded offset, and injects `fault`. Then checks the turn still ends in its question.
 */
async function turnsUnderFault(
  setup: Setup,
  random: Random,
  rounds: number,
  fault: (round: number) => Promise<void>,
) {
  for (let round = 1; round <= rounds; round++) {
    const calls = modelCalls(setup.worker);
    if (round > 1) await answerQuestion(setup, round - 1);
    await pollUntil(
      () => modelCalls(setup.worker) > calls,
      60_000,
      () => `a model call in turn ${round}`,
    );
    await sleep(random.between(0, 400));
    await fault(round);
    await setup.streams[0]!.waitForEvent(
      (event) => event.type === 'question_asked' && event.data.question.number === round,
      60_000,
    ).catch(async (error: unknown) => {
      const { rows } = await setup.pool.query(
        'select id, attempts, max_attempts, locked_by, locked_at, run_at, last_error from graphile_worker._private_jobs',
      );
      throw new Error(
        `${String(error)}\ngraphile jobs: ${JSON.stringify(rows)}\nworker log:\n${setup.worker.stderr().slice(-8_000)}`,
      );
    });
  }
  await waitForSettled(setup.db, [setup.jobId], 30_000);
  const snapshot = await snapshotJobs(setup.db, [setup.jobId]);
  await Promise.all(setup.streams.map((stream) => stream.waitForSeq(snapshot[0]!.events.length, 20_000)));
  setup.history.close();
  assertHistory(setup.history, snapshot);
  expect(setup.worker.alive()).toBe(true);
  // One LISTEN connection per server process, however many times it reconnected.
  const { rows } = await setup.pool.query<{ count: number }>(
    `select count(*)::int as count from pg_stat_activity
     where application_name = 'app-builder:listen' and datname = current_database()`,
  );
  expect(rows[0]?.count).toBe(1);
}

describe('database faults under a running turn', () => {
  it('survives its LISTEN connection being terminated (3 times)', { timeout: 120_000 }, async () => {
    const random = createRandom(scenarioSeed('LISTEN terminated'));
    const database: TestDatabase = await createTestDatabase(inject('databaseServerUrl'));
    cleanups.push(() => database.destroy());
    const setup = await setUp(database.url, database.db, 300);

    await turnsUnderFault(setup, random, 3, async (round) => {
      // Only this database's server: other suites' servers share the cluster.
      const { rows } = await setup.pool.query(
        `select pg_terminate_backend(pid) as terminated from pg_stat_activity
         where application_name = 'app-builder:listen' and datname = current_database()`,
      );
      console.info(`[faults] LISTEN round ${round}: terminated ${rows.length} backend(s)`);
      // The worker keeps committing while the server reconnects: nothing may be lost in the gap.
      expect(rows).toHaveLength(1);
    });
  });

  it('survives Postgres stopping and starting again mid-turn (2 times)', { timeout: 150_000 }, async () => {
    const random = createRandom(scenarioSeed('Postgres restart'));
    const root = await mkdtemp(path.join(tmpdir(), 'faults-pg-'));
    await chmod(root, 0o755); // as root, Postgres runs as `postgres` and must enter it
    const dataDir = path.join(root, 'data');
    const port = await findFreePort();
    let postgres: RunningPostgres = await startEmbeddedPostgres({
      dataDir,
      port,
      persistent: true,
      unsafeFast: true,
    });
    cleanups.push(async () => {
      await postgres.stop();
      await rm(root, { recursive: true, force: true });
    });
    const { db } = createDb({ connectionString: postgres.adminUrl, max: 4 });
    cleanups.push(() => db.destroy());
    await migrate(db, postgres.adminUrl, { appRole: postgres.appRole });
    // The server and worker log in as the app role, as in dev; it survives the restarts because
    // the cluster keeps its passwords in `<dataDir>.credentials.json`.
    const setup = await setUp(postgres.appUrl, db, 600);

    await turnsUnderFault(setup, random, 2, async (round) => {
      // The second outage outlasts the rest of the turn, so the worker meets it when it commits
      // (and when graphile records the attempt's failure), not only between queries.
      const downMs = round === 1 ? random.between(200, 1_500) : random.between(2_500, 3_500);
      await postgres.stop();
      await sleep(downMs);
      postgres = await startEmbeddedPostgres({ dataDir, port, persistent: true, unsafeFast: true });
      console.info(`[faults] Postgres restart ${round}: down for ${downMs} ms`);
    });
  });
});
