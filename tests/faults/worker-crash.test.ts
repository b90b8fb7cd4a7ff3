import { setTimeout as sleep } from 'node:timers/promises';
import type { JobEvent } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { assertHistory } from './history/checker.ts';
import { History, pollUntil } from './history/history.ts';
import { snapshotJobs, waitForSettled } from './history/snapshot.ts';
import { driveJob, signUpActor } from './support/actors.ts';
import { Cluster, type WorkerHandle } from './support/cluster.ts';
import { createRandom, type Random, scenarioSeed } from './support/prng.ts';
import { severalQuestionsRequest } from './support/requests.ts';
import type { FaultWorkerConfig } from './support/worker-config.ts';

// Worker processes killed at random points of questioning turns and of generations' verification
// in the sandboxed browser (kill -9), or stopped with SIGTERM mid-turn: the job runs again
// elsewhere and the log stays exact. (Offline, a build compiles the blueprint and makes no model
// call: verification is the long step a crash lands in.)

let database: TestDatabase;
let cluster: Cluster;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  cluster = new Cluster(database.url);
});
// Each test starts from no processes: a failed test must not leave workers taking the next one's jobs.
beforeEach(() => cluster.stopAll());
afterAll(async () => {
  await cluster?.stopAll();
  await database?.destroy();
});

const linesOf = (worker: WorkerHandle, prefix: string) =>
  worker
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith(`${prefix} ${worker.label}`)).length;

/** What a worker prints when it starts a step a kill should land in. */
type Step = 'questioning' | 'verification';
const starts = (worker: WorkerHandle, step: Step) =>
  step === 'questioning'
    ? worker
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith(`model-call ${worker.label} questioning.`)).length
    : linesOf(worker, 'verification-start');
const modelCalls = (worker: WorkerHandle, phase: 'questioning') => starts(worker, phase);

/** Waits until a live worker starts a new model call of a turn, or a new verification; returns that worker. */
async function nextStepIn(workers: WorkerHandle[], step: Step, timeoutMs: number) {
  const alive = workers.filter((worker) => worker.alive());
  const before = new Map(alive.map((worker) => [worker, starts(worker, step)]));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = alive.find((worker) => worker.alive() && starts(worker, step) > (before.get(worker) ?? 0));
    if (busy) return busy;
    if (Date.now() > deadline) throw new Error(`no ${step} started within ${timeoutMs} ms`);
    await sleep(5);
  }
}

async function crashRound(random: Random, round: number) {
  const server = await cluster.startServer();
  // Concurrency 1: a kill takes exactly one job's attempt, so every job can still recover.
  // Dead after 8 s, not 2: validation blocks a live worker's heartbeats for seconds under load.
  const workerOptions: Partial<FaultWorkerConfig> = {
    concurrency: 1,
    deadAfterMs: 8_000,
    maxQuestions: 2,
    warmTypeChecker: true,
    model: { kind: 'offline', delayMs: 250, announce: true },
  };
  const workers = [await cluster.startWorker(workerOptions), await cluster.startWorker(workerOptions)];
  const history = new History();
  const owners = await Promise.all(
    [0, 1].map((index) => signUpActor(server.baseUrl, `r${round}owner${index}`)),
  );
  const jobs = await Promise.all(
    owners.map(
      async (owner) =>
        (await owner.client.trpc.apps.create.mutate({ prompt: severalQuestionsRequest })).job.id,
    ),
  );
  const streams = owners.map((owner, index) => history.subscribe(owner.client, owner.id, jobs[index]!));
  const drivers = owners.map((owner, index) =>
    driveJob(history, owner, streams[index]!, jobs[index]!, { timeoutMs: 150_000 }),
  );

  // One kill inside a turn's model call, one inside a generation's verification (the browser
  // running the app and its checks), each at a random offset into it.
  let killedVerifying = 0;
  for (const step of ['questioning', 'verification'] as const) {
    const victim = await nextStepIn(workers, step, 90_000);
    const offsetMs = random.between(0, step === 'questioning' ? 400 : 600);
    await sleep(offsetMs);
    // Verification still running when the kill lands (not already over): the case under test.
    const midVerification =
      step === 'verification' && linesOf(victim, 'verification-start') > linesOf(victim, 'verification-end');
    victim.child.kill('SIGKILL');
    await victim.exited;
    if (midVerification) killedVerifying += 1;
    console.info(
      `[faults] round ${round}: kill -9 ${victim.label} ${offsetMs} ms into ${step === 'questioning' ? 'a questioning model call' : `a verification${midVerification ? '' : ' (already over)'}`}`,
    );
    workers.push(await cluster.startWorker(workerOptions));
  }

  const outcomes = await Promise.all(drivers);
  await waitForSettled(database.db, jobs, 60_000);
  const snapshot = await snapshotJobs(database.db, jobs);
  await Promise.all(streams.map((stream, index) => stream.waitForSeq(snapshot[index]!.events.length)));
  history.close();
  assertHistory(history, snapshot);
  if (outcomes.some((outcome) => outcome !== 'complete')) {
    const rows = await database.db
      .selectFrom('jobs')
      .select(['id', 'status', 'error'])
      .where('id', 'in', jobs)
      .execute();
    console.info(`[faults] round ${round}: ${JSON.stringify(rows)}`);
    for (const worker of workers)
      console.info(`--- ${worker.label}\n${worker.stderr().slice(-6_000)}\n${worker.stdout().slice(-3000)}`);
    for (const job of snapshot)
      console.info(
        `${job.jobId.slice(0, 8)}: ${job.events.map((event) => `${event.seq}:${event.type}@${event.at.slice(17, 23)}`).join(' ')}`,
      );
  }
  expect(outcomes).toEqual(['complete', 'complete']);
  // Both jobs went through the question limit's two turns with a question, then built.
  for (const job of snapshot) expect(job.questions).toHaveLength(2);
  // The killed verification was redone: a job that saw two generation starts has one version.
  for (const job of snapshot) {
    const types = job.events.map((event) => event.type);
    expect(types.filter((type) => type === 'version_created')).toHaveLength(1);
    expect(types.filter((type) => type === 'validation_finished').length).toBeGreaterThanOrEqual(1);
  }
  // A kill mid-verification made its job's generation run again.
  if (killedVerifying > 0)
    expect(
      snapshot.some((job) => job.events.filter((event) => event.type === 'generation_started').length > 1),
    ).toBe(true);
  return killedVerifying;
}

describe('worker crashes', () => {
  it('recovers from kill -9 at random points of turns and generations', { timeout: 240_000 }, async () => {
    // One round (two jobs, a kill in a turn and one in a verification) per run: each run draws
    // its own seed (printed, replayable), so CI explores new kill points every time.
    const random = createRandom(scenarioSeed('worker kill -9'));
    const killedVerifying = await crashRound(random, 1);
    // Not vacuous: the kill landed while a verification was running.
    expect(killedVerifying).toBeGreaterThan(0);
  });

  it('SIGTERM mid-turn aborts the model call, writes nothing, and the turn runs elsewhere', {
    timeout: 150_000,
  }, async () => {
    const random = createRandom(scenarioSeed('worker SIGTERM'));
    const server = await cluster.startServer();
    const workerOptions: Partial<FaultWorkerConfig> = {
      concurrency: 1,
      maxQuestions: 3,
      model: { kind: 'offline', delayMs: 1_500, announce: true },
    };
    const history = new History();
    const owner = await signUpActor(server.baseUrl, 'owner');
    // Turns 1 and 2 each end in a question (the request leaves more than two open).
    const { job } = await owner.client.trpc.apps.create.mutate({ prompt: severalQuestionsRequest });
    const stream = history.subscribe(owner.client, owner.id, job.id);
    let worker = await cluster.startWorker(workerOptions);
    // Model calls `worker` had made before the turn being tested: the wait below must see a call of
    // *this* turn, or SIGTERM could land before the worker even picked the turn up.
    let callsSeen = 0;

    for (let turn = 1; turn <= 2; turn++) {
      const before = await snapshotJobs(database.db, [job.id]);
      const ledgerBefore = await database.db
        .selectFrom('ledger_facts')
        .select('id')
        .where('job_id', '=', job.id)
        .execute();
      const current = worker;
      await pollUntil(
        () => modelCalls(current, 'questioning') > callsSeen,
        60_000,
        () => `a model call of turn ${turn}`,
      );
      const offsetMs = random.between(0, 1_200);
      await sleep(offsetMs);
      const signalledAt = Date.now();
      worker.child.kill('SIGTERM');
      const exit = await worker.exited;
      const exitMs = Date.now() - signalledAt;
      console.info(
        `[faults] turn ${turn}: SIGTERM ${offsetMs} ms into the model call; exited ${exit.code} after ${exitMs} ms`,
      );
      expect(exit.code).toBe(0);
      expect(exitMs).toBeLessThan(10_000);
      // The abort reached the model call itself (the delayed model saw its signal).
      expect(worker.stdout()).toMatch(/^model-aborted \S+ questioning\./m);

      // Nothing half written: the same log, questions and ledger as before the turn started.
      const after = await snapshotJobs(database.db, [job.id]);
      expect(after[0]!.events).toEqual(before[0]!.events);
      expect(after[0]!.questions).toEqual(before[0]!.questions);
      expect(after[0]!.status).toBe('questioning');
      const ledgerAfter = await database.db
        .selectFrom('ledger_facts')
        .select('id')
        .where('job_id', '=', job.id)
        .execute();
      expect(ledgerAfter).toEqual(ledgerBefore);

      // The next worker runs the same turn: one question, not two.
      worker = await cluster.startWorker(workerOptions);
      const asked = (await stream.waitForEvent(
        (event) => event.type === 'question_asked' && event.data.question.number === turn,
        60_000,
      )) as Extract<JobEvent, { type: 'question_asked' }>;
      if (turn === 1) {
        const option = asked.data.question.options[0];
        const questionId = asked.data.question.id;
        // The replacement worker already made turn 1's model calls (all done: question_asked is
        // committed); turn 2 starts with the answer below, so its first call is the next one.
        callsSeen = modelCalls(worker, 'questioning');
        await history.mutate(owner.id, 'answer', { jobId: job.id, questionId }, () =>
          owner.client.trpc.jobs.answer.mutate(
            option
              ? { jobId: job.id, questionId, optionIds: [option.id] }
              : { jobId: job.id, questionId, text: 'Yes' },
          ),
        );
      }
    }
    await waitForSettled(database.db, [job.id], 30_000);
    const snapshot = await snapshotJobs(database.db, [job.id]);
    await stream.waitForSeq(snapshot[0]!.events.length);
    history.close();
    assertHistory(history, snapshot);
    // graphile's attempt counter: the shutdowns cost the job nothing.
    expect(snapshot[0]!.events.filter((event) => event.type === 'job_failed')).toEqual([]);
  });
});
