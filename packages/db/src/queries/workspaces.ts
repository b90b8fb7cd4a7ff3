import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type DbOrTrx, inTransaction, type Trx } from '../client.ts';
import { ConflictError, ExpiredError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { WorkspaceRole } from '../schema.ts';
import { requireWorkspaceRole } from './access.ts';

/** A workspace as one member sees it. */
export interface WorkspaceSummary {
  id: string;
  name: string;
  personal: boolean;
  role: WorkspaceRole;
  createdAt: string;
}

export interface WorkspaceMember {
  userId: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: string;
}

export type InviteRole = Exclude<WorkspaceRole, 'owner'>;

/** How long an invite link works: long enough to reach someone, short enough to go stale. */
export const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;

const personalWorkspaceName = 'Personal';

/** Inside sign-up's transaction: the person's own workspace, with them as its one owner. */
export async function createPersonalWorkspace(trx: Trx, userId: string): Promise<string> {
  const workspace = await trx
    .insertInto('workspaces')
    .values({ name: personalWorkspaceName, personal: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('workspace_members')
    .values({ workspace_id: workspace.id, user_id: userId, role: 'owner' })
    .execute();
  return workspace.id;
}

/**
 * The person's personal workspace (where `apps.create` puts an app by default). Its owner is the
 * only owner it can have (`changeMemberRole` refuses a second), so this is unambiguous.
 */
export async function findPersonalWorkspaceId(db: DbOrTrx, userId: string): Promise<string> {
  const row = await db
    .selectFrom('workspaces')
    .innerJoin('workspace_members as member', 'member.workspace_id', 'workspaces.id')
    .select('workspaces.id')
    .where('member.user_id', '=', userId)
    .where('member.role', '=', 'owner')
    .where('workspaces.personal', '=', true)
    .orderBy('workspaces.created_at')
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Personal workspace not found');
  return row.id;
}

export async function createWorkspace(
  db: DbOrTrx,
  input: { userId: string; name: string },
): Promise<WorkspaceSummary> {
  return inTransaction(db, async (trx) => {
    const workspace = await trx
      .insertInto('workspaces')
      .values({ name: input.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('workspace_members')
      .values({ workspace_id: workspace.id, user_id: input.userId, role: 'owner' })
      .execute();
    return {
      id: workspace.id,
      name: workspace.name,
      personal: workspace.personal,
      role: 'owner',
      createdAt: workspace.created_at.toISOString(),
    };
  });
}

/** Every workspace the person is in, their personal one first, then by name. */
export async function listWorkspaces(db: DbOrTrx, userId: string): Promise<WorkspaceSummary[]> {
  const rows = await db
    .selectFrom('workspaces')
    .innerJoin('workspace_members as member', 'member.workspace_id', 'workspaces.id')
    .select([
      'workspaces.id',
      'workspaces.name',
      'workspaces.personal',
      'workspaces.created_at',
      'member.role',
    ])
    .where('member.user_id', '=', userId)
    .orderBy('workspaces.personal', 'desc')
    .orderBy('workspaces.name')
    .orderBy('workspaces.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    personal: row.personal,
    role: row.role,
    createdAt: row.created_at.toISOString(),
  }));
}

async function workspaceSummary(db: DbOrTrx, userId: string, workspaceId: string): Promise<WorkspaceSummary> {
  const found = (await listWorkspaces(db, userId)).find((workspace) => workspace.id === workspaceId);
  if (!found) throw new NotFoundError('Workspace not found');
  return found;
}

/** Any member may see who else is in the workspace. */
export async function listMembers(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string },
): Promise<WorkspaceMember[]> {
  await requireWorkspaceRole(db, { ...input, action: 'use' });
  const rows = await db
    .selectFrom('workspace_members as member')
    .innerJoin('users', 'users.id', 'member.user_id')
    .select(['member.user_id', 'users.email', 'member.role', 'member.created_at'])
    .where('member.workspace_id', '=', input.workspaceId)
    .orderBy('member.created_at')
    .orderBy('users.email')
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    role: row.role,
    joinedAt: row.created_at.toISOString(),
  }));
}

export function hashInviteToken(token: string): string {
  // Plain SHA-256: the token is 256 random bits, so a slow or keyed hash would add nothing.
  return createHash('sha256').update(token).digest('hex');
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * An owner invites someone by email. Returns the link's token: shown once, stored only as a hash.
 * Inviting a current member is a conflict (they are in already; change their role instead).
 */
export async function createInvite(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string; email: string; role: InviteRole; lifetimeMs?: number },
): Promise<{ token: string; inviteId: string; email: string; role: InviteRole; expiresAt: string }> {
  await requireWorkspaceRole(db, { userId: input.userId, workspaceId: input.workspaceId, action: 'manage' });
  const email = normaliseEmail(input.email);
  const member = await db
    .selectFrom('workspace_members as member')
    .innerJoin('users', 'users.id', 'member.user_id')
    .select('member.user_id')
    .where('member.workspace_id', '=', input.workspaceId)
    .where(sql<string>`lower(users.email)`, '=', email)
    .executeTakeFirst();
  if (member) throw new ConflictError(`${email} is already a member of this workspace`);
  const token = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('workspace_invites')
    .values({
      workspace_id: input.workspaceId,
      email,
      role: input.role,
      token_hash: hashInviteToken(token),
      expires_at: sql<string>`now() + ${`${input.lifetimeMs ?? inviteLifetimeMs} milliseconds`}::interval`,
      created_by: input.userId,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { token, inviteId: row.id, email, role: input.role, expiresAt: row.expires_at.toISOString() };
}

/** An invite not yet accepted, as its workspace's owners see it (never its token). */
export interface PendingInvite {
  id: string;
  email: string;
  role: InviteRole;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  /** Past its expiry: the link no longer works, the owner may send a new one. */
  expired: boolean;
}

/** The workspace's invites not yet accepted, newest first: owners only. */
export async function listInvites(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string },
): Promise<PendingInvite[]> {
  await requireWorkspaceRole(db, { ...input, action: 'manage' });
  const rows = await db
    .selectFrom('workspace_invites as invite')
    .leftJoin('users as inviter', 'inviter.id', 'invite.created_by')
    .select([
      'invite.id',
      'invite.email',
      'invite.role',
      'inviter.email as invited_by',
      'invite.created_at',
      'invite.expires_at',
      sql<boolean>`invite.expires_at <= now()`.as('expired'),
    ])
    .where('invite.workspace_id', '=', input.workspaceId)
    .where('invite.accepted_at', 'is', null)
    .orderBy('invite.created_at', 'desc')
    .orderBy('invite.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    expired: row.expired,
  }));
}

/**
 * An owner withdraws an invite that has not been accepted: its link stops working at once (the row
 * goes, so the link is then as unknown as a made-up one). One already accepted is a conflict —
 * that person is a member now, and is removed as one.
 */
export async function revokeInvite(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string; inviteId: string },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await requireWorkspaceRole(trx, {
      userId: input.userId,
      workspaceId: input.workspaceId,
      action: 'manage',
    });
    const invite = await trx
      .selectFrom('workspace_invites')
      .select('accepted_at')
      .where('id', '=', input.inviteId)
      .where('workspace_id', '=', input.workspaceId)
      .forUpdate()
      .executeTakeFirst();
    if (!invite) throw new NotFoundError('Invite not found');
    if (invite.accepted_at !== null)
      throw new ConflictError('This invite has already been accepted: remove the member instead');
    await trx.deleteFrom('workspace_invites').where('id', '=', input.inviteId).execute();
  });
}

/**
 * Accepting an invite link. The invite is for one email address: the signed-in person must be
 * that address (case-insensitive), so a forwarded or leaked link does not let anyone else in.
 * Single use: the invite row is locked, so of two concurrent accepts one wins and the other sees
 * it used (ConflictError). Checked in this order — unknown (NotFound), used (Conflict), expired
 * (ExpiredError), someone else's (Forbidden). Someone already in the workspace keeps their role.
 */
export async function acceptInvite(
  db: DbOrTrx,
  input: { userId: string; token: string },
): Promise<WorkspaceSummary> {
  return inTransaction(db, async (trx) => {
    const invite = await trx
      .selectFrom('workspace_invites')
      .select([
        'id',
        'workspace_id',
        'email',
        'role',
        'accepted_at',
        sql<boolean>`expires_at <= now()`.as('expired'),
      ])
      .where('token_hash', '=', hashInviteToken(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!invite) throw new NotFoundError('Invite not found');
    if (invite.accepted_at !== null) throw new ConflictError('This invite has already been used');
    if (invite.expired)
      throw new ExpiredError('This invite has expired: ask the workspace owner for a new one');
    const user = await trx
      .selectFrom('users')
      .select('email')
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow();
    if (normaliseEmail(user.email) !== invite.email) {
      throw new ForbiddenError(`This invite is for ${invite.email}: sign in with that address to accept it`);
    }
    await trx
      .insertInto('workspace_members')
      .values({ workspace_id: invite.workspace_id, user_id: input.userId, role: invite.role })
      .onConflict((conflict) => conflict.columns(['workspace_id', 'user_id']).doNothing())
      .execute();
    await trx
      .updateTable('workspace_invites')
      .set({ accepted_at: sql<string>`now()`, accepted_by: input.userId })
      .where('id', '=', invite.id)
      .execute();
    return workspaceSummary(trx, input.userId, invite.workspace_id);
  });
}

/**
 * Membership changes of one workspace run one at a time (the workspace row is locked), so two
 * owners removing each other at once cannot leave it with none: the second sees one owner left.
 */
async function lockWorkspace(trx: Trx, workspaceId: string): Promise<void> {
  await trx
    .selectFrom('workspaces')
    .select('id')
    .where('id', '=', workspaceId)
    .forUpdate()
    .executeTakeFirst();
}

async function memberRole(trx: Trx, workspaceId: string, userId: string): Promise<WorkspaceRole | null> {
  const row = await trx
    .selectFrom('workspace_members')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

async function ownerCount(trx: Trx, workspaceId: string): Promise<number> {
  const { count } = await trx
    .selectFrom('workspace_members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(count);
}

async function deleteMember(
  trx: Trx,
  workspaceId: string,
  memberId: string,
  lastOwnerMessage: string,
): Promise<void> {
  const role = await memberRole(trx, workspaceId, memberId);
  if (!role) throw new NotFoundError('Member not found');
  if (role === 'owner' && (await ownerCount(trx, workspaceId)) <= 1)
    throw new ConflictError(lastOwnerMessage);
  await trx
    .deleteFrom('workspace_members')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', memberId)
    .execute();
}

/** An owner removes someone (themselves included, unless they are the last owner). */
export async function removeMember(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string; memberId: string },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockWorkspace(trx, input.workspaceId);
    await requireWorkspaceRole(trx, {
      userId: input.userId,
      workspaceId: input.workspaceId,
      action: 'manage',
    });
    await deleteMember(
      trx,
      input.workspaceId,
      input.memberId,
      'A workspace needs an owner: make someone else an owner before removing the last one',
    );
  });
}

/** Any member may leave; the last owner may not (the workspace would be left with no one to manage it). */
export async function leaveWorkspace(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockWorkspace(trx, input.workspaceId);
    await requireWorkspaceRole(trx, { ...input, action: 'use' });
    await deleteMember(
      trx,
      input.workspaceId,
      input.userId,
      'You are the last owner: make someone else an owner before leaving',
    );
  });
}

/**
 * An owner changes someone's role. The last owner cannot step down, and a personal workspace keeps
 * its one owner (it is how `findPersonalWorkspaceId` finds it).
 */
export async function changeMemberRole(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string; memberId: string; role: WorkspaceRole },
): Promise<WorkspaceMember> {
  return inTransaction(db, async (trx) => {
    await lockWorkspace(trx, input.workspaceId);
    await requireWorkspaceRole(trx, {
      userId: input.userId,
      workspaceId: input.workspaceId,
      action: 'manage',
    });
    const current = await memberRole(trx, input.workspaceId, input.memberId);
    if (!current) throw new NotFoundError('Member not found');
    if (current === 'owner' && input.role !== 'owner' && (await ownerCount(trx, input.workspaceId)) <= 1) {
      throw new ConflictError('A workspace needs an owner: make someone else an owner first');
    }
    if (input.role === 'owner' && current !== 'owner') {
      const workspace = await trx
        .selectFrom('workspaces')
        .select('personal')
        .where('id', '=', input.workspaceId)
        .executeTakeFirstOrThrow();
      if (workspace.personal) throw new ConflictError('A personal workspace has one owner');
    }
    const row = await trx
      .updateTable('workspace_members')
      .set({ role: input.role })
      .where('workspace_id', '=', input.workspaceId)
      .where('user_id', '=', input.memberId)
      .returning(['user_id', 'role', 'created_at'])
      .executeTakeFirstOrThrow();
    const user = await trx
      .selectFrom('users')
      .select('email')
      .where('id', '=', row.user_id)
      .executeTakeFirstOrThrow();
    return { userId: row.user_id, email: user.email, role: row.role, joinedAt: row.created_at.toISOString() };
  });
}
