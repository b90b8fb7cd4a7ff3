import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileBlueprint, createExportToken, exportTokenLifetimeMs } from '@app/core';
import { insertVersion } from '@app/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// By path: the fixture blueprints are test material of core's, not part of its public entry.
import { toolLibrary } from '../../../packages/core/src/compiler/fixtures/blueprints.ts';
import {
  createTestClient,
  expectTRPCError,
  type Person,
  signUpPerson,
  testSessionSecret,
  useTestServer,
} from './harness.ts';

// versions.export and its download over real HTTP (SPEC §5): a signed short-lived link on the
// builder's origin, the zip of a standalone project, and the same access rules as the builder.

const context = useTestServer();
const missingId = '00000000-0000-4000-8000-000000000000';

const person = () => signUpPerson(context.baseUrl);

async function join(owner: Person, workspaceId: string, guest: Person, role: 'editor' | 'viewer') {
  const { inviteUrl } = await owner.client.trpc.workspaces.invite.mutate({
    workspaceId,
    email: guest.email,
    role,
  });
  const token = new URL(inviteUrl).pathname.split('/').at(-1) ?? '';
  await guest.client.trpc.workspaces.acceptInvite.mutate({ token });
}

/** The download as a browser or curl makes it: no cookie, the token in the link is the credential. */
async function download(url: string, method: 'GET' | 'HEAD' | 'POST' = 'GET') {
  const response = await fetch(url, { method, redirect: 'manual' });
  return { response, body: new Uint8Array(await response.arrayBuffer()) };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'exports-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The zip read back by Info-ZIP's unzip: its entries, and each entry's text. */
function readZip(zip: Uint8Array) {
  const file = path.join(scratch, `${Date.now()}-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, zip);
  const entries = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
  const text = (entry: string) => execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
  return { entries, text };
}

function linkWith(versionId: string, token: string | null): string {
  const url = new URL(`/exports/${versionId}.zip`, context.baseUrl);
  if (token !== null) url.searchParams.set('token', token);
  return url.toString();
}

describe('versions.export', () => {
  let owner: Person;
  let editor: Person;
  let viewer: Person;
  let outsider: Person;
  let workspaceId: string;
  let appId: string;
  let versionId: string;

  beforeAll(async () => {
    [owner, editor, viewer, outsider] = await Promise.all([person(), person(), person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Makerspace' });
    workspaceId = workspace.id;
    await join(owner, workspaceId, editor, 'editor');
    await join(owner, workspaceId, viewer, 'viewer');
    const { app, job } = await owner.client.trpc.apps.create.mutate({
      prompt: 'Our makerspace lends tools to members',
      workspaceId,
    });
    appId = app.id;
    await owner.client.trpc.jobs.cancel.mutate({ jobId: job.id });
    const version = await insertVersion(context.database.db, {
      appId,
      request: 'Our makerspace lends tools to members',
      files: compileBlueprint(toolLibrary, { today: '2025-03-10' }),
      blueprint: toolLibrary,
      ledger: [],
      plan: [],
    });
    versionId = version.id;
  });

  it('links to a zip of a standalone project on the builder origin, good for repeated downloads', async () => {
    const { url } = await owner.client.trpc.versions.export.mutate({ versionId });
    expect(new URL(url).origin).toBe(context.baseUrl);
    expect(new URL(url).pathname).toBe(`/exports/${versionId}.zip`);

    const first = await download(url);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('content-type')).toBe('application/zip');
    expect(first.response.headers.get('content-disposition')).toBe(
      'attachment; filename="tool-library-v1.zip"',
    );
    expect(first.response.headers.get('cache-control')).toBe('no-store');
    const zip = readZip(first.body);
    const text = (entry: string) => zip.text(`tool-library-v1/${entry}`);
    for (const entry of [
      'package.json',
      'index.html',
      'vite.config.ts',
      'tsconfig.json',
      'README.md',
      'src/main.tsx',
    ])
      expect(zip.entries).toContain(`tool-library-v1/${entry}`);
    expect(text('src/App.tsx')).toContain('export default function App');
    expect(text('src/data/adapter-choice.ts')).toContain(`"storageKey": "app-records:${appId}"`);
    expect(JSON.parse(text('package.json')).dependencies).toEqual({ react: '19.3.1', 'react-dom': '19.3.1' });
    expect(text('README.md')).toContain(JSON.stringify(toolLibrary.title));

    // The same link again within its ten minutes: the same project (entries stamped with the version's time).
    const again = await download(url);
    expect(again.response.status).toBe(200);
    expect(Buffer.from(again.body).equals(Buffer.from(first.body))).toBe(true);
    const head = await download(url, 'HEAD');
    expect(head.response.status).toBe(200);
    expect(head.response.headers.get('content-length')).toBe(String(first.body.byteLength));
    expect(head.body.byteLength).toBe(0);
  });

  it('refuses a link without a token (401), forged, expired or for another version (403)', async () => {
    const { url } = await owner.client.trpc.versions.export.mutate({ versionId });
    const token = new URL(url).searchParams.get('token') ?? '';
    const [payload, signature] = token.split('.') as [string, string];

    expect((await download(linkWith(versionId, null))).response.status).toBe(401);
    const forgedClaims = Buffer.from(
      JSON.stringify({ v: versionId, u: outsider.id, exp: Date.now() + exportTokenLifetimeMs }),
    ).toString('base64url');
    for (const bad of [`${forgedClaims}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, 'garbage'])
      expect((await download(linkWith(versionId, bad))).response.status, bad).toBe(403);
    const signedByAnotherSecret = createExportToken({ versionId, userId: owner.id }, 'not-the-server-secret');
    expect((await download(linkWith(versionId, signedByAnotherSecret))).response.status).toBe(403);

    const expired = createExportToken(
      { versionId, userId: owner.id },
      testSessionSecret,
      Date.now() - exportTokenLifetimeMs - 1_000,
    );
    const expiredAnswer = await download(linkWith(versionId, expired));
    expect(expiredAnswer.response.status).toBe(403);
    expect(new TextDecoder().decode(expiredAnswer.body)).toContain('expired');

    // A real token for one version does not open another.
    const other = await insertVersion(context.database.db, {
      appId,
      request: 'v2',
      files: [{ path: 'src/App.tsx', content: 'export default function App() { return null; }\n' }],
      ledger: [],
      plan: [],
    });
    expect((await download(linkWith(other.id, token))).response.status).toBe(403);
    const otherLink = await owner.client.trpc.versions.export.mutate({ versionId: other.id });
    expect((await download(otherLink.url)).response.status).toBe(200);
  });

  it("is NOT_FOUND for another person's version, as for a missing one, and the download 404s too", async () => {
    expect((await expectTRPCError(outsider.client.trpc.versions.export.mutate({ versionId }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await expectTRPCError(outsider.client.trpc.versions.export.mutate({ versionId: missingId }))).code,
    ).toBe('NOT_FOUND');
    // A correctly signed token for someone who cannot see the version opens nothing.
    const outsiders = createExportToken({ versionId, userId: outsider.id }, testSessionSecret);
    expect((await download(linkWith(versionId, outsiders))).response.status).toBe(404);
    const forMissing = createExportToken({ versionId: missingId, userId: owner.id }, testSessionSecret);
    expect((await download(linkWith(missingId, forMissing))).response.status).toBe(404);
    expect((await download(`${context.baseUrl}/exports/not-a-version.zip?token=x`)).response.status).toBe(
      404,
    );
    expect((await download(linkWith(versionId, outsiders), 'POST')).response.status).toBe(405);
  });

  it('is for editors and owners: a viewer is FORBIDDEN; a removed editor’s link stops working', async () => {
    expect((await expectTRPCError(viewer.client.trpc.versions.export.mutate({ versionId }))).code).toBe(
      'FORBIDDEN',
    );
    const { url } = await editor.client.trpc.versions.export.mutate({ versionId });
    expect((await download(url)).response.status).toBe(200);
    await owner.client.trpc.workspaces.removeMember.mutate({ workspaceId, userId: editor.id });
    expect((await download(url)).response.status).toBe(404);
    expect((await expectTRPCError(editor.client.trpc.versions.export.mutate({ versionId }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('needs a session or token to make a link', async () => {
    const anonymous = createTestClient(context.baseUrl);
    expect((await expectTRPCError(anonymous.trpc.versions.export.mutate({ versionId }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect(
      (await expectTRPCError(owner.client.trpc.versions.export.mutate({ versionId: 'nope' }))).code,
    ).toBe('BAD_REQUEST');
  });
});
