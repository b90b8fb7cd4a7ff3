import { bundleApp } from '@app/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.ts';
import { startServer } from '../src/server.ts';
import { createTestClient, testSessionSecret, uniqueEmail, useTestServer } from './harness.ts';
import { errorCode, type RawResponse, rawRequest, trpcPost } from './raw-http.ts';

const context = useTestServer();
const port = () => context.server.port;

async function expectHealthy(serverPort = port()): Promise<void> {
  const response = await rawRequest({ port: serverPort, path: '/healthz' });
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toMatchObject({ ok: true });
}

async function signedUpCookie(): Promise<string> {
  const client = createTestClient(context.baseUrl);
  await client.signUp();
  if (!client.cookie.value) throw new Error('no session cookie after sign-up');
  return client.cookie.value;
}

async function me(cookie: string, serverPort = port()): Promise<RawResponse> {
  return rawRequest({ port: serverPort, path: '/trpc/auth.me', headers: { cookie } });
}

describe('malformed URLs', () => {
  it.each(['/%E0%A4%A', '/%', '/trpc/auth.me%', '/trpc/%E0%A4%A', '/%00', '/healthz/%C0%AF'])(
    'answers 400 to %s and stays up',
    async (path) => {
      const response = await rawRequest({ port: port(), path });
      expect(response.status).toBe(400);
      await expectHealthy();
    },
  );

  it('answers 414 to an overlong path, and Node answers 431 past its header limit', async () => {
    expect((await rawRequest({ port: port(), path: `/${'a'.repeat(9_000)}` })).status).toBe(414);
    expect((await rawRequest({ port: port(), path: `/trpc/${'a,'.repeat(5_000)}` })).status).toBe(414);
    expect((await rawRequest({ port: port(), path: `/${'a'.repeat(20_000)}` })).status).toBe(431);
    await expectHealthy();
  });

  it('answers 400 to a target that is not a path', async () => {
    expect((await rawRequest({ port: port(), path: '*', method: 'OPTIONS' })).status).toBe(400);
    await expectHealthy();
  });
});

describe('session cookies', () => {
  it('reads a well-formed cookie as signed in (the control for the cases below)', async () => {
    const cookie = await signedUpCookie();
    const response = await me(cookie);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).result.data).toMatchObject({ user: { email: expect.any(String) } });
  });

  it.each([
    ['a bad escape', 'session=%E0%A4%A'],
    ['a lone %', 'session=%'],
    ['an empty value', 'session='],
    ['no value', 'session'],
    ['spaces', 'session=not a token'],
    ['5,000 characters', `session=${'x'.repeat(5_000)}`],
    ['quotes', 'session="quoted"; other=1'],
    ['stray separators', '=; ;; session=='],
  ])('treats a cookie with %s as signed out (200, null), never 500', async (_label, cookie) => {
    const response = await me(cookie);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).result.data).toBeNull();
  });

  it('treats two session cookies as signed out, even when one is valid', async () => {
    const valid = await signedUpCookie();
    const planted = `session=${'A'.repeat(43)}`;
    for (const header of [`${valid}; ${planted}`, `${planted}; ${valid}`, `${valid}; ${valid}`]) {
      const response = await me(header);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).result.data).toBeNull();
    }
    await expectHealthy();
  });

  it('a signed-out cookie on a protected call is UNAUTHORIZED (401), not a 500', async () => {
    const response = await rawRequest({
      port: port(),
      path: '/trpc/apps.list',
      headers: { cookie: 'session=%E0%A4%A' },
    });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('UNAUTHORIZED');
  });
});

describe('request size limits', () => {
  it('refuses an 8 MB body with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ email: uniqueEmail(), password: 'x'.repeat(8 * 1024 * 1024) });
    const response = await rawRequest({
      port: port(),
      method: 'POST',
      path: '/trpc/auth.signIn',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(errorCode(response)).toBe('PAYLOAD_TOO_LARGE');
    await expectHealthy();
  });

  it('accepts a body just under 1 MiB (then validation, not size, refuses it)', async () => {
    const response = await trpcPost(port(), 'auth.signIn', {
      email: uniqueEmail(),
      password: 'x'.repeat(1024 * 1024 - 200),
    });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_REQUEST');
  });

  it('refuses a 60-call batch with 400 and answers a 10-call batch', async () => {
    const calls = (count: number) => Array(count).fill('auth.me').join(',');
    const inputs = (count: number) =>
      encodeURIComponent(
        JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [i, null]))),
      );
    const tooMany = await rawRequest({
      port: port(),
      path: `/trpc/${calls(60)}?batch=1&input=${inputs(60)}`,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toContain('Batch call exceeds maximum size');
    const tooManyMutations = await rawRequest({
      port: port(),
      method: 'POST',
      path: `/trpc/${Array(60).fill('auth.signOut').join(',')}?batch=1`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(tooManyMutations.status).toBe(400);
    const ten = await rawRequest({ port: port(), path: `/trpc/${calls(10)}?batch=1&input=${inputs(10)}` });
    expect(ten.status).toBe(200);
    expect(JSON.parse(ten.body)).toHaveLength(10);
    await expectHealthy();
  });
});

describe('cross-site mutations', () => {
  let configured: RunningServer;
  beforeAll(async () => {
    // A server that knows its public origin (PUBLIC_URL), as in production and `pnpm dev`.
    configured = await startServer({
      db: context.database.db,
      connectionString: context.database.url,
      port: 0,
      sessionSecret: testSessionSecret,
      modelDescription: 'offline:builder',
      previewPort: 0,
      builderOrigin: 'https://builder.example.com',
      bundle: (files) => bundleApp(files),
    });
  });
  afterAll(async () => {
    await configured?.close();
  });

  const credentials = () => ({ email: uniqueEmail(), password: 'long enough password' });

  it('refuses a cross-origin multipart form post with 403 before reading it', async () => {
    const boundary = 'xxBOUNDARYxx';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="email"',
      '',
      uniqueEmail(),
      `--${boundary}`,
      'Content-Disposition: form-data; name="password"',
      '',
      'long enough password',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    for (const serverPort of [port(), configured.port]) {
      const response = await rawRequest({
        port: serverPort,
        method: 'POST',
        path: '/trpc/auth.signUp',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
        },
        body,
      });
      expect(response.status).toBe(403);
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.headers['set-cookie']).toBeUndefined();
      await expectHealthy(serverPort);
    }
  });

  it('refuses a cross-origin JSON mutation with 403 (by Origin, by Sec-Fetch-Site, or a null Origin)', async () => {
    const refusedHeaders: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://app1.builder.example.com' },
      { origin: 'null' },
    ];
    for (const headers of refusedHeaders) {
      const response = await trpcPost(configured.port, 'auth.signUp', credentials(), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    await expectHealthy(configured.port);
  });

  it('accepts a same-origin browser mutation and one from a client that sends no Origin', async () => {
    const browser = await trpcPost(configured.port, 'auth.signUp', credentials(), {
      origin: 'https://builder.example.com',
      'sec-fetch-site': 'same-origin',
    });
    expect(browser.status).toBe(200);
    const node = await trpcPost(configured.port, 'auth.signUp', credentials());
    expect(node.status).toBe(200);
    // Without PUBLIC_URL, the request's own Host is the origin a same-origin page sends.
    const sameHost = await trpcPost(port(), 'auth.signUp', credentials(), {
      origin: `http://127.0.0.1:${port()}`,
    });
    expect(sameHost.status).toBe(200);
  });

  it('refuses same-origin mutations that are not application/json with 415', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'application/octet-stream', 'text/plain']) {
      const response = await rawRequest({
        port: configured.port,
        method: 'POST',
        path: '/trpc/auth.signOut',
        headers: { 'content-type': type, origin: 'https://builder.example.com' },
        body: '--x--\r\n',
      });
      expect(response.status, type).toBe(415);
    }
    await expectHealthy(configured.port);
  });

  it('lets cross-origin queries through unchanged (they change nothing, and CORS hides the answer)', async () => {
    const response = await rawRequest({
      port: configured.port,
      path: '/trpc/auth.me',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('__Host- cookie over https', () => {
  let secure: RunningServer;
  beforeAll(async () => {
    secure = await startServer({
      db: context.database.db,
      connectionString: context.database.url,
      port: 0,
      sessionSecret: testSessionSecret,
      secureCookies: true,
      modelDescription: 'offline:builder',
      previewPort: 0,
      builderOrigin: 'https://builder.example.com',
      bundle: (files) => bundleApp(files),
    });
  });
  afterAll(async () => {
    await secure?.close();
  });

  it('sets __Host-session (Secure, Path=/, no Domain) and reads only that name', async () => {
    const response = await trpcPost(secure.port, 'auth.signUp', {
      email: uniqueEmail(),
      password: 'long enough password',
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(
      /^__Host-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/,
    );
    expect(setCookie).not.toMatch(/domain=/i);
    const token = setCookie.split(';')[0]?.split('=')[1] ?? '';
    const signedIn = await me(`__Host-session=${token}`, secure.port);
    expect(JSON.parse(signedIn.body).result.data).toMatchObject({ user: { id: expect.any(String) } });
    // The plain name (what a non-secure page could plant) is not read here.
    const plain = await me(`session=${token}`, secure.port);
    expect(JSON.parse(plain.body).result.data).toBeNull();
    const duplicated = await me(`__Host-session=${token}; __Host-session=${token}`, secure.port);
    expect(JSON.parse(duplicated.body).result.data).toBeNull();
  });
});
