import { insertVersion } from '@app/db';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectTRPCError, type Person, signUpPerson, type TestClient, useTestServer } from './harness.ts';
import { recordJobEvents } from './subscribe.ts';

// Workspaces over the real transport (SPEC §5, §12): who sees and does what is decided by
// membership of the app's workspace and the member's role.

const context = useTestServer();

const missingId = '00000000-0000-4000-8000-000000000000';

const person = () => signUpPerson(context.baseUrl);

function tokenOf(inviteUrl: string): string {
  const token = new URL(inviteUrl).pathname.split('/').at(-1);
  if (!token) throw new Error(`no token in ${inviteUrl}`);
  return token;
}

async function invite(owner: Person, workspaceId: string, guest: Person, role: 'editor' | 'viewer') {
  const { inviteUrl } = await owner.client.trpc.workspaces.invite.mutate({
    workspaceId,
    email: guest.email,
    role,
  });
  return inviteUrl;
}

async function streamError(client: TestClient, jobId: string): Promise<string | undefined> {
  const stream = recordJobEvents(client, jobId);
  const deadline = Date.now() + 5_000;
  while (stream.errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  stream.unsubscribe();
  return (stream.errors[0] as { data?: { code?: string } } | undefined)?.data?.code;
}

describe('a team workspace', () => {
  let owner: Person;
  let editor: Person;
  let viewer: Person;
  let outsider: Person;
  let workspaceId: string;
  let app: { id: string; name: string };
  let jobId: string;
  let versionId: string;

  beforeAll(async () => {
    [owner, editor, viewer, outsider] = await Promise.all([person(), person(), person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Makerspace' });
    workspaceId = workspace.id;
    for (const [guest, role] of [
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as const) {
      const url = await invite(owner, workspaceId, guest, role);
      await guest.client.trpc.workspaces.acceptInvite.mutate({ token: tokenOf(url) });
    }
    const created = await editor.client.trpc.apps.create.mutate({
      prompt: 'Our makerspace lends tools to members',
      workspaceId,
    });
    app = created.app;
    jobId = created.job.id;
    const version = await insertVersion(context.database.db, {
      appId: app.id,
      request: 'Our makerspace lends tools to members',
      files: [{ path: 'src/App.tsx', content: 'export default function App() { return null; }' }],
      ledger: [],
      plan: [],
    });
    versionId = version.id;
  });

  it('lists each member with their role, to every member', async () => {
    const members = await viewer.client.trpc.workspaces.members.query({ workspaceId });
    expect(members.map(({ userId, role }) => ({ userId, role }))).toEqual([
      { userId: owner.id, role: 'owner' },
      { userId: editor.id, role: 'editor' },
      { userId: viewer.id, role: 'viewer' },
    ]);
    const listed = await viewer.client.trpc.workspaces.list.query();
    expect(listed.map(({ id, role }) => ({ id, role }))).toEqual([
      { id: expect.any(String), role: 'owner' },
      { id: workspaceId, role: 'viewer' },
    ]);
  });

  it('answers an outsider NOT_FOUND for the app, its job, version and stream — exactly as a missing id', async () => {
    const { trpc } = outsider.client;
    expect(await expectTRPCError(trpc.apps.get.query({ appId: app.id }))).toEqual(
      await expectTRPCError(trpc.apps.get.query({ appId: missingId })),
    );
    expect(await expectTRPCError(trpc.jobs.get.query({ jobId }))).toEqual(
      await expectTRPCError(trpc.jobs.get.query({ jobId: missingId })),
    );
    expect(await expectTRPCError(trpc.versions.get.query({ versionId }))).toEqual(
      await expectTRPCError(trpc.versions.get.query({ versionId: missingId })),
    );
    expect((await expectTRPCError(trpc.versions.get.query({ versionId }))).code).toBe('NOT_FOUND');
    expect((await expectTRPCError(trpc.jobs.cancel.mutate({ jobId }))).code).toBe('NOT_FOUND');
    expect(await streamError(outsider.client, jobId)).toBe('NOT_FOUND');
    expect((await expectTRPCError(trpc.apps.list.query({ workspaceId }))).code).toBe('NOT_FOUND');
    expect((await expectTRPCError(trpc.workspaces.members.query({ workspaceId }))).code).toBe('NOT_FOUND');
    expect((await expectTRPCError(trpc.workspaces.invites.query({ workspaceId }))).code).toBe('NOT_FOUND');
    expect(
      (
        await expectTRPCError(
          trpc.workspaces.changeRole.mutate({ workspaceId, userId: outsider.id, role: 'owner' }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect((await trpc.apps.list.query()).apps).toEqual([]);
  });

  it('refuses a viewer every builder action (FORBIDDEN) and never shows them the conversation', async () => {
    const { trpc } = viewer.client;
    const refusals = await Promise.all([
      expectTRPCError(trpc.apps.get.query({ appId: app.id })),
      expectTRPCError(trpc.jobs.get.query({ jobId })),
      expectTRPCError(trpc.versions.get.query({ versionId })),
      expectTRPCError(trpc.jobs.cancel.mutate({ jobId })),
      expectTRPCError(trpc.jobs.build.mutate({ jobId })),
      expectTRPCError(trpc.apps.requestChange.mutate({ appId: app.id, prompt: 'Add a due date' })),
      expectTRPCError(trpc.versions.restore.mutate({ versionId })),
      expectTRPCError(trpc.apps.create.mutate({ prompt: 'A room booking tool', workspaceId })),
      expectTRPCError(trpc.workspaces.invite.mutate({ workspaceId, email: outsider.email, role: 'viewer' })),
      expectTRPCError(trpc.workspaces.invites.query({ workspaceId })),
      expectTRPCError(trpc.workspaces.revokeInvite.mutate({ workspaceId, inviteId: missingId })),
      expectTRPCError(trpc.workspaces.changeRole.mutate({ workspaceId, userId: viewer.id, role: 'editor' })),
    ]);
    expect(refusals.map((refusal) => refusal.code)).toEqual(Array(refusals.length).fill('FORBIDDEN'));
    expect(await streamError(viewer.client, jobId)).toBe('FORBIDDEN');
    // Viewers use published apps only: nothing is published yet, so they list nothing.
    expect((await trpc.apps.list.query({ workspaceId })).apps).toEqual([]);
  });

  it('lets an editor see and change the app, and not manage members', async () => {
    const { trpc } = editor.client;
    const got = await trpc.apps.get.query({ appId: app.id });
    expect(got.app).toMatchObject({ id: app.id, workspaceId, role: 'editor' });
    expect((await trpc.jobs.get.query({ jobId })).id).toBe(jobId);
    expect((await trpc.versions.get.query({ versionId })).id).toBe(versionId);
    const listed = await trpc.apps.list.query({ workspaceId });
    expect(listed.apps.map((listedApp) => listedApp.id)).toEqual([app.id]);
    // The owner, who did not start the job, may act on it too; then the editor asks for a change.
    expect((await owner.client.trpc.jobs.cancel.mutate({ jobId })).job.status).toBe('cancelled');
    const change = await trpc.apps.requestChange.mutate({
      appId: app.id,
      prompt: 'Add a due date to each loan',
    });
    expect(change.job.kind).toBe('change');
    const refusals = await Promise.all([
      expectTRPCError(trpc.workspaces.removeMember.mutate({ workspaceId, userId: viewer.id })),
      expectTRPCError(trpc.workspaces.invites.query({ workspaceId })),
      expectTRPCError(trpc.workspaces.changeRole.mutate({ workspaceId, userId: editor.id, role: 'owner' })),
    ]);
    expect(refusals.map((refusal) => refusal.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('members and invites', () => {
  it('creates an app in the personal workspace by default', async () => {
    const ada = await person();
    const [personal] = await ada.client.trpc.workspaces.list.query();
    expect(personal).toMatchObject({ personal: true, role: 'owner' });
    const { app } = await ada.client.trpc.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
    const listed = await ada.client.trpc.apps.list.query({ workspaceId: personal?.id });
    expect(listed.apps.map((listedApp) => listedApp.id)).toEqual([app.id]);
  });

  it("hands out a link on the builder's origin that works once, for its email only, until it expires", async () => {
    const [owner, guest, other] = await Promise.all([person(), person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Clinic' });
    const url = await invite(owner, workspace.id, guest, 'editor');
    expect(url).toMatch(new RegExp(`^${context.baseUrl}/invite/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(url);

    const wrongPerson = await expectTRPCError(other.client.trpc.workspaces.acceptInvite.mutate({ token }));
    expect(wrongPerson.code).toBe('FORBIDDEN');
    const accepted = await guest.client.trpc.workspaces.acceptInvite.mutate({ token });
    expect(accepted.workspace).toMatchObject({ id: workspace.id, name: 'Clinic', role: 'editor' });
    expect((await expectTRPCError(guest.client.trpc.workspaces.acceptInvite.mutate({ token }))).code).toBe(
      'CONFLICT',
    );
    // The one who was refused gets nothing from it either.
    expect((await other.client.trpc.workspaces.list.query()).map((w) => w.id)).not.toContain(workspace.id);

    const late = tokenOf(await invite(owner, workspace.id, other, 'viewer'));
    await sql`update workspace_invites set expires_at = now() - interval '1 minute' where accepted_at is null`.execute(
      context.database.db,
    );
    const expired = await expectTRPCError(other.client.trpc.workspaces.acceptInvite.mutate({ token: late }));
    expect(expired).toEqual({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('expired') });
    expect(
      (await expectTRPCError(other.client.trpc.workspaces.acceptInvite.mutate({ token: 'not-a-token' })))
        .code,
    ).toBe('BAD_REQUEST');
    expect(
      (await expectTRPCError(other.client.trpc.workspaces.acceptInvite.mutate({ token: 'x'.repeat(43) })))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('shows owners the pending invites and lets them revoke one; a revoked link no longer works', async () => {
    const [owner, guest, late] = await Promise.all([person(), person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Front desk' });
    const kept = await invite(owner, workspace.id, late, 'viewer');
    const revoked = await invite(owner, workspace.id, guest, 'editor');
    const pending = await owner.client.trpc.workspaces.invites.query({ workspaceId: workspace.id });
    expect(
      pending.map(({ email, role, expired, invitedBy }) => ({ email, role, expired, invitedBy })),
    ).toEqual([
      { email: guest.email, role: 'editor', expired: false, invitedBy: owner.email },
      { email: late.email, role: 'viewer', expired: false, invitedBy: owner.email },
    ]);
    expect(JSON.stringify(pending)).not.toContain(tokenOf(revoked));
    const inviteId = pending[0]?.id ?? '';
    expect(
      await owner.client.trpc.workspaces.revokeInvite.mutate({ workspaceId: workspace.id, inviteId }),
    ).toEqual({ ok: true });
    expect(
      (await expectTRPCError(guest.client.trpc.workspaces.acceptInvite.mutate({ token: tokenOf(revoked) })))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await expectTRPCError(
          owner.client.trpc.workspaces.revokeInvite.mutate({ workspaceId: workspace.id, inviteId }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    // The other link still works, and once used it is a member, not an invite.
    await late.client.trpc.workspaces.acceptInvite.mutate({ token: tokenOf(kept) });
    expect(await owner.client.trpc.workspaces.invites.query({ workspaceId: workspace.id })).toEqual([]);
  });

  it('lets an owner change a role, which takes effect on the next call; the last owner cannot step down', async () => {
    const [owner, member] = await Promise.all([person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Studio' });
    await member.client.trpc.workspaces.acceptInvite.mutate({
      token: tokenOf(await invite(owner, workspace.id, member, 'viewer')),
    });
    const { app } = await owner.client.trpc.apps.create.mutate({
      prompt: 'Class bookings',
      workspaceId: workspace.id,
    });
    expect((await expectTRPCError(member.client.trpc.apps.get.query({ appId: app.id }))).code).toBe(
      'FORBIDDEN',
    );
    const { member: promoted } = await owner.client.trpc.workspaces.changeRole.mutate({
      workspaceId: workspace.id,
      userId: member.id,
      role: 'editor',
    });
    expect(promoted).toMatchObject({ userId: member.id, role: 'editor' });
    expect((await member.client.trpc.apps.get.query({ appId: app.id })).app.role).toBe('editor');
    await owner.client.trpc.workspaces.changeRole.mutate({
      workspaceId: workspace.id,
      userId: member.id,
      role: 'owner',
    });
    // Two owners: one may step down; the one left may not.
    await member.client.trpc.workspaces.changeRole.mutate({
      workspaceId: workspace.id,
      userId: owner.id,
      role: 'viewer',
    });
    const lastOwner = await expectTRPCError(
      member.client.trpc.workspaces.changeRole.mutate({
        workspaceId: workspace.id,
        userId: member.id,
        role: 'editor',
      }),
    );
    expect(lastOwner.code).toBe('CONFLICT');
    expect((await expectTRPCError(owner.client.trpc.apps.get.query({ appId: app.id }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it("ends a removed member's open event stream within one access check", { timeout: 30_000 }, async () => {
    const [owner, editor] = await Promise.all([person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Stores' });
    await editor.client.trpc.workspaces.acceptInvite.mutate({
      token: tokenOf(await invite(owner, workspace.id, editor, 'editor')),
    });
    const { job } = await owner.client.trpc.apps.create.mutate({
      prompt: 'Track the stock of our stores',
      workspaceId: workspace.id,
    });
    const stream = recordJobEvents(editor.client, job.id);
    const until = async (done: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => stream.events.length > 0, 5_000);
    expect(stream.events.length).toBeGreaterThan(0);
    expect(stream.errors).toEqual([]);

    await owner.client.trpc.workspaces.removeMember.mutate({ workspaceId: workspace.id, userId: editor.id });
    const removedAt = Date.now();
    await until(() => stream.errors.length > 0, 15_000);
    stream.unsubscribe();
    expect((stream.errors[0] as { data?: { code?: string } } | undefined)?.data?.code).toBe('NOT_FOUND');
    expect(Date.now() - removedAt).toBeLessThan(12_000);
  });

  it('lets the owner remove a member, who then cannot reach the apps; the last owner can neither leave nor go', async () => {
    const [owner, editor] = await Promise.all([person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Dispatch' });
    await editor.client.trpc.workspaces.acceptInvite.mutate({
      token: tokenOf(await invite(owner, workspace.id, editor, 'editor')),
    });
    const { app } = await owner.client.trpc.apps.create.mutate({
      prompt: 'Dispatchers assign jobs to technicians',
      workspaceId: workspace.id,
    });
    expect((await editor.client.trpc.apps.get.query({ appId: app.id })).app.id).toBe(app.id);

    await owner.client.trpc.workspaces.removeMember.mutate({ workspaceId: workspace.id, userId: editor.id });
    expect((await expectTRPCError(editor.client.trpc.apps.get.query({ appId: app.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await expectTRPCError(owner.client.trpc.workspaces.leave.mutate({ workspaceId: workspace.id }))).code,
    ).toBe('CONFLICT');
    expect(
      (
        await expectTRPCError(
          owner.client.trpc.workspaces.removeMember.mutate({ workspaceId: workspace.id, userId: owner.id }),
        )
      ).code,
    ).toBe('CONFLICT');

    // A member who is not the last owner may leave on their own.
    await editor.client.trpc.workspaces.acceptInvite.mutate({
      token: tokenOf(await invite(owner, workspace.id, editor, 'viewer')),
    });
    await editor.client.trpc.workspaces.leave.mutate({ workspaceId: workspace.id });
    const members = await owner.client.trpc.workspaces.members.query({ workspaceId: workspace.id });
    expect(members.map((member) => member.userId)).toEqual([owner.id]);
  });
});
