import { event } from '@app/core';
import { appendEvents, listEvents } from '@app/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestClient, expectTRPCError, useTestServer } from './harness.ts';
import { expectExactLog, recordJobEvents } from './subscribe.ts';

const context = useTestServer();

async function signedInWithJob() {
  const client = createTestClient(context.baseUrl);
  await client.signUp();
  const { job } = await client.trpc.apps.create.mutate({ prompt: 'A booking tool for our clinic' });
  return { client, jobId: job.id };
}

const step = (index: number) => event('step_started', { index });

describe('jobs.events', () => {
  it('replays the log, then streams live events in order', async () => {
    const { client, jobId } = await signedInWithJob();
    await appendEvents(context.database.db, jobId, [step(0), step(1)]);
    const stream = recordJobEvents(client, jobId);
    await stream.waitForSeq(3);
    await appendEvents(context.database.db, jobId, [step(2)]);
    await appendEvents(context.database.db, jobId, [step(3), step(4)]);
    await stream.waitForSeq(6);
    stream.unsubscribe();
    expectExactLog(stream.events, 1, 6);
    expect(stream.events[0]).toMatchObject({
      type: 'questioning_started',
      data: { request: 'A booking tool for our clinic' },
    });
    expect(stream.events.map((e) => e.type)).toEqual([
      'questioning_started',
      ...Array(5).fill('step_started'),
    ]);
    expect(stream.events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('resumes with lastEventId, replaying exactly the missed events', async () => {
    const { client, jobId } = await signedInWithJob();
    await appendEvents(context.database.db, jobId, [step(0), step(1), step(2), step(3)]);
    const stream = recordJobEvents(client, jobId, 3);
    await stream.waitForSeq(5);
    await appendEvents(context.database.db, jobId, [step(4)]);
    await stream.waitForSeq(6);
    stream.unsubscribe();
    expectExactLog(stream.events, 4, 6);
  });

  it('misses nothing when the LISTEN backend is terminated', async () => {
    const { client, jobId } = await signedInWithJob();
    const stream = recordJobEvents(client, jobId);
    await stream.waitForSeq(1);
    let appended = 1;
    const appender = (async () => {
      for (let i = 0; i < 60; i += 1) {
        await appendEvents(context.database.db, jobId, [step(i)]);
        appended += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const killed = await sql<{ terminated: boolean }>`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where application_name = 'app-builder:listen' and datname = current_database()`.execute(
      context.database.db,
    );
    expect(killed.rows.some((row) => row.terminated)).toBe(true);
    await appender;
    // Events committed while the listener was down arrive via the resync after it reconnects.
    await stream.waitForSeq(appended);
    expect(context.server.hub.state).toBe('listening');
    stream.unsubscribe();
    expectExactLog(stream.events, 1, appended);
    expect(appended).toBe(61);
  });

  it('delivers every event once to many concurrent subscribers', async () => {
    const { client, jobId } = await signedInWithJob();
    const streams = Array.from({ length: 20 }, () => recordJobEvents(client, jobId));
    await Promise.all(streams.map((stream) => stream.waitForSeq(1)));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => appendEvents(context.database.db, jobId, [step(i)])),
    );
    const total = (await listEvents(context.database.db, jobId)).length;
    await Promise.all(streams.map((stream) => stream.waitForSeq(total)));
    for (const stream of streams) {
      stream.unsubscribe();
      expectExactLog(stream.events, 1, total);
    }
  });

  it("does not stream another user's job", async () => {
    const { jobId } = await signedInWithJob();
    const intruder = createTestClient(context.baseUrl);
    await intruder.signUp();
    const failure = await expectTRPCError(
      new Promise((resolve, reject) => {
        const subscription = intruder.trpc.jobs.events.subscribe(
          { jobId },
          {
            onData: resolve,
            onError: (error) => {
              subscription.unsubscribe();
              reject(error);
            },
          },
        );
      }),
    );
    expect(failure.code).toBe('NOT_FOUND');
  });
});
