import { bundleApp } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningServer, type StartServerOptions, startServer } from '../src/server.ts';
import { createTestClient, testSessionSecret, uniqueEmail } from './harness.ts';
import { errorCode, type RawResponse, rawRequest } from './raw-http.ts';

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

/** A real client connection from `address` (any of 127.0.0.0/8): "another IP" without headers. */
function call(
  server: RunningServer,
  procedure: 'auth.signIn' | 'auth.signUp',
  body: { email: string; password: string },
  address = '127.0.0.1',
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest({
    port: server.port,
    method: 'POST',
    path: `/trpc/${procedure}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    localAddress: address,
  });
}

async function expectHealthy(server: RunningServer): Promise<void> {
  const response = await rawRequest({ port: server.port, path: '/healthz' });
  expect(response.status).toBe(200);
}

const password = 'correct horse battery';

describe('sign-in limits', () => {
  let server: RunningServer;
  let setupAddress = 10;
  /** Accounts are made from addresses of their own, so set-up never counts against a test's. */
  async function account(): Promise<string> {
    const email = uniqueEmail();
    setupAddress += 1;
    const response = await call(server, 'auth.signUp', { email, password }, `127.0.1.${setupAddress}`);
    expect(response.status).toBe(200);
    return email;
  }

  beforeAll(async () => {
    server = await start({ rateLimits: { signInPerEmail: 10, signInPerAddress: 25, signUpPerAddress: 50 } });
  });

  it('30 wrong passwords: 10 UNAUTHORIZED, then TOO_MANY_REQUESTS with Retry-After; other people still sign in', async () => {
    const victim = await account();
    const statuses: number[] = [];
    let refusal: RawResponse | null = null;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const response = await call(
        server,
        'auth.signIn',
        { email: victim, password: 'wrong password!' },
        '127.0.0.2',
      );
      statuses.push(response.status);
      if (response.status === 429) refusal ??= response;
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));
    expect(refusal && errorCode(refusal)).toBe('TOO_MANY_REQUESTS');
    expect(Number(refusal?.headers['retry-after'])).toBeGreaterThan(0);
    expect(refusal?.body).toMatch(/try again in \d+ minute/);

    // The account itself stays locked for its window, even with the right password…
    const locked = await call(server, 'auth.signIn', { email: victim, password }, '127.0.0.3');
    expect(locked.status).toBe(429);
    // …while another person, from another address, signs in normally.
    const other = await account();
    const fine = await call(server, 'auth.signIn', { email: other, password }, '127.0.0.3');
    expect(fine.status).toBe(200);
    expect(fine.headers['set-cookie']?.[0]).toMatch(/^session=/);
    await expectHealthy(server);
  });

  it('limits failed sign-ins per address across many emails', async () => {
    const emails = await Promise.all(Array.from({ length: 30 }, () => account()));
    const statuses: number[] = [];
    for (const email of emails) {
      statuses.push(
        (await call(server, 'auth.signIn', { email, password: 'wrong password!' }, '127.0.0.4')).status,
      );
    }
    // Each email failed once (far under its 10), but the address hit its 25.
    expect(statuses.slice(0, 25)).toEqual(Array(25).fill(401));
    expect(statuses.slice(25)).toEqual(Array(5).fill(429));
    const fromThere = await call(server, 'auth.signIn', { email: emails[0] ?? '', password }, '127.0.0.4');
    expect(fromThere.status).toBe(429);
    const fromElsewhere = await call(
      server,
      'auth.signIn',
      { email: emails[0] ?? '', password },
      '127.0.0.5',
    );
    expect(fromElsewhere.status).toBe(200);
  });

  it('a successful sign-in clears the email’s failures', async () => {
    const email = await account();
    const wrong = () => call(server, 'auth.signIn', { email, password: 'wrong password!' }, '127.0.0.6');
    for (let attempt = 0; attempt < 9; attempt += 1) expect((await wrong()).status).toBe(401);
    expect((await call(server, 'auth.signIn', { email, password }, '127.0.0.6')).status).toBe(200);
    // Without the reset the 11th attempt below would be refused.
    for (let attempt = 0; attempt < 9; attempt += 1) expect((await wrong()).status).toBe(401);
    expect((await call(server, 'auth.signIn', { email, password }, '127.0.0.6')).status).toBe(200);
  });

  it('counts in Postgres, shared by every server on the database: a second server sees the first one’s failures', async () => {
    const email = await account();
    const second = await start({
      rateLimits: { signInPerEmail: 10, signInPerAddress: 25, signUpPerAddress: 50 },
    });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const target = attempt % 2 === 0 ? server : second;
      expect(
        (await call(target, 'auth.signIn', { email, password: 'wrong password!' }, '127.0.0.7')).status,
      ).toBe(401);
    }
    expect((await call(second, 'auth.signIn', { email, password }, '127.0.0.8')).status).toBe(429);
    expect((await call(server, 'auth.signIn', { email, password }, '127.0.0.8')).status).toBe(429);
  });
});

describe('sign-up limits', () => {
  it('a sign-up flood from one address is refused past the limit; another address still signs up', async () => {
    const server = await start({ rateLimits: { signUpPerAddress: 5 } });
    const statuses: number[] = [];
    let refusal: RawResponse | null = null;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await call(server, 'auth.signUp', { email: uniqueEmail(), password }, '127.0.2.1');
      statuses.push(response.status);
      if (response.status === 429) refusal ??= response;
    }
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
    expect(refusal && errorCode(refusal)).toBe('TOO_MANY_REQUESTS');
    expect(Number(refusal?.headers['retry-after'])).toBeGreaterThan(3000);
    expect(refusal?.headers['set-cookie']).toBeUndefined();
    expect((await call(server, 'auth.signUp', { email: uniqueEmail(), password }, '127.0.2.2')).status).toBe(
      200,
    );
    await expectHealthy(server);
  });

  it('ignores X-Forwarded-For by default and uses its last entry only with trustProxy', async () => {
    const direct = await start({ rateLimits: { signUpPerAddress: 2 } });
    const spoofed = (n: number) => ({ 'x-forwarded-for': `10.0.0.${n}` });
    const directStatuses: number[] = [];
    for (let n = 0; n < 3; n += 1) {
      directStatuses.push(
        (await call(direct, 'auth.signUp', { email: uniqueEmail(), password }, '127.0.3.1', spoofed(n)))
          .status,
      );
    }
    // A client cannot escape the limit by inventing addresses.
    expect(directStatuses).toEqual([200, 200, 429]);

    const proxied = await start({ rateLimits: { signUpPerAddress: 2 }, trustProxy: true });
    const proxiedStatuses: number[] = [];
    for (let n = 0; n < 3; n += 1) {
      const headers = { 'x-forwarded-for': `203.0.113.9, 10.0.1.${n % 2 === 0 ? 1 : 2}` };
      proxiedStatuses.push(
        (await call(proxied, 'auth.signUp', { email: uniqueEmail(), password }, '127.0.3.2', headers)).status,
      );
    }
    // Keyed by the entry the proxy appended (10.0.1.1 twice, 10.0.1.2 once): all under 2.
    expect(proxiedStatuses).toEqual([200, 200, 200]);
  });
});

describe('password hashing under load', () => {
  it('a burst of sign-ins past the argon2 queue is refused with 429 and the server stays responsive', async () => {
    const server = await start({
      passwordWork: { concurrency: 1, maxQueued: 3 },
      rateLimits: { signInPerEmail: 1000, signInPerAddress: 1000 },
    });
    const burst = Array.from({ length: 24 }, (_, index) =>
      call(server, 'auth.signIn', { email: uniqueEmail(), password: 'whatever12' }, `127.0.4.${index + 1}`),
    );
    const started = Date.now();
    const health = await rawRequest({ port: server.port, path: '/healthz' });
    const healthMs = Date.now() - started;
    const responses = await Promise.all(burst);
    const counts = { 401: 0, 429: 0 } as Record<number, number>;
    for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(2_000);
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(24);
    expect(counts[401]).toBeGreaterThanOrEqual(1);
    expect(counts[429]).toBeGreaterThanOrEqual(1);
    const busy = responses.find((response) => response.status === 429);
    expect(busy?.body).toContain('busy');
  });
});

describe('app sign-in limits', () => {
  it('counts the app-origin sign-in codes a person mints; past the limit TOO_MANY_REQUESTS, others unaffected', async () => {
    const server = await start({ rateLimits: { appSignInsPerPerson: 3 } });
    const baseUrl = `http://127.0.0.1:${server.port}`;
    const [ada, bea] = [createTestClient(baseUrl), createTestClient(baseUrl)];
    await Promise.all([ada.signUp(), bea.signUp()]);
    const { app } = await ada.trpc.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
    const state = 'a'.repeat(43);
    const codes: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const outcome = await ada.trpc.auth.appOriginCode.mutate({ appId: app.id, state }).then(
        () => 'code',
        (error: { data?: { code?: string } }) => error.data?.code ?? 'error',
      );
      codes.push(outcome);
    }
    expect(codes).toEqual(['code', 'code', 'code', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect((await bea.trpc.auth.appOriginCode.mutate({ appId: app.id, state })).url).toContain('code=');
    await expectHealthy(server);
  });
});
