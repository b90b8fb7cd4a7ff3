import type { ChildProcess } from 'node:child_process';
import { event } from '@app/core';
import { appendEvents, findFreePort, listEvents } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestClient } from './harness.ts';
import { killProcess, spawnServerProcess } from './server-process.ts';
import { expectExactLog, recordJobEvents } from './subscribe.ts';

let database: TestDatabase;
let server: ChildProcess | null = null;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(async () => {
  if (server) await killProcess(server);
  await database.destroy();
});

describe('server restart under subscribed clients', () => {
  it('every client ends with an exact copy of the log: no gap, no duplicate', async () => {
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    server = await spawnServerProcess(database.url, port);

    const owner = createTestClient(baseUrl);
    await owner.signUp();
    const { job } = await owner.trpc.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
    const streams = Array.from({ length: 10 }, () => recordJobEvents(owner, job.id));
    await Promise.all(streams.map((stream) => stream.waitForSeq(1)));

    // The "worker": keeps committing events the whole time, including while the server is down.
    let stop = false;
    const appender = (async () => {
      for (let index = 0; !stop; index += 1) {
        await appendEvents(database.db, job.id, [event('step_started', { index })]);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 300));
    await killProcess(server, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    server = await spawnServerProcess(database.url, port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await appender;

    const total = (await listEvents(database.db, job.id, 0, 100_000)).length;
    expect(total).toBeGreaterThan(30);
    await Promise.all(streams.map((stream) => stream.waitForSeq(total, 20_000)));
    for (const stream of streams) {
      stream.unsubscribe();
      expectExactLog(stream.events, 1, total);
    }
  }, 150_000);
});
