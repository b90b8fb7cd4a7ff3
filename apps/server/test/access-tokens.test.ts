import { bundleApp, event } from '@app/core';
import { clientBatchUrlLength, maxActiveTokensPerUser, maxBatchCalls } from '@app/core/schemas';
import { appendEvents } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppRouter } from '../src/router.ts';
import { type RunningServer, type StartServerOptions, startServer } from '../src/server.ts';
import { createTestClient, expectTRPCError, type TestClient, testSessionSecret } from './harness.ts';
import { rawRequest } from './raw-http.ts';
import { recordJobEvents } from './subscribe.ts';

// Personal access tokens over the real transport: a client that holds no cookie, only
// `Authorization: Bearer <token>` on every request (batch and SSE alike), as SPEC §5 says.

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

let server: RunningServer;
let baseUrl: string;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  // A sweep far longer than any test: only an in-process revocation can end a stream quickly.
  server = await start({ sessionCheckIntervalMs: 60_000 });
  baseUrl = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await Promise.all(servers.map((running) => running.close()));
  await database?.destroy();
});

/** A real tRPC client (batch + SSE) that sends the given Authorization header and no cookie. */
function bearerClient(url: string, authorization: string): TestClient {
  const withAuthorization: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', authorization);
    return fetch(input, { ...init, headers });
  };
  const trpc: TRPCClient<AppRouter> = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          eventSourceOptions: () => ({ fetch: withAuthorization }),
        }),
        false: httpBatchLink({
          url: `${url}/trpc`,
          fetch: withAuthorization,
          maxItems: maxBatchCalls,
          maxURLLength: clientBatchUrlLength,
        }),
      }),
    ],
  });
  return {
    trpc,
    cookie: { value: null },
    signUp: () => Promise.reject(new Error('a bearer client does not sign up')),
  };
}

async function signedInWithToken(name = 'CI') {
  const browser = createTestClient(baseUrl);
  const user = await browser.signUp();
  const { token, tokenId } = await browser.trpc.auth.createToken.mutate({ name });
  return { browser, user, token, tokenId, script: bearerClient(baseUrl, `Bearer ${token}`) };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

const errorCodeOf = (error: unknown) => (error as { data?: { code?: string } }).data?.code;

describe('personal access tokens', () => {
  it('a token acts as its user for a query, a mutation and a jobs.events subscription, with no cookie', async () => {
    const { user, token, script } = await signedInWithToken();
    expect(token).toMatch(/^abt_[A-Za-z0-9_-]{43}$/);
    expect(script.cookie.value).toBeNull();
    expect(await script.trpc.auth.me.query()).toEqual({ user: { id: user.id, email: user.email } });
    const { app, job } = await script.trpc.apps.create.mutate({ prompt: 'A booking tool for our clinic' });
    const fetched = await script.trpc.apps.get.query({ appId: app.id });
    expect(fetched.app.id).toBe(app.id);
    const stream = recordJobEvents(script, job.id);
    await stream.waitForSeq(1);
    expect(stream.events[0]?.type).toBe('questioning_started');
    await appendEvents(database.db, job.id, [event('step_started', { index: 0 })]);
    await stream.waitForSeq(2);
    expect(stream.errors).toEqual([]);
    stream.unsubscribe();
  });

  it('listTokens shows name, created and last used — never the secret — and last used moves on use', async () => {
    const { browser, token, tokenId, script } = await signedInWithToken('Deploy bot');
    const before = await browser.trpc.auth.listTokens.query();
    expect(before).toEqual([
      { id: tokenId, name: 'Deploy bot', createdAt: expect.any(String), lastUsedAt: null },
    ]);
    expect(JSON.stringify(before)).not.toContain(token.slice(4));
    await script.trpc.apps.list.query();
    const [after] = await browser.trpc.auth.listTokens.query();
    expect(after?.lastUsedAt).not.toBeNull();
    expect(Date.parse(after?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(after?.createdAt ?? ''));
    // The token itself may list its siblings (it is the user), still without secrets.
    expect((await script.trpc.auth.listTokens.query()).map((item) => item.id)).toEqual([tokenId]);
  });

  it('revoking a token mid-stream ends its open stream at once with UNAUTHORIZED, and later calls fail', async () => {
    const { browser, tokenId, script } = await signedInWithToken();
    const { job } = await script.trpc.apps.create.mutate({ prompt: 'A booking tool for our clinic' });
    const stream = recordJobEvents(script, job.id);
    await stream.waitForSeq(1);
    // The same person's browser stream (a session, not the token) must live on.
    const browserStream = recordJobEvents(browser, job.id);
    await browserStream.waitForSeq(1);

    const revokedAt = Date.now();
    await browser.trpc.auth.revokeToken.mutate({ tokenId });
    await waitFor(() => stream.errors.length > 0, 2_000);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect(errorCodeOf(stream.errors[0])).toBe('UNAUTHORIZED');
    await appendEvents(database.db, job.id, [event('step_started', { index: 0 })]);
    await browserStream.waitForSeq(2);
    expect(stream.events.map((item) => item.seq)).toEqual([1]);
    expect(browserStream.errors).toEqual([]);
    browserStream.unsubscribe();

    expect((await expectTRPCError(script.trpc.apps.list.query())).code).toBe('UNAUTHORIZED');
    expect((await expectTRPCError(script.trpc.auth.me.query())).code).toBe('UNAUTHORIZED');
    expect(await browser.trpc.auth.listTokens.query()).toEqual([]);
  });

  it('a revocation in another server process ends the stream here within the check interval', async () => {
    const sweeping = await start({ sessionCheckIntervalMs: 200 });
    const browser = createTestClient(`http://127.0.0.1:${sweeping.port}`);
    await browser.signUp();
    const { token, tokenId } = await browser.trpc.auth.createToken.mutate({ name: 'CI' });
    const script = bearerClient(`http://127.0.0.1:${sweeping.port}`, `Bearer ${token}`);
    const { job } = await script.trpc.apps.create.mutate({ prompt: 'A booking tool for our clinic' });
    const stream = recordJobEvents(script, job.id);
    await stream.waitForSeq(1);
    // Revoked through the table, as another process would: this server learns of it by its sweep.
    await sql`update access_tokens set revoked_at = now() where id = ${tokenId}`.execute(database.db);
    const endedMs = await waitFor(() => stream.errors.length > 0, 3_000);
    expect(errorCodeOf(stream.errors[0])).toBe('UNAUTHORIZED');
    expect(endedMs).toBeLessThan(1_500);
  });

  it('an unknown token is UNAUTHORIZED on every kind of call, auth.* included', async () => {
    const stranger = bearerClient(baseUrl, `Bearer abt_${'A'.repeat(43)}`);
    expect(await expectTRPCError(stranger.trpc.auth.me.query())).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Unknown or revoked token',
    });
    expect((await expectTRPCError(stranger.trpc.apps.create.mutate({ prompt: 'A tool' }))).code).toBe(
      'UNAUTHORIZED',
    );
    const { job } = await (await signedInWithToken()).script.trpc.apps.create.mutate({
      prompt: 'A tool library',
    });
    const stream = recordJobEvents(stranger, job.id);
    await waitFor(() => stream.errors.length > 0, 5_000);
    expect(errorCodeOf(stream.errors[0])).toBe('UNAUTHORIZED');
    expect(stream.events).toEqual([]);
    stream.unsubscribe();
  });

  it('a malformed Authorization header is UNAUTHORIZED (401), never a 500, even beside a valid cookie', async () => {
    const browser = createTestClient(baseUrl);
    await browser.signUp();
    const cookie = browser.cookie.value ?? '';
    const headers = [
      'Bearer',
      'Bearer ',
      'Bearer junk',
      `Bearer abt_${'A'.repeat(42)}`,
      `Bearer abt_${'A'.repeat(43)} extra`,
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer abt_${'%'.repeat(43)}`,
      'x'.repeat(4000),
    ];
    for (const authorization of headers) {
      for (const path of ['/trpc/auth.me', '/trpc/apps.list']) {
        const response = await rawRequest({ port: server.port, path, headers: { authorization, cookie } });
        expect(response.status, `${authorization.slice(0, 30)} on ${path}`).toBe(401);
        expect((JSON.parse(response.body) as { error: { data: { code: string } } }).error.data.code).toBe(
          'UNAUTHORIZED',
        );
      }
      const mutation = await rawRequest({
        port: server.port,
        method: 'POST',
        path: '/trpc/apps.create',
        headers: { authorization, cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'A tool library' }),
      });
      expect(mutation.status).toBe(401);
    }
    // The same cookie without the header is still signed in.
    expect(await browser.trpc.auth.me.query()).not.toBeNull();
  });

  it("another user's app, job and stream through a token are NOT_FOUND, as for a missing id", async () => {
    const owner = await signedInWithToken();
    const { app, job } = await owner.browser.trpc.apps.create.mutate({
      prompt: 'A booking tool for our clinic',
    });
    const intruder = await signedInWithToken();
    expect(await expectTRPCError(intruder.script.trpc.apps.get.query({ appId: app.id }))).toEqual(
      await expectTRPCError(
        intruder.script.trpc.apps.get.query({ appId: '00000000-0000-4000-8000-000000000000' }),
      ),
    );
    expect((await expectTRPCError(intruder.script.trpc.apps.get.query({ appId: app.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await expectTRPCError(intruder.script.trpc.jobs.get.query({ jobId: job.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await expectTRPCError(intruder.script.trpc.jobs.cancel.mutate({ jobId: job.id }))).code).toBe(
      'NOT_FOUND',
    );
    const stream = recordJobEvents(intruder.script, job.id);
    await waitFor(() => stream.errors.length > 0, 5_000);
    expect(errorCodeOf(stream.errors[0])).toBe('NOT_FOUND');
    stream.unsubscribe();
    // Nor may a token revoke someone else's token: NOT_FOUND, and that token keeps working.
    expect(
      (await expectTRPCError(intruder.script.trpc.auth.revokeToken.mutate({ tokenId: owner.tokenId }))).code,
    ).toBe('NOT_FOUND');
    expect(await owner.script.trpc.auth.me.query()).not.toBeNull();
  });

  it('tokens are minted only from a session; names are checked; the per-person cap is a clear error', async () => {
    const { browser, script } = await signedInWithToken();
    expect(await expectTRPCError(script.trpc.auth.createToken.mutate({ name: 'second' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'Create tokens from a signed-in session, not with a token',
    });
    expect((await expectTRPCError(browser.trpc.auth.createToken.mutate({ name: '   ' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await expectTRPCError(browser.trpc.auth.createToken.mutate({ name: 'x'.repeat(101) }))).code,
    ).toBe('BAD_REQUEST');
    expect((await expectTRPCError(browser.trpc.auth.revokeToken.mutate({ tokenId: 'nope' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await expectTRPCError(createTestClient(baseUrl).trpc.auth.createToken.mutate({ name: 'x' }))).code,
    ).toBe('UNAUTHORIZED');
    // One token exists; fill up to the cap, then one more is refused with its reason.
    await Promise.all(
      Array.from({ length: maxActiveTokensPerUser - 1 }, (_, index) =>
        browser.trpc.auth.createToken.mutate({ name: `token ${index}` }),
      ),
    );
    expect(await expectTRPCError(browser.trpc.auth.createToken.mutate({ name: 'one too many' }))).toEqual({
      code: 'PRECONDITION_FAILED',
      message: `You already have ${maxActiveTokensPerUser} active tokens: revoke one first`,
    });
    const tokens = await browser.trpc.auth.listTokens.query();
    expect(tokens).toHaveLength(maxActiveTokensPerUser);
  });

  it('signing out of the browser leaves the person’s tokens working', async () => {
    const { browser, script } = await signedInWithToken();
    await browser.trpc.auth.signOut.mutate();
    expect(await browser.trpc.auth.me.query()).toBeNull();
    expect(await script.trpc.auth.me.query()).not.toBeNull();
  });
});
