import net from 'node:net';
import { bundleApp, createPreviewToken } from '@app/core';
import { insertVersion } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classBookings } from '../../../packages/core/src/compiler/fixtures/blueprints.ts';
import {
  createHttpAdapter,
  StaleRecordError,
} from '../../../packages/core/src/compiler/template/src/data/http-adapter.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { appsOrigin, teamWithApp } from './apps-origin.ts';
import { openStream } from './change-stream-client.ts';
import { signUpPerson, testSessionSecret } from './harness.ts';

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  // Short intervals so a removed member's stream ends (and pings arrive) within the test's time.
  server = await startServer({
    db: database.db,
    connectionString: database.url,
    port: 0,
    sessionSecret: testSessionSecret,
    modelDescription: 'offline:builder',
    previewPort: 0,
    bundle: (files) => bundleApp(files),
    changeStreams: { accessCheckMs: 200, pingMs: 300 },
  });
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const person = () => signUpPerson(`http://127.0.0.1:${server.port}`);
const { hostOf, request, signInOnOrigin } = appsOrigin({
  get port() {
    return server.previewPort;
  },
});
const writeHeaders = { 'content-type': 'application/json', 'x-app-request': '1' };
const stream = (appId: string, path: string, headers: Record<string, string> = {}) =>
  openStream(server.previewPort, hostOf(appId), path, headers);

async function publishedTeamApp() {
  const team = await teamWithApp(person, { workspace: 'Studio', app: 'Studio', prompt: 'Classes' });
  const v1 = await insertVersion(database.db, {
    appId: team.app.id,
    request: 'Classes',
    files: [
      { path: 'src/App.tsx', content: 'export default function App() {\n  return <h1>Studio</h1>;\n}\n' },
    ],
    ledger: [],
    plan: [],
    blueprint: classBookings,
  });
  await team.owner.client.trpc.versions.publish.mutate({ versionId: v1.id });
  return { ...team, v1 };
}

async function addClass(appId: string, cookie: string, name: string, api = '/api/v1', extra = {}) {
  const reply = await request(hostOf(appId), `${api}/class`, {
    method: 'POST',
    headers: { ...writeHeaders, cookie, origin: `http://${hostOf(appId)}`, ...extra },
    body: JSON.stringify({
      values: { 'class-name': name, 'class-starts': '2025-03-01T09:00', 'class-seats': 10 },
    }),
  });
  expect(reply.status).toBe(201);
  return reply.json().record as { id: string; version: number };
}

describe('live updates on the apps origin (changes.sse)', () => {
  it('a member’s stream gets `changed` soon after another member writes, with no record data in it', async () => {
    const { owner, viewer, app } = await publishedTeamApp();
    const ownerCookie = await signInOnOrigin(owner, app.id);
    const viewerCookie = await signInOnOrigin(viewer, app.id);
    const watching = await stream(app.id, '/api/v1/changes.sse', { cookie: viewerCookie });
    try {
      expect(watching.status).toBe(200);
      expect(watching.headers['content-type']).toMatch(/^text\/event-stream/);
      // The live API grants no CORS: another site cannot read a member's stream.
      expect(watching.headers['access-control-allow-origin']).toBeUndefined();
      const before = Date.now();
      const waiting = watching.next('changed');
      await addClass(app.id, ownerCookie, 'Secret Yoga');
      const changed = await waiting;
      expect(changed.at - before).toBeLessThan(1_000);
      expect(changed.data).toBe('{}');
      expect(watching.body()).not.toContain('Secret Yoga');
      // A burst of writes is coalesced: far fewer notices than writes, the last one after the burst.
      const from = watching.events.length;
      await Promise.all(
        Array.from({ length: 10 }, (_, index) => addClass(app.id, ownerCookie, `Burst ${index}`)),
      );
      await watching.next('changed', { from });
      await new Promise((resolve) => setTimeout(resolve, 600));
      const burst = watching.events.slice(from).filter((event) => event.event === 'changed');
      expect(burst.length).toBeGreaterThanOrEqual(1);
      expect(burst.length).toBeLessThanOrEqual(3);
      // Comment pings keep the stream open between changes.
      await expect.poll(() => watching.comments.filter((c) => c === 'ping').length).toBeGreaterThan(0);
    } finally {
      watching.close();
    }
  });

  it('refuses the signed-out (401) and non-members (404); ends a removed member’s stream', async () => {
    const { owner, viewer, app, workspace } = await publishedTeamApp();
    const anonymous = await stream(app.id, '/api/v1/changes.sse');
    expect(anonymous.status).toBe(401);
    anonymous.close();
    const stranger = await person();
    const strangerCookie = await signInOnOrigin(stranger, app.id);
    const refused = await stream(app.id, '/api/v1/changes.sse', { cookie: strangerCookie });
    expect(refused.status).toBe(404);
    expect(refused.body()).not.toContain('class');
    refused.close();
    const viewerCookie = await signInOnOrigin(viewer, app.id);
    const watching = await stream(app.id, '/api/v1/changes.sse', { cookie: viewerCookie });
    expect(watching.status).toBe(200);
    await owner.client.trpc.workspaces.removeMember.mutate({ workspaceId: workspace.id, userId: viewer.id });
    const ended = await watching.next('ended', { from: 0 });
    expect(JSON.parse(ended.data)).toEqual({ code: 'not_found' });
    await watching.ended;
    // Reconnecting (as EventSource would) is refused like any request of theirs.
    const again = await stream(app.id, '/api/v1/changes.sse', { cookie: viewerCookie });
    expect(again.status).toBe(404);
    again.close();
  });

  it('a preview’s stream opens with its link token as ?token=, CORS without credentials, its own dataset only', async () => {
    const { owner, app, v1 } = await publishedTeamApp();
    const ownerCookie = await signInOnOrigin(owner, app.id);
    const token = createPreviewToken(v1.id, testSessionSecret);
    const api = `/v/${v1.id}/api/v1`;
    const missing = await stream(app.id, `${api}/changes.sse`);
    expect(missing.status).toBe(401);
    missing.close();
    const wrong = await stream(
      app.id,
      `${api}/changes.sse?token=${createPreviewToken(crypto.randomUUID(), testSessionSecret)}`,
    );
    expect(wrong.status).toBe(403);
    wrong.close();
    const preview = await stream(app.id, `${api}/changes.sse?token=${encodeURIComponent(token)}`, {
      origin: 'null',
    });
    const live = await stream(app.id, '/api/v1/changes.sse', { cookie: ownerCookie });
    try {
      expect(preview.status).toBe(200);
      expect(preview.headers['access-control-allow-origin']).toBe('*');
      expect(preview.headers['access-control-allow-credentials']).toBeUndefined();
      // A live write wakes the live stream only.
      const liveSeen = live.next('changed');
      await addClass(app.id, ownerCookie, 'Live class');
      await liveSeen;
      // A preview write (with its token, from its opaque origin) wakes the preview stream only.
      const previewFrom = preview.events.length;
      const liveFrom = live.events.length;
      const previewSeen = preview.next('changed', { from: previewFrom });
      await addClass(app.id, '', 'Draft class', api, { 'x-preview-token': token, origin: 'null' });
      await previewSeen;
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(preview.events.slice(0, previewFrom).some((event) => event.event === 'changed')).toBe(false);
      expect(live.events.slice(liveFrom).some((event) => event.event === 'changed')).toBe(false);
    } finally {
      preview.close();
      live.close();
    }
  });

  it('bounds open streams per caller', async () => {
    const { viewer, app } = await publishedTeamApp();
    const cookie = await signInOnOrigin(viewer, app.id);
    const open = await Promise.all(
      Array.from({ length: 8 }, () => stream(app.id, '/api/v1/changes.sse', { cookie })),
    );
    try {
      expect(open.map((opened) => opened.status)).toEqual(Array(8).fill(200));
      const ninth = await stream(app.id, '/api/v1/changes.sse', { cookie });
      expect(ninth.status).toBe(429);
      ninth.close();
    } finally {
      for (const opened of open) opened.close();
    }
    // Closed streams free their places.
    await expect
      .poll(async () => {
        const again = await stream(app.id, '/api/v1/changes.sse', { cookie });
        again.close();
        return again.status;
      })
      .toBe(200);
  });

  it('keeps no place for a client that left while its stream was being checked, and refuses other sites', async () => {
    const { viewer, app } = await publishedTeamApp();
    const cookie = await signInOnOrigin(viewer, app.id);
    // Twenty clients that send the request and hang up at once, before the access check is done.
    await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<void>((resolve) => {
            const socket = net.connect(server.previewPort, '127.0.0.1', () => {
              socket.write(
                `GET /api/v1/changes.sse HTTP/1.1\r\nHost: ${hostOf(app.id)}\r\nCookie: ${cookie}\r\n\r\n`,
              );
              socket.destroy();
              resolve();
            });
            socket.on('error', () => resolve());
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const open = await Promise.all(
      Array.from({ length: 8 }, () => stream(app.id, '/api/v1/changes.sse', { cookie })),
    );
    try {
      expect(open.map((opened) => opened.status)).toEqual(Array(8).fill(200));
    } finally {
      for (const opened of open) opened.close();
    }
    // Another site's page (a sibling app is same-site: the Lax cookie would go) may not hold one.
    for (const site of ['same-site', 'cross-site']) {
      const foreign = await stream(app.id, '/api/v1/changes.sse', { cookie, 'sec-fetch-site': site });
      expect(foreign.status).toBe(403);
      foreign.close();
    }
  });

  it('after the LISTEN connection is killed and comes back, every stream is told `changed`', async () => {
    const { owner, viewer, app } = await publishedTeamApp();
    const ownerCookie = await signInOnOrigin(owner, app.id);
    const viewerCookie = await signInOnOrigin(viewer, app.id);
    const watching = await stream(app.id, '/api/v1/changes.sse', { cookie: viewerCookie });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const from = watching.events.length;
      const killed = await sql<{ terminated: boolean }>`
        select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where application_name = 'app-builder:listen' and datname = current_database()`.execute(database.db);
      expect(killed.rows.some((row) => row.terminated)).toBe(true);
      // Nothing was written: this `changed` is the resync's (a write committed while nobody
      // listened would have had its notification lost).
      await watching.next('changed', { from, timeoutMs: 5_000 });
      expect(server.hub.state).toBe('listening');
      // The new connection listens on the records channel again.
      const after = watching.events.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seen = watching.next('changed', { from: after });
      await addClass(app.id, ownerCookie, 'After the reconnect');
      await seen;
    } finally {
      watching.close();
    }
  });

  it('an edit begun before a live re-read is judged against the version it began from', async () => {
    const { owner, viewer, app } = await publishedTeamApp();
    const ownerCookie = await signInOnOrigin(owner, app.id);
    const viewerCookie = await signInOnOrigin(viewer, app.id);
    const host = hostOf(app.id);
    // The template's own adapter, its fetch carried to 127.0.0.1 with the app's Host.
    const adapterFor = (cookie: string) =>
      createHttpAdapter({
        api: '/api/v1',
        previewToken: null,
        origin: `http://${host}`,
        fetch: async (input, init) => {
          const url = new URL(String(input));
          const reply = await request(host, `${url.pathname}${url.search}`, {
            method: init?.method ?? 'GET',
            headers: { ...(init?.headers as Record<string, string>), cookie, origin: `http://${host}` },
            ...(typeof init?.body === 'string' ? { body: init.body } : {}),
          });
          return new Response(reply.status === 204 ? null : reply.body, { status: reply.status });
        },
      });
    const ownerApp = adapterFor(ownerCookie);
    const viewerApp = adapterFor(viewerCookie);
    const created = await addClass(app.id, ownerCookie, 'Yoga');
    // The owner opens the edit form on what they see…
    const opened = (await ownerApp.list('class')).find((record) => record.id === created.id);
    if (!opened) throw new Error('not listed');
    // …the viewer saves, and a change notice makes the owner's page read again (the list updates).
    await viewerApp.list('class');
    await viewerApp.update('class', created.id, { ...opened.values, 'class-seats': 12 });
    const reread = await ownerApp.list('class');
    expect(reread[0]?.values['class-seats']).toBe(12);
    // Saving the form made from the old version is refused, never overwriting the viewer's change.
    const stale = await ownerApp
      .update('class', created.id, { ...opened.values, 'class-seats': 99 }, opened)
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(StaleRecordError);
    // An action on the record as it is now (no `from`) uses the version just read.
    const saved = await ownerApp.update('class', created.id, { ...opened.values, 'class-seats': 14 });
    expect(saved.values['class-seats']).toBe(14);
  });
});
