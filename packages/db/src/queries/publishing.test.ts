import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { createAppWithJob, listAppSummaries } from './apps.ts';
import {
  consumeAppOriginCode,
  findAppOriginSessionUser,
  findPublishedVersion,
  insertAppOriginCode,
  insertAppOriginSession,
  publishVersion,
  revokeAppOriginSession,
  unpublishApp,
} from './publishing.ts';
import { insertUser } from './users.ts';
import { insertVersion } from './versions.ts';
import { acceptInvite, createInvite, createWorkspace } from './workspaces.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

let counter = 0;
async function person(name = 'person') {
  counter += 1;
  return insertUser(database.db, `${name}${counter}.${Date.now()}@example.com`, 'not-a-real-hash');
}

const hashOf = (value: string) => createHash('sha256').update(value).digest('base64url');
const secret = () => randomBytes(32).toString('base64url');

/** A team workspace (owner, editor, viewer) with one app and two versions. */
async function teamApp() {
  const [owner, editor, viewer, outsider] = await Promise.all([
    person('owner'),
    person('editor'),
    person('viewer'),
    person('outsider'),
  ]);
  const workspace = await createWorkspace(database.db, { userId: owner.id, name: 'Makerspace' });
  for (const [member, role] of [
    [editor, 'editor'],
    [viewer, 'viewer'],
  ] as const) {
    const { token } = await createInvite(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      email: member.email,
      role,
    });
    await acceptInvite(database.db, { userId: member.id, token });
  }
  const { app } = await createAppWithJob(database.db, {
    userId: editor.id,
    workspaceId: workspace.id,
    name: 'Tool library',
    request: 'Lend tools to members',
  });
  const versions = [];
  for (const request of ['Lend tools', 'Add due dates']) {
    versions.push(
      await insertVersion(database.db, { appId: app.id, request, files: [], ledger: [], plan: [] }),
    );
  }
  const [v1, v2] = versions as [(typeof versions)[0], (typeof versions)[0]];
  return { owner, editor, viewer, outsider, workspace, app, v1, v2 };
}

describe('publishing', () => {
  it('editors publish and switch versions; viewers may not; outsiders do not see the version', async () => {
    const { editor, viewer, outsider, app, v1, v2 } = await teamApp();
    expect(await findPublishedVersion(database.db, app.id)).toBeNull();
    await expect(publishVersion(database.db, { userId: viewer.id, versionId: v1.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      publishVersion(database.db, { userId: outsider.id, versionId: v1.id }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const first = await publishVersion(database.db, { userId: editor.id, versionId: v1.id });
    expect(first).toMatchObject({ appId: app.id, published: { versionId: v1.id, number: 1 } });
    expect(await findPublishedVersion(database.db, app.id)).toMatchObject({
      appName: 'Tool library',
      versionId: v1.id,
      number: 1,
    });
    // Re-publishing the same version keeps when it went live; another version moves the pointer.
    const again = await publishVersion(database.db, { userId: editor.id, versionId: v1.id });
    expect(again.published.publishedAt).toBe(first.published.publishedAt);
    const second = await publishVersion(database.db, { userId: editor.id, versionId: v2.id });
    expect(second.published).toMatchObject({ versionId: v2.id, number: 2 });
    expect((await findPublishedVersion(database.db, app.id))?.versionId).toBe(v2.id);

    await expect(unpublishApp(database.db, { userId: viewer.id, appId: app.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await unpublishApp(database.db, { userId: editor.id, appId: app.id });
    expect(await findPublishedVersion(database.db, app.id)).toBeNull();
  });

  it('viewers list only the published apps of their workspaces, without the builder’s version and job', async () => {
    const { editor, viewer, workspace, app, v2 } = await teamApp();
    const { app: draft } = await createAppWithJob(database.db, {
      userId: editor.id,
      workspaceId: workspace.id,
      name: 'Draft',
      request: 'Not yet',
    });
    const listed = async (userId: string) =>
      (await listAppSummaries(database.db, { userId, workspaceId: workspace.id })).apps;
    expect(await listed(viewer.id)).toEqual([]);
    expect((await listed(editor.id)).map((item) => item.id).sort()).toEqual([app.id, draft.id].sort());

    await publishVersion(database.db, { userId: editor.id, versionId: v2.id });
    const viewerApps = await listed(viewer.id);
    expect(viewerApps).toHaveLength(1);
    expect(viewerApps[0]).toMatchObject({
      id: app.id,
      role: 'viewer',
      latestVersion: null,
      activeJob: null,
      published: { versionId: v2.id, number: 2 },
    });
    const editorView = (await listed(editor.id)).find((item) => item.id === app.id);
    expect(editorView).toMatchObject({ latestVersion: { number: 2 }, published: { number: 2 } });
    expect((await listed(editor.id)).find((item) => item.id === draft.id)?.published).toBeNull();
  });
});

describe('sign-in codes and app-origin sessions', () => {
  it('a code works once, only for its app, and not after it expires', async () => {
    const { viewer, app } = await teamApp();
    const { app: other } = await createAppWithJob(database.db, {
      userId: viewer.id,
      name: 'Mine',
      request: 'Another app',
    });
    const code = secret();
    await insertAppOriginCode(database.db, { codeHash: hashOf(code), userId: viewer.id, appId: app.id });
    // Presented on another app's host: refused, and still good on its own.
    expect(await consumeAppOriginCode(database.db, { codeHash: hashOf(code), appId: other.id })).toBeNull();
    expect(await consumeAppOriginCode(database.db, { codeHash: hashOf(code), appId: app.id })).toEqual({
      userId: viewer.id,
      builderSessionId: null,
    });
    expect(await consumeAppOriginCode(database.db, { codeHash: hashOf(code), appId: app.id })).toBeNull();

    const expired = secret();
    await insertAppOriginCode(database.db, { codeHash: hashOf(expired), userId: viewer.id, appId: app.id });
    await database.db
      .updateTable('app_origin_codes')
      .set({ expires_at: sql<string>`now() - interval '1 second'` })
      .where('code_hash', '=', hashOf(expired))
      .execute();
    expect(await consumeAppOriginCode(database.db, { codeHash: hashOf(expired), appId: app.id })).toBeNull();
  });

  it('concurrent exchanges of one code: exactly one wins', async () => {
    const { viewer, app } = await teamApp();
    const code = secret();
    await insertAppOriginCode(database.db, { codeHash: hashOf(code), userId: viewer.id, appId: app.id });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        consumeAppOriginCode(database.db, { codeHash: hashOf(code), appId: app.id }),
      ),
    );
    expect(results.filter((result) => result?.userId === viewer.id)).toHaveLength(1);
  });

  it('a session names its app and ends when revoked', async () => {
    const { viewer, app } = await teamApp();
    const { app: other } = await createAppWithJob(database.db, {
      userId: viewer.id,
      name: 'Mine',
      request: 'x',
    });
    const token = secret();
    await insertAppOriginSession(database.db, { tokenHash: hashOf(token), userId: viewer.id, appId: app.id });
    expect(await findAppOriginSessionUser(database.db, { tokenHash: hashOf(token), appId: app.id })).toEqual({
      id: viewer.id,
      email: viewer.email,
    });
    expect(
      await findAppOriginSessionUser(database.db, { tokenHash: hashOf(token), appId: other.id }),
    ).toBeNull();
    await revokeAppOriginSession(database.db, { tokenHash: hashOf(token), appId: app.id });
    expect(
      await findAppOriginSessionUser(database.db, { tokenHash: hashOf(token), appId: app.id }),
    ).toBeNull();

    const stale = secret();
    await insertAppOriginSession(database.db, {
      tokenHash: hashOf(stale),
      userId: viewer.id,
      appId: app.id,
      lifetimeSeconds: -1,
    });
    expect(
      await findAppOriginSessionUser(database.db, { tokenHash: hashOf(stale), appId: app.id }),
    ).toBeNull();
  });
});
