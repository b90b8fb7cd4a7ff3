import { createPreviewToken, previewTokenLifetimeMs } from '@app/core';
import { insertVersion } from '@app/db';
import { describe, expect, it } from 'vitest';
import { createTestClient, expectTRPCError, testSessionSecret, useTestServer } from './harness.ts';

const context = useTestServer();

const files = [
  {
    path: 'src/App.tsx',
    content: `import './styles.css';\nexport default function App() {\n  return <h1 className="title">Hello from the preview</h1>;\n}\n`,
  },
  { path: 'src/styles.css', content: '.title { color: rebeccapurple; }\n' },
];

async function appWithVersion() {
  const client = createTestClient(context.baseUrl);
  await client.signUp();
  const { app, job } = await client.trpc.apps.create.mutate({ prompt: 'A greeting page' });
  await client.trpc.jobs.cancel.mutate({ jobId: job.id });
  const version = await insertVersion(context.database.db, {
    appId: app.id,
    request: 'A greeting page',
    files,
    ledger: [],
    plan: [],
  });
  return { client, app, versionId: version.id };
}

describe('versions and the preview origin', () => {
  it('serves the bundled app on its own origin with a signed link', async () => {
    const { client, versionId } = await appWithVersion();
    const version = await client.trpc.versions.get.query({ versionId });
    expect(version.files.map((file) => file.path)).toEqual(['src/App.tsx', 'src/styles.css']);
    const previewUrl = new URL(version.previewUrl);
    expect(previewUrl.origin).not.toBe(new URL(context.baseUrl).origin);
    expect(previewUrl.port).toBe(String(context.server.previewPort));
    expect(previewUrl.searchParams.get('token')).toBeTruthy();

    const response = await fetch(version.previewUrl);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('frame-ancestors');
    const html = await response.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('Hello from the preview');
    expect(html).toContain('rebeccapurple');
    // React comes bundled from the project, never from a CDN.
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('refuses a missing, forged, expired or other-version token', async () => {
    const { versionId } = await appWithVersion();
    const { versionId: otherVersionId } = await appWithVersion();
    const base = `http://127.0.0.1:${context.server.previewPort}/v/${versionId}/`;
    expect((await fetch(base)).status).toBe(401);
    const valid = createPreviewToken(versionId, testSessionSecret);
    const forged = `${valid.split('.')[0]}.${'x'.repeat(43)}`;
    expect((await fetch(`${base}?token=${forged}`)).status).toBe(403);
    const expired = createPreviewToken(
      versionId,
      testSessionSecret,
      Date.now() - previewTokenLifetimeMs - 1000,
    );
    expect((await fetch(`${base}?token=${expired}`)).status).toBe(403);
    const forOther = createPreviewToken(otherVersionId, testSessionSecret);
    expect((await fetch(`${base}?token=${forOther}`)).status).toBe(403);
    const signedElsewhere = createPreviewToken(versionId, 'another-secret-another-secret-another');
    expect((await fetch(`${base}?token=${signedElsewhere}`)).status).toBe(403);
    expect((await fetch(`${base}?token=${valid}`)).status).toBe(200);
  });

  it('does not serve the builder API or cookies on the preview origin', async () => {
    const response = await fetch(`http://127.0.0.1:${context.server.previewPort}/trpc/auth.me`);
    expect(response.status).toBe(404);
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
