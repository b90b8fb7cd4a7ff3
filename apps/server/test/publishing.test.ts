import { insertVersion } from '@app/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { classBookings } from '../../../packages/core/src/compiler/fixtures/blueprints.ts';
import { appsOrigin, cookieSet, teamWithApp } from './apps-origin.ts';
import { expectTRPCError, signUpPerson, useTestServer } from './harness.ts';

const context = useTestServer();

const person = () => signUpPerson(context.baseUrl);

const appFiles = (greeting: string) => [
  {
    path: 'src/App.tsx',
    content: `export default function App() {\n  return <h1>${greeting}</h1>;\n}\n`,
  },
];

/** A team workspace: an owner who builds, a viewer; one app with two versions (v1, v2). */
async function teamApp(name = 'Tool library') {
  const team = await teamWithApp(person, {
    workspace: 'Makerspace',
    app: name,
    prompt: 'Lend tools to members',
  });
  const v1 = await insertVersion(context.database.db, {
    appId: team.app.id,
    request: 'Lend tools',
    files: appFiles('Version one of the tools'),
    ledger: [],
    plan: [],
  });
  const v2 = await insertVersion(context.database.db, {
    appId: team.app.id,
    request: 'Add due dates',
    files: appFiles('Version two with due dates'),
    ledger: [],
    plan: [],
  });
  return { ...team, v1, v2 };
}

const { hostOf, request, startSignIn, signInOnOrigin } = appsOrigin(context);

describe('publishing', () => {
  it('publish → the app’s stable URL serves that version, full screen with the bar; apps.get says so', async () => {
    const { owner, app, v1 } = await teamApp();
    expect((await owner.client.trpc.apps.get.query({ appId: app.id })).published).toBeNull();
    const published = await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    expect(published.url).toBe(`http://${hostOf(app.id)}/`);
    expect(published).toMatchObject({ versionId: v1.id, number: 1, checksFailed: false });
    expect((await owner.client.trpc.apps.get.query({ appId: app.id })).published).toEqual({
      versionId: v1.id,
      number: 1,
      url: published.url,
      publishedAt: published.publishedAt,
    });

    const cookie = await signInOnOrigin(owner, app.id);
    const page = await request(hostOf(app.id), '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Version one of the tools');
    expect(page.body).toContain('<div id="root"></div>');
    expect(page.body).toMatch(/<header id="app-bar"[\s\S]*Tool library[\s\S]*<\/header>/);
    expect(page.body).toContain(owner.email);
    expect(page.body).toContain('action="/_auth/sign-out"');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(page.headers['cache-control']).toBe('private, no-store');
  });

  it('escapes the app’s name in the bar and the title', async () => {
    const { owner, app, v1 } = await teamApp('<img src=x onerror=alert(1)> & "Tools"');
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    const page = await request(hostOf(app.id), '/', {
      headers: { cookie: await signInOnOrigin(owner, app.id) },
    });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Tools&quot;');
  });

  it('an unauthenticated visitor is sent to the builder’s sign-in with this app and a state', async () => {
    const { owner, app, v1 } = await teamApp();
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    const visit = await request(hostOf(app.id), '/');
    expect(visit.status).toBe(302);
    const target = new URL(String(visit.headers.location));
    expect(`${target.origin}${target.pathname}`).toBe(`http://localhost:${context.server.port}/apps-sign-in`);
    expect(target.searchParams.get('app')).toBe(app.id);
    expect(target.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const state = cookieSet(visit, 'app_signin_state');
    expect(state?.pair).toBe(`app_signin_state=${target.searchParams.get('state')}`);
    expect(state?.header).toMatch(/HttpOnly/);
    expect(state?.header).toMatch(/SameSite=Lax/);
    expect(state?.header).not.toMatch(/Domain=/i);
    expect(visit.body).not.toContain('Version one');
  });

  it('the code works once, for a minute, on its own app’s host, in the browser that started', async () => {
    const { owner, app, v1 } = await teamApp();
    const other = await teamApp();
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    const { stateCookie, callback, state } = await startSignIn(owner, app.id);
    expect(callback.origin).toBe(`http://${hostOf(app.id)}`);
    expect(callback.pathname).toBe('/_auth/callback');
    expect(callback.searchParams.get('state')).toBe(state);
    const path = `${callback.pathname}${callback.search}`;

    // Another app's host (with a state of its own): refused, and the code stays good where it belongs.
    const elsewhere = await startSignIn(other.owner, other.app.id);
    const wrongHost = await request(hostOf(other.app.id), path.replace(state, elsewhere.state), {
      headers: { cookie: elsewhere.stateCookie },
    });
    expect(wrongHost.status).toBe(400);
    expect(cookieSet(wrongHost, 'app_session')).toBeNull();
    // Without the state cookie of the browser that started (someone else's link): refused.
    const foreignBrowser = await request(callback.host, path);
    expect(foreignBrowser.status).toBe(400);
    expect(cookieSet(foreignBrowser, 'app_session')).toBeNull();

    const first = await request(callback.host, path, { headers: { cookie: stateCookie } });
    expect(first.status).toBe(303);
    const session = cookieSet(first, 'app_session');
    expect(session?.header).toMatch(/HttpOnly/);
    expect(session?.header).toMatch(/SameSite=Lax/);
    expect(session?.header).not.toMatch(/Domain=/i);
    const again = await request(callback.host, path, { headers: { cookie: stateCookie } });
    expect(again.status).toBe(400);
    expect(cookieSet(again, 'app_session')).toBeNull();

    const late = await startSignIn(owner, app.id);
    await sql`update app_origin_codes set expires_at = now() - interval '1 second' where used_at is null and app_id = ${app.id}`.execute(
      context.database.db,
    );
    const expired = await request(late.callback.host, `${late.callback.pathname}${late.callback.search}`, {
      headers: { cookie: late.stateCookie },
    });
    expect(expired.status).toBe(400);
    expect(cookieSet(expired, 'app_session')).toBeNull();
  });

  it('a session is good only on its own app’s host', async () => {
    const { owner, app, v1 } = await teamApp();
    const other = await teamApp();
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    await other.owner.client.trpc.versions.publish.mutate({ versionId: other.v1.id });
    const cookie = await signInOnOrigin(owner, app.id);
    expect((await request(hostOf(app.id), '/', { headers: { cookie } })).status).toBe(200);
    const carried = await request(hostOf(other.app.id), '/', { headers: { cookie } });
    expect(carried.status).toBe(302);
    expect(carried.body).not.toContain('Version one');
    // Two cookies of the name: neither counts.
    expect((await request(hostOf(app.id), '/', { headers: { cookie: `${cookie}; ${cookie}` } })).status).toBe(
      302,
    );
  });

  it('a signed-in stranger or a removed member gets the 403 page, naming who is signed in, with nothing of the app', async () => {
    const { owner, viewer, workspace, app, v1 } = await teamApp('Secret payroll');
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    const expectRefused = async (cookie: string, email: string) => {
      const refused = await request(hostOf(app.id), '/', { headers: { cookie } });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain(email);
      expect(refused.body).toContain('Sign in as someone else');
      expect(refused.body).not.toContain('Secret payroll');
      expect(refused.body).not.toContain('Version one');
      expect(refused.body).not.toContain('<script');
      // Nor its data.
      expect((await request(hostOf(app.id), '/api/v1/class', { headers: { cookie } })).status).toBe(404);
    };
    // A stranger signs in like anyone else (the code says who they are, not what they may do).
    const stranger = await person();
    await expectRefused(await signInOnOrigin(stranger, app.id), stranger.email);
    // An app that does not exist gets no code.
    const nowhere = crypto.randomUUID();
    const visit = await request(hostOf(nowhere), '/');
    const state = new URL(String(visit.headers.location)).searchParams.get('state') ?? '';
    expect(
      (await expectTRPCError(stranger.client.trpc.auth.appOriginCode.mutate({ appId: nowhere, state }))).code,
    ).toBe('NOT_FOUND');

    const cookie = await signInOnOrigin(viewer, app.id);
    expect((await request(hostOf(app.id), '/', { headers: { cookie } })).status).toBe(200);
    await owner.client.trpc.workspaces.removeMember.mutate({ workspaceId: workspace.id, userId: viewer.id });
    // The very next request: membership is read on every request, not when the session began.
    await expectRefused(cookie, viewer.email);
  });

  it('viewers list the published app with its URL and use it; they may not publish', async () => {
    const { owner, viewer, workspace, app, v2 } = await teamApp();
    expect((await viewer.client.trpc.apps.list.query({ workspaceId: workspace.id })).apps).toEqual([]);
    expect(
      (await expectTRPCError(viewer.client.trpc.versions.publish.mutate({ versionId: v2.id }))).code,
    ).toBe('FORBIDDEN');
    const { url } = await owner.client.trpc.versions.publish.mutate({ versionId: v2.id });
    const { apps } = await viewer.client.trpc.apps.list.query({ workspaceId: workspace.id });
    expect(apps.map((item) => ({ id: item.id, published: item.published }))).toEqual([
      { id: app.id, published: expect.objectContaining({ versionId: v2.id, number: 2, url }) },
    ]);
    const cookie = await signInOnOrigin(viewer, app.id);
    const page = await request(hostOf(app.id), '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Version two with due dates');
    expect((await expectTRPCError(viewer.client.trpc.apps.unpublish.mutate({ appId: app.id }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('publishing another version switches what the URL serves; unpublishing makes it a 404 for members', async () => {
    const { owner, app, v1, v2 } = await teamApp();
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    const cookie = await signInOnOrigin(owner, app.id);
    expect((await request(hostOf(app.id), '/', { headers: { cookie } })).body).toContain('Version one');
    await owner.client.trpc.versions.publish.mutate({ versionId: v2.id });
    const switched = await request(hostOf(app.id), '/', { headers: { cookie } });
    expect(switched.body).toContain('Version two with due dates');
    expect(switched.body).not.toContain('Version one');

    await owner.client.trpc.apps.unpublish.mutate({ appId: app.id });
    expect((await owner.client.trpc.apps.get.query({ appId: app.id })).published).toBeNull();
    const gone = await request(hostOf(app.id), '/', { headers: { cookie } });
    expect(gone.status).toBe(404);
    expect(gone.body).not.toContain('Version two');
  });

  it('publishing the next version keeps the live data (it is the app’s, not a version’s)', async () => {
    const { owner, app } = await teamApp();
    const built = (greeting: string) =>
      insertVersion(context.database.db, {
        appId: app.id,
        request: greeting,
        files: appFiles(greeting),
        ledger: [],
        plan: [],
        blueprint: classBookings,
      });
    const v3 = await built('Classes, first cut');
    const v4 = await built('Classes, second cut');
    await owner.client.trpc.versions.publish.mutate({ versionId: v3.id });
    const cookie = await signInOnOrigin(owner, app.id);
    const created = await request(hostOf(app.id), '/api/v1/class', {
      method: 'POST',
      headers: {
        cookie,
        origin: `http://${hostOf(app.id)}`,
        'content-type': 'application/json',
        'x-app-request': '1',
      },
      body: JSON.stringify({
        values: { 'class-name': 'Yoga', 'class-starts': '2025-03-01T09:00', 'class-seats': 10 },
      }),
    });
    expect(created.status).toBe(201);

    await owner.client.trpc.versions.publish.mutate({ versionId: v4.id });
    const page = await request(hostOf(app.id), '/', { headers: { cookie } });
    expect(page.body).toContain('Classes, second cut');
    const listed = await request(hostOf(app.id), '/api/v1/class', { headers: { cookie } });
    expect(listed.status).toBe(200);
    const { records } = JSON.parse(listed.body) as { records: { values: Record<string, unknown> }[] };
    expect(records.map((record) => record.values['class-name'])).toEqual(['Yoga']);
  });

  it('says when the published version failed its checks', async () => {
    const { owner, app } = await teamApp();
    const failing = await insertVersion(context.database.db, {
      appId: app.id,
      request: 'Broken',
      files: appFiles('Broken'),
      ledger: [],
      plan: [],
      checks: [{ id: 'render', title: 'Renders', ok: false, detail: 'blank page' }],
    });
    const published = await owner.client.trpc.versions.publish.mutate({ versionId: failing.id });
    expect(published.checksFailed).toBe(true);
  });

  it('signing out of the builder ends the app sessions it started, and no other', async () => {
    const { owner, viewer, app, v1 } = await teamApp();
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    const ownerApp = await signInOnOrigin(owner, app.id);
    const viewerApp = await signInOnOrigin(viewer, app.id);
    // A code asked for but not yet exchanged when the builder signs out is dead too.
    const pending = await startSignIn(owner, app.id);
    for (const cookie of [ownerApp, viewerApp])
      expect((await request(hostOf(app.id), '/', { headers: { cookie } })).status).toBe(200);

    await owner.client.trpc.auth.signOut.mutate();
    expect((await request(hostOf(app.id), '/', { headers: { cookie: ownerApp } })).status).toBe(302);
    expect((await request(hostOf(app.id), '/api/v1/class', { headers: { cookie: ownerApp } })).status).toBe(
      401,
    );
    const late = await request(
      pending.callback.host,
      `${pending.callback.pathname}${pending.callback.search}`,
      {
        headers: { cookie: pending.stateCookie },
      },
    );
    expect(late.status).toBe(400);
    expect(cookieSet(late, 'app_session')).toBeNull();
    // Someone else's session, started from their own builder session, is untouched.
    expect((await request(hostOf(app.id), '/', { headers: { cookie: viewerApp } })).status).toBe(200);
  });

  it('signs out only by a same-origin post, and the session then ends', async () => {
    const { owner, app, v1 } = await teamApp();
    await owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
    const cookie = await signInOnOrigin(owner, app.id);
    const crossSite = await request(hostOf(app.id), '/_auth/sign-out', {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await request(hostOf(app.id), '/_auth/sign-out', {
      method: 'POST',
      headers: { cookie },
    });
    expect(noOrigin.status).toBe(403);
    const opaqueCrossSite = await request(hostOf(app.id), '/_auth/sign-out', {
      method: 'POST',
      headers: { cookie, origin: 'null', 'sec-fetch-site': 'cross-site' },
    });
    expect(opaqueCrossSite.status).toBe(403);
    expect((await request(hostOf(app.id), '/', { headers: { cookie } })).status).toBe(200);
    // A GET never signs anyone out.
    expect((await request(hostOf(app.id), '/_auth/sign-out', { headers: { cookie } })).status).toBe(405);

    // What Chromium sends for the bar's form under the page's no-referrer policy.
    const ownPage = await signInOnOrigin(owner, app.id);
    const viaOwnForm = await request(hostOf(app.id), '/_auth/sign-out', {
      method: 'POST',
      headers: { cookie: ownPage, origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(viaOwnForm.status).toBe(303);
    expect((await request(hostOf(app.id), '/', { headers: { cookie: ownPage } })).status).toBe(302);

    const signOut = await request(hostOf(app.id), '/_auth/sign-out', {
      method: 'POST',
      headers: { cookie, origin: `http://${hostOf(app.id)}` },
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.location).toBe('/_auth/signed-out');
    expect(cookieSet(signOut, 'app_session')?.header).toMatch(/Max-Age=0/);
    // The old cookie is dead server-side, not just cleared in this browser.
    expect((await request(hostOf(app.id), '/', { headers: { cookie } })).status).toBe(302);
    expect((await request(hostOf(app.id), '/_auth/signed-out')).status).toBe(200);
  });
});
