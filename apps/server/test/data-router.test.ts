import { toAppBlueprint } from '@app/core/data-store';
import { createRecord, insertVersion, liveDataset } from '@app/db';
import { describe, expect, it } from 'vitest';
import { classBookings } from '../../../packages/core/src/compiler/fixtures/blueprints.ts';
import { createTestClient, expectTRPCError, uniqueEmail, useTestServer } from './harness.ts';

const context = useTestServer();

async function team() {
  const owner = createTestClient(context.baseUrl);
  const ownerUser = await owner.signUp(uniqueEmail());
  const viewer = createTestClient(context.baseUrl);
  const viewerEmail = uniqueEmail();
  await viewer.signUp(viewerEmail);
  const { workspace } = await owner.trpc.workspaces.create.mutate({ name: 'Studio' });
  const { inviteUrl } = await owner.trpc.workspaces.invite.mutate({
    workspaceId: workspace.id,
    email: viewerEmail,
    role: 'viewer',
  });
  await viewer.trpc.workspaces.acceptInvite.mutate({
    token: new URL(inviteUrl).pathname.split('/').at(-1) ?? '',
  });
  const { app, job } = await owner.trpc.apps.create.mutate({
    prompt: 'Classes',
    name: 'Studio',
    workspaceId: workspace.id,
  });
  await owner.trpc.jobs.cancel.mutate({ jobId: job.id });
  const v1 = await insertVersion(context.database.db, {
    appId: app.id,
    request: 'Classes',
    files: [],
    ledger: [],
    plan: [],
    blueprint: classBookings,
  });
  return { owner, ownerUser, viewer, app, v1 };
}

describe('data.* (the builder’s Data tab)', () => {
  it('before publishing: the latest version’s preview data, read-only', async () => {
    const { owner, app, v1 } = await team();
    const listed = await owner.trpc.data.list.query({ appId: app.id });
    expect(listed.source).toMatchObject({ kind: 'preview', versionId: v1.id, readOnly: true });
    expect(listed.records.length).toBeGreaterThanOrEqual(5);
    const first = listed.records[0];
    if (!first) throw new Error('no sample');
    const refused = await expectTRPCError(
      owner.trpc.data.update.mutate({
        appId: app.id,
        entityId: 'class',
        recordId: first.id,
        version: 1,
        values: {},
      }),
    );
    expect(refused.code).toBe('PRECONDITION_FAILED');
  });

  it('after publishing: live records, edits with conflicts and field errors, delete, the audit trail; viewers refused', async () => {
    const { owner, ownerUser, viewer, app, v1 } = await team();
    await owner.trpc.versions.publish.mutate({ versionId: v1.id });
    const scope = { appId: app.id, dataset: liveDataset, blueprint: toAppBlueprint(classBookings) };
    const made = await createRecord(context.database.db, scope, {
      entityId: 'class',
      actorId: ownerUser.id,
      values: { 'class-name': 'Yoga', 'class-starts': '2025-03-01T09:00', 'class-seats': 8 },
    });
    const listed = await owner.trpc.data.list.query({ appId: app.id, entityId: 'class' });
    expect(listed.source).toMatchObject({ kind: 'live', readOnly: false });
    expect(listed.records.map((record) => record.values['class-name'])).toEqual(['Yoga']);
    const { record } = await owner.trpc.data.update.mutate({
      appId: app.id,
      entityId: 'class',
      recordId: made.id,
      version: 1,
      values: { 'class-seats': 9 },
    });
    expect(record).toMatchObject({ version: 2, values: { 'class-seats': 9 } });
    expect(
      (
        await expectTRPCError(
          owner.trpc.data.update.mutate({
            appId: app.id,
            entityId: 'class',
            recordId: made.id,
            version: 1,
            values: { 'class-seats': 1 },
          }),
        )
      ).code,
    ).toBe('CONFLICT');
    const invalid = await expectTRPCError(
      owner.trpc.data.update.mutate({
        appId: app.id,
        entityId: 'class',
        recordId: made.id,
        version: 2,
        values: { 'class-seats': 'many' },
      }),
    );
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(invalid.message).toBe('Seats must be a number');
    expect((await expectTRPCError(viewer.trpc.data.list.query({ appId: app.id }))).code).toBe('FORBIDDEN');
    await owner.trpc.data.delete.mutate({ appId: app.id, entityId: 'class', recordId: made.id, version: 2 });
    const { entries } = await owner.trpc.data.audit.query({ appId: app.id, recordId: made.id });
    expect(entries.map((entry) => entry.action)).toEqual(['create', 'update', 'delete']);
    expect(entries[1]?.actorEmail).toBeTruthy();
  });
});
