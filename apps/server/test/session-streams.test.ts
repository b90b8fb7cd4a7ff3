import { bundleApp, event } from '@app/core';
import { appendEvents, revokeSession } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashSessionToken } from '../src/auth/sessions.ts';
import { type RunningServer, type StartServerOptions, startServer } from '../src/server.ts';
import { createTestClient, type TestClient, testSessionSecret } from './harness.ts';
import { rawRequest } from './raw-http.ts';
import { type RecordedStream, recordJobEvents } from './subscribe.ts';

let database: TestDatabase;
const servers: RunningServer[] = [];

async function start(overrides: Partial<StartServerOptions> = {}): Promise<RunningServer> {
  const server = await startServer({
    db: database.db,
    connectionString: database.url,
    port: 0,
    sessionSecret: testSessionSecret,
    modelDescription: 'offline:builder',
    previewPort: 0,
    bundle: (files) => bundleApp(files),
    ...overrides,
  });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await database?.destroy();
});

const baseUrl = (server: RunningServer) => `http://127.0.0.1:${server.port}`;

async function streamingClient(
  server: RunningServer,
): Promise<{ client: TestClient; jobId: string; stream: RecordedStream }> {
  const client = createTestClient(baseUrl(server));
  await client.signUp();
  const { job } = await client.trpc.apps.create.mutate({ prompt: 'A booking tool for our clinic' });
  const stream = recordJobEvents(client, job.id);
  await stream.waitForSeq(1);
  return { client, jobId: job.id, stream };
}

function tokenHashOf(client: TestClient): string {
  const token = client.cookie.value?.split('=')[1];
  if (!token) throw new Error('client holds no session');
  return hashSessionToken(token, testSessionSecret);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

function errorCodeOf(error: unknown): string | undefined {
  return (error as { data?: { code?: string } }).data?.code;
}

async function openStreams(server: RunningServer): Promise<number> {
  const response = await rawRequest({ port: server.port, path: '/healthz' });
  expect(response.status).toBe(200);
  return (JSON.parse(response.body) as { subscriptions: number }).subscriptions;
}

/** The hub's subscription count (in /healthz) settles to `count`: ended streams let go of it. */
async function expectOpenStreams(server: RunningServer, count: number): Promise<void> {
  const deadline = Date.now() + 2_000;
  let open = await openStreams(server);
  while (open !== count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    open = await openStreams(server);
  }
  expect(open).toBe(count);
}

describe('streams end with their session', () => {
  it('auth.signOut ends the session’s open jobs.events streams at once, with UNAUTHORIZED', async () => {
    // A sweep interval far longer than the test: only the in-process revocation can end it.
    const server = await start({ sessionCheckIntervalMs: 60_000 });
    const { client, jobId, stream } = await streamingClient(server);
    const second = recordJobEvents(client, jobId);
    await second.waitForSeq(1);
    // Another person's stream must live on.
    const bystander = await streamingClient(server);
    expect(await openStreams(server)).toBe(3);

    const signedOutAt = Date.now();
    await client.trpc.auth.signOut.mutate();
    const endedMs = await waitFor(() => stream.errors.length > 0 && second.errors.length > 0, 2_000);
    expect(errorCodeOf(stream.errors[0])).toBe('UNAUTHORIZED');
    expect(errorCodeOf(second.errors[0])).toBe('UNAUTHORIZED');
    expect(Date.now() - signedOutAt).toBeLessThan(1_000);
    // Nothing after sign-out reaches the signed-out streams; the bystander still gets events.
    await appendEvents(database.db, jobId, [event('step_started', { index: 0 })]);
    await appendEvents(database.db, bystander.jobId, [event('step_started', { index: 0 })]);
    await bystander.stream.waitForSeq(2);
    expect(stream.events.every((item) => item.seq === 1)).toBe(true);
    expect(bystander.stream.errors).toEqual([]);
    await expectOpenStreams(server, 1);
    bystander.stream.unsubscribe();
    expect(endedMs).toBeLessThan(2_000);
  });

  it('a sign-out elsewhere (another server process, or the table directly) ends the stream within the check interval', async () => {
    const server = await start({ sessionCheckIntervalMs: 200 });
    const { client, stream } = await streamingClient(server);
    const revokedAt = Date.now();
    await revokeSession(database.db, tokenHashOf(client));
    await waitFor(() => stream.errors.length > 0, 3_000);
    expect(errorCodeOf(stream.errors[0])).toBe('UNAUTHORIZED');
    expect(Date.now() - revokedAt).toBeLessThan(1_500);
    await expectOpenStreams(server, 0);
  });

  it('an expired session ends its stream when it expires', async () => {
    const server = await start({ sessionCheckIntervalMs: 60_000 });
    const client = createTestClient(baseUrl(server));
    await client.signUp();
    const { job } = await client.trpc.apps.create.mutate({ prompt: 'A booking tool for our clinic' });
    // The session now has a second left; the stream learns its expiry when it opens.
    await sql`update sessions set expires_at = now() + interval '1 second' where token_hash = ${tokenHashOf(client)}`.execute(
      database.db,
    );
    const stream = recordJobEvents(client, job.id);
    await stream.waitForSeq(1);
    const endedMs = await waitFor(() => stream.errors.length > 0, 3_000);
    expect(errorCodeOf(stream.errors[0])).toBe('UNAUTHORIZED');
    expect(endedMs).toBeLessThan(1_500);
    expect(await client.trpc.auth.me.query()).toBeNull();
  });

  it('a stream without a session change keeps running through many checks', async () => {
    const server = await start({ sessionCheckIntervalMs: 50 });
    const { jobId, stream } = await streamingClient(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await appendEvents(database.db, jobId, [event('step_started', { index: 0 })]);
    await stream.waitForSeq(2);
    expect(stream.errors).toEqual([]);
    stream.unsubscribe();
  });
});
