import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertHistory } from './history/checker.ts';
import { History, type RecordedSubscription } from './history/history.ts';
import { snapshotJobs, waitForSettled } from './history/snapshot.ts';
import { type Actor, driveJob, signUpActor, tabOf } from './support/actors.ts';
import { Cluster, type ServerHandle } from './support/cluster.ts';
import { scenarioSeed } from './support/prng.ts';
import { severalQuestionsRequest } from './support/requests.ts';

// Two server processes and three worker processes on one Postgres. Clients on both servers follow
// jobs that are created on one server and answered through the other: every client must get every
// event of its job exactly once. Also prints questioning turns per second with one worker and
// with three (measured, never asserted: timings on a shared machine are noise).

let database: TestDatabase;
let cluster: Cluster;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  cluster = new Cluster(database.url);
});
afterAll(async () => {
  await cluster?.stopAll();
  await database?.destroy();
});

const batchSize = 120;
const owners = 6;

/** Queues `batchSize` first turns at once and returns turns/s until all have their question. */
async function turnBatch(label: string): Promise<{ jobIds: string[]; rate: number }> {
  const created = await Promise.all(Array.from({ length: batchSize }, () => createUserWithJob(database.db)));
  const jobIds = created.map(({ job }) => job.id);
  const startedAt = Date.now();
  await waitForSettled(database.db, jobIds, 90_000);
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = batchSize / seconds;
  console.info(
    `[faults] scale-out: ${label}: ${batchSize} turns in ${seconds.toFixed(2)} s = ${rate.toFixed(1)} turns/s`,
  );
  return { jobIds, rate };
}

describe('scale-out: 2 servers, 3 workers, one Postgres', () => {
  it('delivers every event exactly once to clients on both servers', { timeout: 180_000 }, async () => {
    scenarioSeed('scale-out (no random timing)');
    const servers: ServerHandle[] = await Promise.all([cluster.startServer(), cluster.startServer()]);
    const workerOptions = { concurrency: 4, maxQuestions: 3 };

    await cluster.startWorker(workerOptions);
    const one = await turnBatch('1 worker');
    await Promise.all([cluster.startWorker(workerOptions), cluster.startWorker(workerOptions)]);
    const three = await turnBatch('3 workers');
    console.info(`[faults] scale-out: 3 workers / 1 worker = ${(three.rate / one.rate).toFixed(2)}×`);

    const history = new History();
    const actors: Actor[] = [];
    for (let index = 0; index < owners; index++) {
      actors.push(await signUpActor(servers[index % 2]!.baseUrl, `owner${index}`));
    }
    const jobIds: string[] = [];
    const streams: RecordedSubscription[] = [];
    const drivers: Promise<string>[] = [];
    for (const [index, actor] of actors.entries()) {
      // Three questions (the limit), two answered: every driven job ends waiting for the third.
      const { job } = await actor.client.trpc.apps.create.mutate({ prompt: severalQuestionsRequest });
      jobIds.push(job.id);
      // One tab on each server; the answers go through the server the job was not created on.
      const tabs = servers.map((server, serverIndex) => {
        const id = `${actor.id}.s${serverIndex}`;
        return history.subscribe(tabOf(actor, server.baseUrl, id).client, id, job.id);
      });
      streams.push(...tabs);
      const answering = tabOf(actor, servers[(index + 1) % 2]!.baseUrl, `${actor.id}.answers`);
      drivers.push(driveJob(history, answering, tabs[0]!, job.id, { maxAnswers: 2, timeoutMs: 90_000 }));
    }
    const outcomes = await Promise.all(drivers);
    expect(outcomes).toEqual(actors.map(() => 'stopped'));

    const allJobs = [...one.jobIds, ...three.jobIds, ...jobIds];
    await waitForSettled(database.db, allJobs, 60_000);
    const snapshot = await snapshotJobs(database.db, allJobs);
    const totals = new Map(snapshot.map((job) => [job.jobId, job.events.length]));
    await Promise.all(streams.map((stream) => stream.waitForSeq(totals.get(stream.record.jobId) ?? 0)));
    history.close();
    assertHistory(history, snapshot);
    // Every batch turn asked its question (none failed or got stuck), every driven job its three.
    for (const job of snapshot) expect(job.status).toBe('awaiting_answer');
    for (const job of snapshot.filter((job) => jobIds.includes(job.jobId)))
      expect(job.questions).toHaveLength(3);
  });
});
