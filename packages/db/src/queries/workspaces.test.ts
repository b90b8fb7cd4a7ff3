import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConflictError, ExpiredError, ForbiddenError, NotFoundError } from '../errors.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { appAccess, requireAppRole, requireJobRole, requireVersionRole } from './access.ts';
import { createAppWithJob, listAppSummaries } from './apps.ts';
import { cancelJob } from './lifecycle.ts';
import { insertUser } from './users.ts';
import { insertVersion } from './versions.ts';
import {
  acceptInvite,
  changeMemberRole,
  createInvite,
  createWorkspace,
  findPersonalWorkspaceId,
  leaveWorkspace,
  listInvites,
  listMembers,
  listWorkspaces,
  removeMember,
  revokeInvite,
} from './workspaces.ts';

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

/** An owner's team workspace with an editor and a viewer who joined through invites. */
async function team() {
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
  return { owner, editor, viewer, outsider, workspace };
}

describe('sign-up and workspaces', () => {
  it('gives each new person a personal workspace they own, listed first', async () => {
    const ada = await person();
    const personalId = await findPersonalWorkspaceId(database.db, ada.id);
    const extra = await createWorkspace(database.db, { userId: ada.id, name: 'Aardvark team' });
    const listed = await listWorkspaces(database.db, ada.id);
    expect(listed.map(({ id, role, personal }) => ({ id, role, personal }))).toEqual([
      { id: personalId, role: 'owner', personal: true },
      { id: extra.id, role: 'owner', personal: false },
    ]);
  });

  it('puts an app in the personal workspace by default, and only where the person may build', async () => {
    const { owner, viewer, outsider, workspace } = await team();
    const { app } = await createAppWithJob(database.db, {
      userId: owner.id,
      name: 'Mine',
      request: 'A list',
    });
    expect(app.workspace_id).toBe(await findPersonalWorkspaceId(database.db, owner.id));
    await expect(
      createAppWithJob(database.db, {
        userId: viewer.id,
        workspaceId: workspace.id,
        name: 'X',
        request: 'A list',
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createAppWithJob(database.db, {
        userId: outsider.id,
        workspaceId: workspace.id,
        name: 'X',
        request: 'A list',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the access check', () => {
  it('outsiders get NotFound, viewers Forbidden on build actions, editors and owners may build', async () => {
    const { owner, editor, viewer, outsider, workspace } = await team();
    const { app, job } = await createAppWithJob(database.db, {
      userId: editor.id,
      workspaceId: workspace.id,
      name: 'Loans',
      request: 'A tool library',
    });
    const version = await insertVersion(database.db, {
      appId: app.id,
      request: 'A tool library',
      files: [],
      ledger: [],
      plan: [],
    });
    expect(await appAccess(database.db, { userId: outsider.id, appId: app.id })).toBeNull();
    expect((await appAccess(database.db, { userId: viewer.id, appId: app.id }))?.role).toBe('viewer');

    const checks = [
      (userId: string) => requireAppRole(database.db, { userId, appId: app.id, action: 'build' }),
      (userId: string) => requireJobRole(database.db, { userId, jobId: job.id, action: 'build' }),
      (userId: string) => requireVersionRole(database.db, { userId, versionId: version.id, action: 'build' }),
    ];
    for (const check of checks) {
      await expect(check(outsider.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(check(viewer.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(check(editor.id)).resolves.toBeTruthy();
      await expect(check(owner.id)).resolves.toBeTruthy();
    }
    // A viewer may use the app (its published form) but not manage the workspace.
    await expect(
      requireAppRole(database.db, { userId: viewer.id, appId: app.id, action: 'use' }),
    ).resolves.toBeTruthy();
    await expect(
      requireAppRole(database.db, { userId: editor.id, appId: app.id, action: 'manage' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // The commands go through it: the owner (not the job's starter) may cancel, a viewer may not.
    await expect(cancelJob(database.db, { jobId: job.id, userId: viewer.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await cancelJob(database.db, { jobId: job.id, userId: owner.id })).job.status).toBe('cancelled');
  });

  it("lists a workspace's apps for its editors, none for its viewers (until publishing), a page at a time", async () => {
    const { owner, viewer, outsider, workspace } = await team();
    const names = ['A', 'B', 'C', 'D', 'E'];
    for (const name of names) {
      await createAppWithJob(database.db, {
        userId: owner.id,
        workspaceId: workspace.id,
        name,
        request: 'x',
      });
    }
    const first = await listAppSummaries(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      limit: 2,
    });
    const second = await listAppSummaries(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    const third = await listAppSummaries(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      limit: 2,
      cursor: second.nextCursor,
    });
    expect([...first.apps, ...second.apps, ...third.apps].map((app) => app.name)).toEqual(
      [...names].reverse(),
    );
    expect(third.nextCursor).toBeNull();
    expect(
      (await listAppSummaries(database.db, { userId: viewer.id, workspaceId: workspace.id })).apps,
    ).toEqual([]);
    await expect(
      listAppSummaries(database.db, { userId: outsider.id, workspaceId: workspace.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Without a workspace: every workspace the person builds in (here: personal is empty).
    const all = await listAppSummaries(database.db, { userId: owner.id });
    expect(all.apps.every((app) => app.workspaceId === workspace.id && app.role === 'owner')).toBe(true);
  });
});

describe('invites', () => {
  it('are single use, for their email only, and expire', async () => {
    const [owner, guest, stranger] = await Promise.all([
      person('owner'),
      person('guest'),
      person('stranger'),
    ]);
    const workspace = await createWorkspace(database.db, { userId: owner.id, name: 'Clinic' });
    const invite = await createInvite(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      email: guest.email.toUpperCase(),
      role: 'editor',
    });
    await expect(
      acceptInvite(database.db, { userId: stranger.id, token: invite.token }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const joined = await acceptInvite(database.db, { userId: guest.id, token: invite.token });
    expect(joined).toMatchObject({ id: workspace.id, role: 'editor' });
    await expect(acceptInvite(database.db, { userId: guest.id, token: invite.token })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      acceptInvite(database.db, { userId: guest.id, token: 'no-such-token' }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const late = await createInvite(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      email: stranger.email,
      role: 'viewer',
    });
    await sql`update workspace_invites set expires_at = now() - interval '1 second' where id = ${late.inviteId}`.execute(
      database.db,
    );
    await expect(
      acceptInvite(database.db, { userId: stranger.id, token: late.token }),
    ).rejects.toBeInstanceOf(ExpiredError);
    // Only owners invite; a current member cannot be invited again.
    await expect(
      createInvite(database.db, {
        userId: guest.id,
        workspaceId: workspace.id,
        email: stranger.email,
        role: 'viewer',
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createInvite(database.db, {
        userId: owner.id,
        workspaceId: workspace.id,
        email: guest.email,
        role: 'viewer',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('runs two concurrent accepts of one invite as one join and one conflict', async () => {
    const [owner, guest] = await Promise.all([person('owner'), person('guest')]);
    const workspace = await createWorkspace(database.db, { userId: owner.id, name: 'Race' });
    const { token } = await createInvite(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      email: guest.email,
      role: 'viewer',
    });
    const results = await Promise.allSettled([
      acceptInvite(database.db, { userId: guest.id, token }),
      acceptInvite(database.db, { userId: guest.id, token }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
  });
});

describe('pending invites', () => {
  it('are listed to owners with who sent them, expired ones marked; revoking one ends its link at once', async () => {
    const { owner, editor, viewer, outsider, workspace } = await team();
    const [first, second] = await Promise.all([person('first'), person('second')]);
    const sent = await createInvite(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      email: first.email,
      role: 'editor',
    });
    const stale = await createInvite(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      email: second.email,
      role: 'viewer',
    });
    await sql`update workspace_invites set expires_at = now() - interval '1 second' where id = ${stale.inviteId}`.execute(
      database.db,
    );
    const listed = await listInvites(database.db, { userId: owner.id, workspaceId: workspace.id });
    // The two accepted in team() are members now, not invites.
    expect(listed).toEqual([
      expect.objectContaining({ id: stale.inviteId, email: second.email, role: 'viewer', expired: true }),
      expect.objectContaining({ id: sent.inviteId, email: first.email, role: 'editor', expired: false }),
    ]);
    expect(listed[0]?.invitedBy).toBe(owner.email);
    expect(JSON.stringify(listed)).not.toContain(sent.token);
    // Owners only: an editor and a viewer are refused, an outsider does not see the workspace.
    for (const member of [editor, viewer])
      await expect(
        listInvites(database.db, { userId: member.id, workspaceId: workspace.id }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      listInvites(database.db, { userId: outsider.id, workspaceId: workspace.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      revokeInvite(database.db, { userId: editor.id, workspaceId: workspace.id, inviteId: sent.inviteId }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    await revokeInvite(database.db, { userId: owner.id, workspaceId: workspace.id, inviteId: sent.inviteId });
    await expect(acceptInvite(database.db, { userId: first.id, token: sent.token })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(
      (await listInvites(database.db, { userId: owner.id, workspaceId: workspace.id })).map((i) => i.id),
    ).toEqual([stale.inviteId]);
    await expect(
      revokeInvite(database.db, { userId: owner.id, workspaceId: workspace.id, inviteId: sent.inviteId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Another workspace's invite is not found through this one.
    const other = await createWorkspace(database.db, { userId: owner.id, name: 'Elsewhere' });
    await expect(
      revokeInvite(database.db, { userId: owner.id, workspaceId: other.id, inviteId: stale.inviteId }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to revoke an invite that was accepted: that person is a member', async () => {
    const [owner, guest] = await Promise.all([person('owner'), person('guest')]);
    const workspace = await createWorkspace(database.db, { userId: owner.id, name: 'Accepted' });
    const invite = await createInvite(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      email: guest.email,
      role: 'viewer',
    });
    await acceptInvite(database.db, { userId: guest.id, token: invite.token });
    await expect(
      revokeInvite(database.db, { userId: owner.id, workspaceId: workspace.id, inviteId: invite.inviteId }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('members', () => {
  it('owners remove members; the last owner can neither leave nor be removed nor step down', async () => {
    const { owner, editor, viewer, workspace } = await team();
    expect(
      (await listMembers(database.db, { userId: viewer.id, workspaceId: workspace.id })).map((m) => m.role),
    ).toEqual(['owner', 'editor', 'viewer']);
    await expect(
      removeMember(database.db, { userId: editor.id, workspaceId: workspace.id, memberId: viewer.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await removeMember(database.db, { userId: owner.id, workspaceId: workspace.id, memberId: viewer.id });
    await expect(
      requireAppRole(database.db, { userId: viewer.id, appId: crypto.randomUUID(), action: 'use' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await listWorkspaces(database.db, viewer.id)).toHaveLength(1);

    await expect(
      leaveWorkspace(database.db, { userId: owner.id, workspaceId: workspace.id }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      removeMember(database.db, { userId: owner.id, workspaceId: workspace.id, memberId: owner.id }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      changeMemberRole(database.db, {
        userId: owner.id,
        workspaceId: workspace.id,
        memberId: owner.id,
        role: 'editor',
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    // With a second owner the first may leave; the editor leaves on their own.
    await changeMemberRole(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      memberId: editor.id,
      role: 'owner',
    });
    await leaveWorkspace(database.db, { userId: owner.id, workspaceId: workspace.id });
    await expect(
      listMembers(database.db, { userId: owner.id, workspaceId: workspace.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(
      (await listMembers(database.db, { userId: editor.id, workspaceId: workspace.id })).map((m) => m.role),
    ).toEqual(['owner']);
  });

  it('never leaves a workspace without an owner when two owners remove each other at once', async () => {
    const { owner, editor, workspace } = await team();
    await changeMemberRole(database.db, {
      userId: owner.id,
      workspaceId: workspace.id,
      memberId: editor.id,
      role: 'owner',
    });
    const results = await Promise.allSettled([
      removeMember(database.db, { userId: owner.id, workspaceId: workspace.id, memberId: editor.id }),
      removeMember(database.db, { userId: editor.id, workspaceId: workspace.id, memberId: owner.id }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const owners = await database.db
      .selectFrom('workspace_members')
      .select('user_id')
      .where('workspace_id', '=', workspace.id)
      .where('role', '=', 'owner')
      .execute();
    expect(owners).toHaveLength(1);
  });

  it('keeps a personal workspace to its one owner', async () => {
    const [ada, bob] = await Promise.all([person(), person()]);
    const personal = await findPersonalWorkspaceId(database.db, ada.id);
    const { token } = await createInvite(database.db, {
      userId: ada.id,
      workspaceId: personal,
      email: bob.email,
      role: 'editor',
    });
    await acceptInvite(database.db, { userId: bob.id, token });
    await expect(
      changeMemberRole(database.db, {
        userId: ada.id,
        workspaceId: personal,
        memberId: bob.id,
        role: 'owner',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await findPersonalWorkspaceId(database.db, bob.id)).not.toBe(personal);
  });
});
