import type { IncomingMessage } from 'node:http';
import { appKeyFor, bundleApp, createPreviewToken, previewTokenLifetimeMs, previewUrlFor } from '@app/core';
import { insertVersion } from '@app/db';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classBookings } from '../../../packages/core/src/compiler/fixtures/blueprints.ts';
import { createPreviewServer } from '../src/preview/preview-server.ts';
import { builderOrigins } from '../src/server.ts';
import { appsOrigin } from './apps-origin.ts';
import {
  createTestClient,
  expectTRPCError,
  signUpPerson,
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

const { hostOf: appHost, request: requestPreview, signInOnOrigin } = appsOrigin(context);

describe('versions and the apps origin', () => {
  it("serves the bundled app on its app's own origin with a signed link", async () => {
    const { client, app, versionId } = await appWithVersion();
    const version = await client.trpc.versions.get.query({ versionId });
    expect(version.files.map((file) => file.path)).toEqual(['src/App.tsx', 'src/styles.css']);
    const previewUrl = new URL(version.previewUrl);
    expect(previewUrl.origin).toBe(`http://${appKeyFor(app.id)}.localhost:${context.server.previewPort}`);
    expect(previewUrl.pathname).toBe(`/v/${versionId}/`);
    expect(previewUrl.searchParams.get('token')).toBeTruthy();

    const response = await requestPreview(previewUrl.host, `${previewUrl.pathname}${previewUrl.search}`);
    expect(response.status).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("connect-src 'self'");
    // An opaque origin: no allow-same-origin (a draft must never act as the app's host).
    expect(csp).toContain('sandbox allow-scripts allow-forms allow-modals allow-downloads');
    expect(csp).not.toContain('allow-same-origin');
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
      (await requestPreview(appHost(app.id), `/v/${versionId}/${query}`)).status;
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
    const statusOn = async (host: string) => (await requestPreview(host, path)).status;
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
      expect((await requestPreview(host, '/trpc/auth.me')).status).toBe(404);
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
const previewSandbox = 'allow-scripts allow-forms allow-modals allow-downloads';

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
    preview.server.prependListener('request', (req: IncomingMessage) =>
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
      // The preview runs on an opaque origin: it has no cookies of any host to read.
      const inside = await page.evaluate(() => {
        try {
          return [window.origin, document.cookie];
        } catch {
          return [window.origin, 'refused'];
        }
      });
      expect(inside).toEqual(['null', 'refused']);
      expect(await browserContext.cookies(new URL(url).origin)).toEqual([]);
    } finally {
      await browserContext.close();
      await preview.close();
    }
  });

  it('lets a preview plant no cookie, on its host or the builder’s; the builder keeps its session', async () => {
    const { client, email, app, versionId } = await appWithVersion();
    const { browserContext, page, session } = await signedInPage(email);
    try {
      const { previewUrl } = await client.trpc.versions.get.query({ versionId });
      expect((await page.goto(previewUrl))?.status()).toBe(200);
      // What a generated app would try: a host cookie, one for the parent domain, and one forging
      // the builder's session name. From an opaque origin every one of them throws.
      const planted = await page.evaluate(() =>
        [
          'planted=1; path=/',
          'planted_parent=1; domain=localhost; path=/',
          'session=forged; domain=localhost; path=/',
        ].map((cookie) => {
          try {
            document.cookie = cookie;
            return 'planted';
          } catch {
            return 'refused';
          }
        }),
      );
      expect(planted).toEqual(['refused', 'refused', 'refused']);
      expect(await browserContext.cookies(`http://${appHost(app.id)}`)).toEqual([]);
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

  it('gives a preview storage of its page only: gone on the next page, nothing of another app', async () => {
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
      // The page's in-memory stand-in (the real Storage throws on an opaque origin): the app works.
      expect(
        await page.evaluate(() => {
          localStorage.setItem('records', 'first app data');
          return [localStorage instanceof Storage, localStorage.getItem('records')];
        }),
      ).toEqual([false, 'first app data']);
      await page.goto(secondUrl);
      expect(await page.evaluate(() => [localStorage.length, localStorage.getItem('records')])).toEqual([
        0,
        null,
      ]);
      await page.goto(firstUrl);
      expect(await page.evaluate(() => localStorage.getItem('records'))).toBeNull();
    } finally {
      await browserContext.close();
    }
  });

  // Framed, the app is a third party on an opaque origin: the page's in-memory stand-in is what
  // keeps it from crashing on its first `localStorage` call.
  it('runs framed by the builder with the panel’s sandbox: storage that works, no way to the top page', async () => {
    const { client, versionId } = await appWithVersion();
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
      const frame = page.frames().find((candidate) => candidate.url().startsWith(new URL(previewUrl).origin));
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
      expect(inside).toEqual({ origin: 'null', stored: 'kept', parentReadable: false });
      await page.waitForTimeout(200);
      expect(page.url()).toBe(`${builderUrl()}/healthz`);
    } finally {
      await browserContext.close();
    }
  });

  it('keeps a draft preview away from the live data of the published app on its host, even for a signed-in member', async () => {
    const owner = await signUpPerson(context.baseUrl);
    const { app, job } = await owner.client.trpc.apps.create.mutate({ prompt: 'Classes', name: 'Studio' });
    await owner.client.trpc.jobs.cancel.mutate({ jobId: job.id });
    const version = (request: string) =>
      insertVersion(context.database.db, {
        appId: app.id,
        request,
        files,
        ledger: [],
        plan: [],
        blueprint: classBookings,
      });
    const published = await version('Classes');
    await owner.client.trpc.versions.publish.mutate({ versionId: published.id });
    const draft = await version('A draft');
    const host = appHost(app.id);
    const cookie = await signInOnOrigin(owner, app.id);
    const liveRecords = async () =>
      ((await requestPreview(host, '/api/v1/class', { headers: { cookie } })).json().records as unknown[])
        .length;
    const created = await requestPreview(host, '/api/v1/class', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-app-request': '1' },
      body: JSON.stringify({
        values: { 'class-name': 'Live class', 'class-starts': '2025-03-01', 'class-seats': 5 },
      }),
    });
    expect(created.status).toBe(201);

    // The member's browser: signed in on the app's host (its session cookie, as the round trip sets it).
    const browserContext = await browser.newContext();
    try {
      const [name, value] = cookie.split('=') as [string, string];
      await browserContext.addCookies([
        { name, value, url: `http://${host}`, httpOnly: true, sameSite: 'Lax' },
      ]);
      const page = await browserContext.newPage();
      // The published app on that host reads the live records: the session works from its own origin.
      await page.goto(`http://${host}/`);
      const fromPublished = await page.evaluate(async () => {
        const response = await fetch('/api/v1/class');
        return {
          status: response.status,
          count: ((await response.json()) as { records: unknown[] }).records.length,
        };
      });
      expect(fromPublished).toEqual({ status: 200, count: 1 });

      const { previewUrl } = await owner.client.trpc.versions.get.query({ versionId: draft.id });
      expect(new URL(previewUrl).host).toBe(host);
      await page.goto(previewUrl);
      await page.getByText('Hello from the preview').waitFor();
      const token = new URL(previewUrl).searchParams.get('token') ?? '';
      const fromDraft = await page.evaluate(
        async ({ draftId, token }) => {
          const outcome = async (request: Promise<Response>) => {
            try {
              const response = await request;
              return response.type === 'opaque' ? 'sent blind' : String(response.status);
            } catch {
              return 'blocked';
            }
          };
          const write = { 'content-type': 'application/json', 'x-app-request': '1' };
          const values = JSON.stringify({
            values: { 'class-name': 'From the draft', 'class-starts': '2025-03-02', 'class-seats': 3 },
          });
          return {
            liveRead: await outcome(fetch('/api/v1/class', { credentials: 'include' })),
            liveWrite: await outcome(
              fetch('/api/v1/class', {
                method: 'POST',
                credentials: 'include',
                headers: write,
                body: values,
              }),
            ),
            // A simple request needs no preflight; it goes out, and the API refuses it.
            liveBlindWrite: await outcome(
              fetch('/api/v1/class', {
                method: 'POST',
                mode: 'no-cors',
                credentials: 'include',
                body: values,
              }),
            ),
            ownRead: await outcome(
              fetch(`/v/${draftId}/api/v1/class`, { headers: { 'x-preview-token': token } }),
            ),
            ownWrite: await outcome(
              fetch(`/v/${draftId}/api/v1/class`, {
                method: 'POST',
                headers: { ...write, 'x-preview-token': token },
                body: values,
              }),
            ),
          };
        },
        { draftId: draft.id, token },
      );
      expect(fromDraft).toEqual({
        liveRead: 'blocked',
        liveWrite: 'blocked',
        liveBlindWrite: 'sent blind',
        ownRead: '200',
        ownWrite: '201',
      });
      // Live data is exactly what the member wrote: nothing from the draft.
      expect(await liveRecords()).toBe(1);
    } finally {
      await browserContext.close();
    }
  });
});
