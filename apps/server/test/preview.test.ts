import http from 'node:http';
import { appKeyFor, bundleApp, createPreviewToken, previewTokenLifetimeMs, previewUrlFor } from '@app/core';
import { insertVersion } from '@app/db';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewServer } from '../src/preview/preview-server.ts';
import { builderOrigins } from '../src/server.ts';
import {
  createTestClient,
  expectTRPCError,
  testSessionSecret,
  uniqueEmail,
  useTestServer,
} from './harness.ts';

const context = useTestServer();

// The browser globals the page functions below touch: this package type-checks for Node, and the
// DOM library would leak `document` and friends into server code.
declare const document: {
  cookie: string;
  body: { append(node: unknown): void };
  createElement(tag: 'iframe'): {
    setAttribute(name: string, value: string): void;
    src: string;
    onload: (() => void) | null;
  };
};
declare const localStorage: {
  length: number;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
};
declare const Storage: abstract new () => unknown;
declare const window: {
  origin: string;
  parent: { document: { cookie: string } };
  top: { location: { assign(url: string): void } } | null;
};

const files = [
  {
    path: 'src/App.tsx',
    content: `import './styles.css';\nexport default function App() {\n  return <h1 className="title">Hello from the preview</h1>;\n}\n`,
  },
  { path: 'src/styles.css', content: '.title { color: rebeccapurple; }\n' },
];

const password = 'correct horse battery';

async function appWithVersion() {
  const client = createTestClient(context.baseUrl);
  const email = uniqueEmail();
  await client.signUp(email, password);
  const { app, job } = await client.trpc.apps.create.mutate({ prompt: 'A greeting page' });
  await client.trpc.jobs.cancel.mutate({ jobId: job.id });
  const version = await insertVersion(context.database.db, {
    appId: app.id,
    request: 'A greeting page',
    files,
    ledger: [],
    plan: [],
  });
  return { client, email, app, versionId: version.id };
}

/**
 * A GET to the apps origin with any Host: glibc here does not resolve `<key>.localhost`
 * (docs/architecture.md#localhost-subdomains), so Node connects to loopback and names the host itself, as a browser would.
 */
function requestPreview(
  port: number,
  host: string,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
  });
}

const appHost = (appId: string) => `${appKeyFor(appId)}.localhost:${context.server.previewPort}`;

describe('versions and the apps origin', () => {
  it("serves the bundled app on its app's own origin with a signed link", async () => {
    const { client, app, versionId } = await appWithVersion();
    const version = await client.trpc.versions.get.query({ versionId });
    expect(version.files.map((file) => file.path)).toEqual(['src/App.tsx', 'src/styles.css']);
    const previewUrl = new URL(version.previewUrl);
    expect(previewUrl.origin).toBe(`http://${appKeyFor(app.id)}.localhost:${context.server.previewPort}`);
    expect(previewUrl.pathname).toBe(`/v/${versionId}/`);
    expect(previewUrl.searchParams.get('token')).toBeTruthy();

    const response = await requestPreview(
      context.server.previewPort,
      previewUrl.host,
      `${previewUrl.pathname}${previewUrl.search}`,
    );
    expect(response.status).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain('frame-ancestors');
    expect(response.body).toContain('<div id="root"></div>');
    expect(response.body).toContain('Hello from the preview');
    expect(response.body).toContain('rebeccapurple');
    // React comes bundled from the project, never from a CDN.
    expect(response.body).not.toMatch(/<script[^>]+src=/);
  });

  it('refuses a missing, forged, expired or other-version token', async () => {
    const { app, versionId } = await appWithVersion();
    const { versionId: otherVersionId } = await appWithVersion();
    const get = async (query: string) =>
      (await requestPreview(context.server.previewPort, appHost(app.id), `/v/${versionId}/${query}`)).status;
    expect(await get('')).toBe(401);
    const valid = createPreviewToken(versionId, testSessionSecret);
    const forged = `${valid.split('.')[0]}.${'x'.repeat(43)}`;
    expect(await get(`?token=${forged}`)).toBe(403);
    const expired = createPreviewToken(
      versionId,
      testSessionSecret,
      Date.now() - previewTokenLifetimeMs - 1000,
    );
    expect(await get(`?token=${expired}`)).toBe(403);
    expect(await get(`?token=${createPreviewToken(otherVersionId, testSessionSecret)}`)).toBe(403);
    const signedElsewhere = createPreviewToken(versionId, 'another-secret-another-secret-another');
    expect(await get(`?token=${signedElsewhere}`)).toBe(403);
    expect(await get(`?token=${valid}`)).toBe(200);
  });

  it("serves a version only on its own app's host: another app's host, the bare host or a foreign one is a 404", async () => {
    const { app, versionId } = await appWithVersion();
    const { app: otherApp } = await appWithVersion();
    const path = `/v/${versionId}/?token=${createPreviewToken(versionId, testSessionSecret)}`;
    const statusOn = async (host: string) =>
      (await requestPreview(context.server.previewPort, host, path)).status;
    expect(await statusOn(appHost(app.id))).toBe(200);
    // A valid token, but on the other app's origin it would run with that app's storage.
    expect(await statusOn(appHost(otherApp.id))).toBe(404);
    const port = context.server.previewPort;
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `${appKeyFor(app.id)}.evil.example:${port}`,
      `x.${appKeyFor(app.id)}.localhost:${port}`,
      `${'0'.repeat(32)}.localhost:${port}`,
    ]) {
      expect(await statusOn(host), host).toBe(404);
    }
  });

  it('does not serve the builder API on the apps origin', async () => {
    const { app } = await appWithVersion();
    for (const host of [appHost(app.id), `localhost:${context.server.previewPort}`]) {
      expect((await requestPreview(context.server.previewPort, host, '/trpc/auth.me')).status).toBe(404);
    }
  });

  it("restores a version as a new one and hides other users' versions", async () => {
    const { client, versionId } = await appWithVersion();
    const { version } = await client.trpc.versions.restore.mutate({ versionId });
    expect(version.number).toBe(2);
    expect(version.id).not.toBe(versionId);
    expect(version.files).toEqual((await client.trpc.versions.get.query({ versionId })).files);

    const intruder = createTestClient(context.baseUrl);
    await intruder.signUp();
    expect((await expectTRPCError(intruder.trpc.versions.get.query({ versionId }))).code).toBe('NOT_FOUND');
    expect((await expectTRPCError(intruder.trpc.versions.restore.mutate({ versionId }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('starts a change on the latest version, one active job per app', async () => {
    const { client, app } = await appWithVersion();
    const { job } = await client.trpc.apps.requestChange.mutate({ appId: app.id, prompt: 'Add CSV export' });
    expect(job).toMatchObject({ kind: 'change', status: 'questioning', request: 'Add CSV export' });
    const second = await expectTRPCError(
      client.trpc.apps.requestChange.mutate({ appId: app.id, prompt: 'Dark mode' }),
    );
    expect(second.code).toBe('CONFLICT');
    expect((await client.trpc.apps.get.query({ appId: app.id })).activeJobId).toBe(job.id);
  });
});

/**
 * The attribute preview-panel.tsx puts on the preview iframe (the SPA may import nothing from the
 * server, so it is spelled here too): what it allows must work, what it leaves out must not.
 */
const previewSandbox = 'allow-scripts allow-forms allow-same-origin allow-modals allow-downloads';

describe('the apps origin in a real browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The builder as a person reaches it in development: `localhost`, not an IP. */
  const builderUrl = () => `http://localhost:${context.server.port}`;

  async function signedInPage(email: string) {
    const browserContext = await browser.newContext();
    const page = await browserContext.newPage();
    await page.goto(`${builderUrl()}/healthz`);
    const status = await page.evaluate(
      async (credentials) =>
        (
          await fetch('/trpc/auth.signIn', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(credentials),
          })
        ).status,
      { email, password },
    );
    expect(status).toBe(200);
    const sessionCookies = await browserContext.cookies(builderUrl());
    expect(sessionCookies.map((cookie) => cookie.name)).toEqual(['session']);
    return { browserContext, page, session: sessionCookies[0]?.value };
  }

  it("never sends the builder's session cookie to a preview", async () => {
    const { email, app, versionId } = await appWithVersion();
    // An apps origin of our own, the same server code, to see exactly which headers arrive.
    const preview = createPreviewServer({
      db: context.database.db,
      sessionSecret: testSessionSecret,
      previewHostname: 'localhost',
      builderOrigins: builderOrigins(builderUrl()),
      bundle: (appFiles) => bundleApp(appFiles),
    });
    const cookieHeaders: (string | undefined)[] = [];
    preview.server.prependListener('request', (req: http.IncomingMessage) =>
      cookieHeaders.push(req.headers.cookie),
    );
    const previewPort = await preview.listen(0);
    const { browserContext, page } = await signedInPage(email);
    try {
      const url = previewUrlFor(`http://localhost:${previewPort}`, app.id, versionId, testSessionSecret);
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await page.getByText('Hello from the preview').waitFor();
      expect(cookieHeaders).toEqual([undefined]);
      expect(await page.evaluate(() => document.cookie)).toBe('');
      expect(await browserContext.cookies(new URL(url).origin)).toEqual([]);
    } finally {
      await browserContext.close();
      await preview.close();
    }
  });

  it('keeps a cookie a preview plants away from the builder', async () => {
    const { client, email, app, versionId } = await appWithVersion();
    const { browserContext, page, session } = await signedInPage(email);
    try {
      const { previewUrl } = await client.trpc.versions.get.query({ versionId });
      expect((await page.goto(previewUrl))?.status()).toBe(200);
      // What a generated app can do from its own origin: a host cookie, one for the parent domain,
      // and one forging the builder's session name.
      await page.evaluate(() => {
        // biome-ignore-start lint/suspicious/noDocumentCookie: planting cookies is what is under test
        document.cookie = 'planted=1; path=/';
        document.cookie = 'planted_parent=1; domain=localhost; path=/';
        document.cookie = 'session=forged; domain=localhost; path=/';
        // biome-ignore-end lint/suspicious/noDocumentCookie: planting cookies is what is under test
      });
      const appOrigin = `http://${appHost(app.id)}`;
      // The plant worked, on the app's own host only.
      expect((await browserContext.cookies(appOrigin)).map((cookie) => cookie.name)).toEqual(['planted']);
      expect(await browserContext.cookies(builderUrl())).toEqual([
        expect.objectContaining({ name: 'session', value: session, httpOnly: true }),
      ]);
      // And the builder still sees exactly its own session: the person is still signed in.
      await page.goto(`${builderUrl()}/healthz`);
      expect(await page.evaluate(() => document.cookie)).toBe('');
      const me = await page.evaluate(async () => (await fetch('/trpc/auth.me')).json());
      expect(me).toMatchObject({ result: { data: { user: { email } } } });
    } finally {
      await browserContext.close();
    }
  });

  it("keeps two apps' storage apart, each app keeping its own", async () => {
    const first = await appWithVersion();
    const second = await appWithVersion();
    const browserContext = await browser.newContext();
    try {
      const page = await browserContext.newPage();
      const firstUrl = (await first.client.trpc.versions.get.query({ versionId: first.versionId }))
        .previewUrl;
      const secondUrl = (await second.client.trpc.versions.get.query({ versionId: second.versionId }))
        .previewUrl;
      await page.goto(firstUrl);
      await page.evaluate(() => localStorage.setItem('records', 'first app data'));
      await page.goto(secondUrl);
      expect(await page.evaluate(() => [localStorage.length, localStorage.getItem('records')])).toEqual([
        0,
        null,
      ]);
      await page.evaluate(() => localStorage.setItem('records', 'second app data'));
      await page.goto(firstUrl);
      // Opened on its own, the app has its origin's real, lasting storage.
      expect(
        await page.evaluate(() => [localStorage instanceof Storage, localStorage.getItem('records')]),
      ).toEqual([true, 'first app data']);
    } finally {
      await browserContext.close();
    }
  });

  // Framed, the app is a third party: this Chromium blocks third-party storage, so the page's
  // in-memory stand-in is what keeps the app from crashing on its first `localStorage` call.
  it('runs framed by the builder with the panel’s sandbox: storage that works, no way to the top page', async () => {
    const { client, app, versionId } = await appWithVersion();
    const browserContext = await browser.newContext();
    try {
      const page = await browserContext.newPage();
      await page.goto(`${builderUrl()}/healthz`);
      const { previewUrl } = await client.trpc.versions.get.query({ versionId });
      await page.evaluate(
        ({ src, sandbox }) =>
          new Promise<void>((resolve) => {
            const frame = document.createElement('iframe');
            frame.setAttribute('sandbox', sandbox);
            frame.src = src;
            frame.onload = () => resolve();
            document.body.append(frame);
          }),
        { src: previewUrl, sandbox: previewSandbox },
      );
      const frame = page
        .frames()
        .find((candidate) => candidate.url().startsWith(`http://${appHost(app.id)}`));
      if (!frame) throw new Error('the preview frame did not load');
      await frame.getByText('Hello from the preview').waitFor();
      const inside = await frame.evaluate(() => {
        localStorage.setItem('records', 'kept');
        let parentReadable = true;
        try {
          void window.parent.document.cookie;
        } catch {
          parentReadable = false;
        }
        try {
          window.top?.location.assign('http://localhost:1/phished');
        } catch {}
        return { origin: window.origin, stored: localStorage.getItem('records'), parentReadable };
      });
      expect(inside).toEqual({ origin: `http://${appHost(app.id)}`, stored: 'kept', parentReadable: false });
      await page.waitForTimeout(200);
      expect(page.url()).toBe(`${builderUrl()}/healthz`);
    } finally {
      await browserContext.close();
    }
  });
});
