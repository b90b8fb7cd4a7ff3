import type { Socket } from 'node:net';
import { event } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningServer } from '../../apps/server/src/server.ts';
import { startTestServer } from '../../apps/server/test/harness.ts';
import { assertHistory } from './history/checker.ts';
import { History, pollUntil } from './history/history.ts';
import { snapshotJobs } from './history/snapshot.ts';
import { signUpActor, tabOf } from './support/actors.ts';
import { createRandom, scenarioSeed } from './support/prng.ts';
import { openRawSse } from './support/raw-sse.ts';
import { startTicker } from './support/ticker.ts';

// A client that stops reading its socket (a frozen tab, a stalled proxy) while a generation streams
// megabytes of files: the server must stop pulling events for it (backpressure) instead of
// buffering them, and every other client must keep receiving everything promptly.
// The server runs in this process (the same startServer that main.ts calls, real HTTP on an
// ephemeral port) so the test can read how much the kernel would not take for that one socket.

let database: TestDatabase;
let server: RunningServer | null = null;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const fileBytes = 40_000;
const batches = 40;
const filesPerBatch = 20; // 800 files × 40 kB ≈ 32 MB through the server

/** The server side of the connection whose client end is `localPort`, among this process's handles. */
function serverSocketFor(serverPort: number, clientPort: number): Socket {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const socket = handles.find(
    (handle): handle is Socket =>
      typeof handle === 'object' &&
      handle !== null &&
      (handle as Socket).localPort === serverPort &&
      (handle as Socket).remotePort === clientPort,
  );
  if (!socket) throw new Error(`no server socket for client port ${clientPort}`);
  return socket;
}

describe('a slow consumer that stops reading', () => {
  it('keeps the server memory bounded and other clients on time', { timeout: 150_000 }, async () => {
    const random = createRandom(scenarioSeed('slow consumer'));
    server = await startTestServer(database.db, database.url);
    const baseUrl = `http://127.0.0.1:${server.port}`;
    const history = new History();
    const owner = await signUpActor(baseUrl, 'owner');
    const ticker = await startTicker(database.db, owner.email);
    const cookie = owner.client.cookie.value as string;

    const slow = await openRawSse({ baseUrl: baseUrl, cookie, jobId: ticker.jobId, clientId: 'slow' });
    history.subscriptions.push(slow.record);
    const others = [0, 1].map((index) =>
      history.subscribe(tabOf(owner, baseUrl, `fast${index}`).client, `fast${index}`, ticker.jobId),
    );
    await pollUntil(
      () => slow.record.events.length >= 4,
      20_000,
      () => 'the slow client to get the opening events',
    );
    await Promise.all(others.map((stream) => stream.waitForSeq(4, 20_000)));
    // The server tells clients to reconnect after 1 s, not EventSource's default 3 s.
    expect(slow.head()).toMatch(/^retry: \d+\n\n/);
    slow.pause();

    const serverSocket = serverSocketFor(server.port, slow.localPort);
    const content = 'x'.repeat(fileBytes);
    let worstLagMs = 0;
    let mostBuffered = 0;
    const sampler = setInterval(() => {
      mostBuffered = Math.max(mostBuffered, serverSocket.writableLength);
    }, 5);
    for (let batch = 0; batch < batches; batch++) {
      const path = `src/file${batch}-${random.between(0, 9999)}.ts`;
      await ticker.append(
        Array.from({ length: filesPerBatch }, (_, index) =>
          event('file_written', { path: `${path}.${index}`, content }),
        ),
      );
      if (batch % 10 === 9) {
        // Other clients are never held back by the slow one: they keep up batch by batch.
        const target = 4 + (batch + 1) * filesPerBatch;
        const startedAt = Date.now();
        await Promise.all(others.map((stream) => stream.waitForSeq(target, 10_000)));
        worstLagMs = Math.max(worstLagMs, Date.now() - startedAt);
      }
    }
    const pushedKiB = Math.round((batches * filesPerBatch * fileBytes) / 1024);
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(sampler);
    const slowKiB = Math.round(slow.bytesReceived() / 1024);
    console.info(
      `[faults] slow consumer: pushed ${pushedKiB} KiB; the paused client had read ${slowKiB} KiB; the server ` +
        `buffered at most ${Math.round(mostBuffered / 1024)} KiB for it; other clients lagged at most ${worstLagMs} ms`,
    );
    // Without backpressure the server would queue nearly all 32 MB on the paused socket; with it,
    // it stops pulling events once the kernel buffers are full (at most a few chunks wait).
    expect(mostBuffered).toBeLessThan(1024 * 1024);
    expect(slowKiB).toBeLessThan(pushedKiB / 4);
    expect(worstLagMs).toBeLessThan(10_000);

    // Once it reads again, the slow client gets the rest: exact, no gap, no duplicate.
    slow.resume();
    await ticker.stop();
    const snapshot = await snapshotJobs(database.db, [ticker.jobId]);
    const total = snapshot[0]!.events.length;
    await pollUntil(
      () => (slow.record.events.at(-1)?.seq ?? 0) >= total,
      60_000,
      () => `the slow client to catch up to ${total} (has ${slow.record.events.at(-1)?.seq})`,
    );
    await Promise.all(others.map((stream) => stream.waitForSeq(total)));
    slow.close();
    slow.record.stoppedEarly = false;
    history.close();
    assertHistory(history, snapshot);
  });
});
