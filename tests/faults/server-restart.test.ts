import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertHistory } from './history/checker.ts';
import { History } from './history/history.ts';
import { snapshotJobs, waitForSettled } from './history/snapshot.ts';
import { type Actor, driveJob, signUpActor, tabOf } from './support/actors.ts';
import { Cluster } from './support/cluster.ts';
import { createRandom, scenarioSeed } from './support/prng.ts';

// kill -9 the server process under 100 subscribed clients while a real worker keeps committing
// events (questions answered by drivers, then generation), then start it again on the same port.

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

const jobCount = 4;
const tabsPerJob = 25;
const restarts = 2;

describe('server kill -9 and restart under 100 subscribed clients', () => {
  it('every client resumes within 5 s with an exact copy of its job log', { timeout: 150_000 }, async () => {
    const random = createRandom(scenarioSeed(process.env.FAULTS_SEED, 'server restart'));
    const server = await cluster.startServer();
    await cluster.startWorker({ model: { kind: 'offline', delayMs: 120, generationDelayMs: 60, announce: false } });
    const history = new History();

    const owners: Actor[] = [];
    for (let index = 0; index < jobCount; index++) owners.push(await signUpActor(server.baseUrl, `owner${index}`));
    const jobs = await Promise.all(
      owners.map(async (owner) => {
        const { job } = await owner.client.trpc.apps.create.mutate({
          prompt: 'A tracker for our support tickets with priorities',
        });
        return job.id;
      }),
    );
    // 100 subscriptions over 100 clients (25 tabs per owner), a quarter of them resuming mid-log.
    const streams = owners.flatMap((owner, jobIndex) =>
      Array.from({ length: tabsPerJob }, (_, tab) => {
        const jobId = jobs[jobIndex] as string;
        const resumeFrom = tab % 4 === 3 ? 1 : 0;
        return history.subscribe(tabOf(owner, server.baseUrl, `${owner.id}.tab${tab}`).client, `${owner.id}.tab${tab}`, jobId, resumeFrom);
      }),
    );
    await Promise.all(streams.map((stream) => stream.waitForSeq(1, 20_000)));

    const drivers = owners.map((owner, index) =>
      driveJob(history, owner, streams[index * tabsPerJob]!, jobs[index] as string, { timeoutMs: 120_000 }),
    );

    for (let round = 1; round <= restarts; round++) {
      const beforeKillMs = random.between(300, 2_000);
      const downMs = random.between(0, 1_000);
      await new Promise((resolve) => setTimeout(resolve, beforeKillMs));
      const killedAt = Date.now();
      await server.restart(downMs);
      const healthyAt = Date.now();
      const targets = new Map(
        (await snapshotJobs(database.db, jobs)).map((job) => [job.jobId, job.events.length]),
      );
      await Promise.all(
        streams.map((stream) => stream.waitForSeq(targets.get(stream.record.jobId) ?? 0, 20_000)),
      );
      const resumedMs = Date.now() - healthyAt;
      const reconnects = streams.map((stream) =>
        stream.record.connectionStates.filter((state) => state.at > killedAt).map((state) => `${state.state}@${state.at - killedAt}`).join(' '),
      );
      console.info(`healthy after ${healthyAt - killedAt} ms; sample: ${reconnects.slice(0, 3).join(' | ')}`);
      console.info(
        `[faults] server restart ${round}: killed after ${beforeKillMs} ms, down ${downMs} ms; ` +
          `all ${streams.length} clients caught up ${resumedMs} ms after the new process was healthy`,
      );
      expect(resumedMs).toBeLessThan(5_000);
    }

    const outcomes = await Promise.all(drivers);
    console.info(`[faults] server restart: jobs ended ${outcomes.join(', ')}`);
    await waitForSettled(database.db, jobs, 30_000);
    const snapshot = await snapshotJobs(database.db, jobs);
    await Promise.all(
      streams.map((stream) =>
        stream.waitForSeq(snapshot.find((job) => job.jobId === stream.record.jobId)?.events.length ?? 0, 15_000),
      ),
    );
    history.close();
    assertHistory(history, snapshot);
    expect(outcomes.every((outcome) => outcome === 'complete')).toBe(true);
  });
});
