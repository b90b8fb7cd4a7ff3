import { createPreviewToken } from '@app/core';
import { insertVersion } from '@app/db';
import { describe, expect, it } from 'vitest';
import { classBookings } from '../../../packages/core/src/compiler/fixtures/blueprints.ts';
import {
  createHttpAdapter,
  StaleRecordError,
} from '../../../packages/core/src/compiler/template/src/data/http-adapter.ts';
import { createPreviewServer } from '../src/preview/preview-server.ts';
import { builderOrigins } from '../src/server.ts';
import { appsOrigin, teamWithApp } from './apps-origin.ts';
import { signUpPerson, testSessionSecret, useTestServer } from './harness.ts';

const context = useTestServer();

const person = () => signUpPerson(context.baseUrl);

/** A team: owner and viewer (and an outsider); an app published at v1 built from the class-bookings blueprint. */
async function publishedTeamApp() {
  const team = await teamWithApp(person, { workspace: 'Studio', app: 'Studio', prompt: 'Classes' });
  const outsider = await person();
  const files = [
    { path: 'src/App.tsx', content: 'export default function App() {\n  return <h1>Studio</h1>;\n}\n' },
  ];
  const v1 = await insertVersion(context.database.db, {
    appId: team.app.id,
    request: 'Classes',
    files,
    ledger: [],
    plan: [],
    blueprint: classBookings,
  });
  await team.owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
  return { ...team, outsider, v1 };
}

const { hostOf, request, signInOnOrigin } = appsOrigin(context);
const writeHeaders = { 'content-type': 'application/json', 'x-app-request': '1' };

/** The template's own HTTP adapter, its fetch carried to 127.0.0.1 with the app's Host. */
function adapterFor(appId: string, cookie: string, api = '/api/v1', previewToken: string | null = null) {
  const host = hostOf(appId);
  const viaHost: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const reply = await request(host, `${url.pathname}${url.search}`, {
      method: init?.method ?? 'GET',
      headers: { ...headers, cookie, origin: `http://${host}` },
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    });
    return new Response(reply.status === 204 ? null : reply.body, { status: reply.status });
  };
  return createHttpAdapter({ api, previewToken, origin: `http://${host}`, fetch: viaHost });
}

describe('the data API on the apps origin', () => {
  it('two members share live records through the app’s own adapter; a stale edit is a conflict', async () => {
    const { owner, viewer, app } = await publishedTeamApp();
    const ownerApp = adapterFor(app.id, await signInOnOrigin(owner, app.id));
    const viewerApp = adapterFor(app.id, await signInOnOrigin(viewer, app.id));
    expect(await ownerApp.list('class')).toEqual([]);
    const created = await ownerApp.create('class', {
      'class-name': 'Yoga',
      'class-starts': '2025-03-01T09:00',
      'class-seats': 10,
    });
    // The viewer (any member may use the app) sees it on "refresh" and edits it.
    const seen = await viewerApp.list('class');
    expect(seen.map((record) => record.values['class-name'])).toEqual(['Yoga']);
    await viewerApp.update('class', created.id, { ...created.values, 'class-seats': 12 });
    // The owner's copy is now stale: the edit is refused with the reload message, nothing lost.
    const stale = await ownerApp
      .update('class', created.id, { ...created.values, 'class-seats': 99 })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleRecordError);
    expect((stale as Error).message).toMatch(/Reload the page/);
    expect((await ownerApp.list('class'))[0]?.values['class-seats']).toBe(12);
    // A booking referencing the class; a bogus reference names the field.
    await viewerApp.create('booking', { 'booking-member': 'Ana', 'booking-class': created.id });
    const refused = await viewerApp
      .create('booking', { 'booking-member': 'Bo', 'booking-class': crypto.randomUUID() })
      .catch((e: unknown) => e);
    expect((refused as Error).message).toBe('Class must be one of the Classes in this app');
    await ownerApp.remove('booking', (await ownerApp.list('booking'))[0]?.id ?? '');
    expect(await viewerApp.list('booking')).toEqual([]);
  });

  it('answers 401 signed out, 404 to a non-member and for unknown things, 400 naming the field', async () => {
    const { owner, viewer, app, workspace } = await publishedTeamApp();
    const host = hostOf(app.id);
    const anonymous = await request(host, '/api/v1/class');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json().error?.code).toBe('unauthorized');
    // A member signed in here, then removed from the workspace: their session opens nothing now.
    const viewerCookie = await signInOnOrigin(viewer, app.id);
    expect((await request(host, '/api/v1/class', { headers: { cookie: viewerCookie } })).status).toBe(200);
    await owner.client.trpc.workspaces.removeMember.mutate({ workspaceId: workspace.id, userId: viewer.id });
    const removed = await request(host, '/api/v1/class', { headers: { cookie: viewerCookie } });
    expect(removed.status).toBe(404);
    expect(removed.json().error?.code).toBe('not_found');
    const cookie = await signInOnOrigin(owner, app.id);
    expect((await request(host, '/api/v1/nothing', { headers: { cookie } })).status).toBe(404);
    expect(
      (await request(host, `/api/v1/class/${crypto.randomUUID()}`, { headers: { cookie } })).status,
    ).toBe(404);
    const invalid = await request(host, '/api/v1/class', {
      method: 'POST',
      headers: { ...writeHeaders, cookie },
      body: JSON.stringify({
        values: { 'class-name': 'Pilates', 'class-starts': 'next week', 'class-seats': 5 },
      }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json().error).toMatchObject({
      code: 'validation',
      field: 'class-starts',
      message: 'Starts must be a date',
    });
    const notJson = await request(host, '/api/v1/class', {
      method: 'POST',
      headers: { ...writeHeaders, cookie },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const huge = await request(host, '/api/v1/class', {
      method: 'POST',
      headers: { ...writeHeaders, cookie },
      body: JSON.stringify({ values: { 'class-name': 'x'.repeat(300_000) } }),
    });
    expect(huge.status).toBe(413);
    // Streamed without a length, the cap is found mid-body: still a 413, not a reset connection.
    const streamed = await request(host, '/api/v1/class', {
      method: 'POST',
      headers: { ...writeHeaders, cookie },
      body: JSON.stringify({ values: { 'class-name': 'x'.repeat(300_000) } }),
      chunked: true,
    });
    expect(streamed.status).toBe(413);
    // Another app's session cookie is no session here.
    const other = await publishedTeamApp();
    expect((await request(hostOf(other.app.id), '/api/v1/class', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses cross-site writes: no custom header, a form’s content type, a foreign Origin', async () => {
    const { owner, app } = await publishedTeamApp();
    const host = hostOf(app.id);
    const cookie = await signInOnOrigin(owner, app.id);
    const body = JSON.stringify({
      values: { 'class-name': 'Spin', 'class-starts': '2025-03-01', 'class-seats': 5 },
    });
    const attempts: { headers: Record<string, string> }[] = [
      { headers: { 'content-type': 'application/json', cookie } },
      { headers: { 'content-type': 'text/plain', 'x-app-request': '1', cookie } },
      { headers: { ...writeHeaders, cookie, origin: 'https://evil.example' } },
      { headers: { ...writeHeaders, cookie, origin: `http://${hostOf(crypto.randomUUID())}` } },
      { headers: { ...writeHeaders, cookie, 'sec-fetch-site': 'cross-site' } },
    ];
    for (const attempt of attempts) {
      const reply = await request(host, '/api/v1/class', { method: 'POST', body, ...attempt });
      expect([403, 415], JSON.stringify(attempt.headers)).toContain(reply.status);
    }
    const listed = await request(host, '/api/v1/class', { headers: { cookie } });
    expect(listed.json().records).toEqual([]);
    const ok = await request(host, '/api/v1/class', {
      method: 'POST',
      body,
      headers: { ...writeHeaders, cookie, origin: `http://${host}` },
    });
    expect(ok.status).toBe(201);
  });

  it('answers CORS for a preview’s own API (its opaque origin, its token) and never for live data', async () => {
    const { owner, app, v1 } = await publishedTeamApp();
    const host = hostOf(app.id);
    const cookie = await signInOnOrigin(owner, app.id);
    const preflight = (path: string) =>
      request(host, path, {
        method: 'OPTIONS',
        headers: {
          origin: 'null',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-app-request,x-preview-token',
        },
      });
    const previewPreflight = await preflight(`/v/${v1.id}/api/v1/class`);
    expect(previewPreflight.status).toBe(204);
    expect(previewPreflight.headers['access-control-allow-origin']).toBe('*');
    expect(previewPreflight.headers['access-control-allow-headers']).toContain('x-preview-token');
    expect(previewPreflight.headers['access-control-allow-credentials']).toBeUndefined();
    const livePreflight = await preflight('/api/v1/class');
    expect(livePreflight.status).toBe(405);
    expect(livePreflight.headers['access-control-allow-origin']).toBeUndefined();

    const body = JSON.stringify({
      values: { 'class-name': 'Spin', 'class-starts': '2025-03-01', 'class-seats': 5 },
    });
    const fromOpaque = { ...writeHeaders, origin: 'null', 'sec-fetch-site': 'cross-site' };
    const token = createPreviewToken(v1.id, testSessionSecret);
    const previewWrite = await request(host, `/v/${v1.id}/api/v1/class`, {
      method: 'POST',
      body,
      headers: { ...fromOpaque, 'x-preview-token': token },
    });
    expect(previewWrite.status).toBe(201);
    expect(previewWrite.headers['access-control-allow-origin']).toBe('*');
    // Without its token the preview's API is shut, CORS or not; the live API refuses that origin.
    expect(
      (await request(host, `/v/${v1.id}/api/v1/class`, { method: 'POST', body, headers: fromOpaque })).status,
    ).toBe(401);
    const liveWrite = await request(host, '/api/v1/class', {
      method: 'POST',
      body,
      headers: { ...fromOpaque, cookie },
    });
    expect(liveWrite.status).toBe(403);
    expect(liveWrite.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(host, '/api/v1/class', { headers: { cookie } })).json().records).toEqual([]);
  });

  it('previews: the token opens the version’s own seeded dataset, never live data', async () => {
    const { owner, app, v1 } = await publishedTeamApp();
    const host = hostOf(app.id);
    const cookie = await signInOnOrigin(owner, app.id);
    const live = await request(host, '/api/v1/class', {
      method: 'POST',
      headers: { ...writeHeaders, cookie },
      body: JSON.stringify({
        values: { 'class-name': 'Live only', 'class-starts': '2025-03-01', 'class-seats': 5 },
      }),
    });
    expect(live.status).toBe(201);
    const v2 = await insertVersion(context.database.db, {
      appId: app.id,
      request: 'again',
      files: [],
      ledger: [],
      plan: [],
      blueprint: classBookings,
    });
    const token = createPreviewToken(v1.id, testSessionSecret);
    expect((await request(host, `/v/${v1.id}/api/v1/class`)).status).toBe(401);
    expect(
      (
        await request(host, `/v/${v1.id}/api/v1/class`, {
          headers: { 'x-preview-token': createPreviewToken(v2.id, testSessionSecret) },
        })
      ).status,
    ).toBe(403);
    const preview = adapterFor(app.id, '', `/v/${v1.id}/api/v1`, token);
    const sample = await preview.list('class');
    expect(sample.length).toBeGreaterThanOrEqual(5);
    expect(sample.map((r) => r.values['class-name'])).not.toContain('Live only');
    await preview.create('class', {
      'class-name': 'Preview only',
      'class-starts': '2025-03-02',
      'class-seats': 3,
    });
    const liveAfter = await request(host, '/api/v1/class', { headers: { cookie } });
    expect(
      (liveAfter.json().records as { values: Record<string, unknown> }[]).map((r) => r.values['class-name']),
    ).toEqual(['Live only']);
    const otherPreview = adapterFor(
      app.id,
      '',
      `/v/${v2.id}/api/v1`,
      createPreviewToken(v2.id, testSessionSecret),
    );
    expect((await otherPreview.list('class')).map((r) => r.values['class-name'])).not.toContain(
      'Preview only',
    );
    // The preview page hands the app its data host and lets it reach its own origin only.
    const page = await request(host, `/v/${v1.id}/?token=${encodeURIComponent(token)}`);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.body).toContain(`"api":"/v/${v1.id}/api/v1"`);
  });

  it('limits requests per person with 429 and Retry-After', async () => {
    const { owner, app } = await publishedTeamApp();
    const limited = createPreviewServer({
      db: context.database.db,
      sessionSecret: testSessionSecret,
      previewHostname: 'localhost',
      builderOrigins: builderOrigins(context.baseUrl),
      bundle: async () => ({ ok: true, js: '', css: '' }),
      dataRateLimit: { points: 3, durationSeconds: 60 },
    });
    const port = await limited.listen(0);
    const limitedOrigin = appsOrigin({ port });
    try {
      const cookie = await signInOnOrigin(owner, app.id);
      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1)
        statuses.push(
          (
            await limitedOrigin.request(limitedOrigin.hostOf(app.id), '/api/v1/class', {
              headers: { cookie },
            })
          ).status,
        );
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await limitedOrigin.request(limitedOrigin.hostOf(app.id), '/api/v1/class', {
        headers: { cookie },
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().error?.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
