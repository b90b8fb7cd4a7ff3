import { sql } from 'kysely';
import type { DbOrTrx } from '../client.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { AppRow, JobRow, VersionRow, WorkspaceRole } from '../schema.ts';

/**
 * THE access check (SPEC §12, docs/architecture.md#team-workspaces-and-access). Every read or action on an app, a
 * job, a version, a workspace — in the builder's API and on the apps origin — asks here, so who
 * may do what is decided in one place:
 *
 * | action   | who                     | what it covers                                             |
 * | -------- | ----------------------- | ---------------------------------------------------------- |
 * | `use`    | any member              | see the workspace and its members, use a published app     |
 * | `build`  | editor, owner           | create / change apps, conversations, jobs, versions,       |
 * |          |                         | publish, export, the data tab                              |
 * | `manage` | owner                   | invite, remove members, change roles                       |
 *
 * Someone who is not a member gets `NotFoundError`, word for word what a missing id gets, so an id
 * never leaks whether it exists; a member whose role may not act gets `ForbiddenError`.
 */
export type AccessAction = 'use' | 'build' | 'manage';

const rolesAllowed: Record<AccessAction, readonly WorkspaceRole[]> = {
  use: ['owner', 'editor', 'viewer'],
  build: ['owner', 'editor'],
  manage: ['owner'],
};

/** The roles that may do `action`, for queries that filter by role in SQL. */
export function rolesAllowedTo(action: AccessAction): WorkspaceRole[] {
  return [...rolesAllowed[action]];
}

export function roleAllows(role: WorkspaceRole, action: AccessAction): boolean {
  return rolesAllowed[action].includes(role);
}

const refusals: Record<AccessAction, string> = {
  use: 'You are not a member of this workspace',
  build: 'Viewers can only use published apps: ask an owner of the workspace for editor access',
  manage: 'Only an owner of the workspace can manage its members',
};

function requireAllowed(role: WorkspaceRole, action: AccessAction): void {
  if (!roleAllows(role, action)) throw new ForbiddenError(refusals[action]);
}

/**
 * The refusal a person with `role` in a thing's workspace (null: no member, or no such thing) gets
 * for `action` — what the require* checks throw — or null when they may.
 */
export function accessRefusal(
  role: WorkspaceRole | null,
  action: AccessAction,
  what: 'App' | 'Job' | 'Version',
): NotFoundError | ForbiddenError | null {
  if (role === null) return new NotFoundError(`${what} not found`);
  return roleAllows(role, action) ? null : new ForbiddenError(refusals[action]);
}

export interface AppAccess {
  app: AppRow;
  role: WorkspaceRole;
}

/** The app and the person's role in its workspace; null when they are not a member (or no such app). */
export async function appAccess(
  db: DbOrTrx,
  input: { userId: string; appId: string },
): Promise<AppAccess | null> {
  const row = await db
    .selectFrom('apps')
    .innerJoin('workspace_members as member', (join) =>
      join.onRef('member.workspace_id', '=', 'apps.workspace_id').on('member.user_id', '=', input.userId),
    )
    .selectAll('apps')
    .select('member.role as member_role')
    .where('apps.id', '=', input.appId)
    .executeTakeFirst();
  if (!row) return null;
  const { member_role, ...app } = row;
  return { app, role: member_role };
}

export async function requireAppRole(
  db: DbOrTrx,
  input: { userId: string; appId: string; action: AccessAction },
): Promise<AppAccess> {
  const access = await appAccess(db, input);
  if (!access) throw new NotFoundError('App not found');
  requireAllowed(access.role, input.action);
  return access;
}

export interface JobAccess {
  job: JobRow;
  role: WorkspaceRole;
}

/** A job reaches a person only through its app's workspace (`owner_id` is who started it). */
export async function jobAccess(
  db: DbOrTrx,
  input: { userId: string; jobId: string },
): Promise<JobAccess | null> {
  const row = await db
    .selectFrom('jobs')
    .innerJoin('apps', 'apps.id', 'jobs.app_id')
    .innerJoin('workspace_members as member', (join) =>
      join.onRef('member.workspace_id', '=', 'apps.workspace_id').on('member.user_id', '=', input.userId),
    )
    .selectAll('jobs')
    .select('member.role as member_role')
    .where('jobs.id', '=', input.jobId)
    .executeTakeFirst();
  if (!row) return null;
  const { member_role, ...job } = row;
  return { job, role: member_role };
}

/**
 * Many readers' roles at once: for each (person, job) pair, the person's role in the job's
 * workspace, keyed `${jobId}:${userId}` (missing: not a member, or no such job). One query for every
 * open event stream of a process, instead of one per stream.
 */
export async function jobRolesOf(
  db: DbOrTrx,
  pairs: readonly { userId: string; jobId: string }[],
): Promise<Map<string, WorkspaceRole>> {
  const roles = new Map<string, WorkspaceRole>();
  for (let start = 0; start < pairs.length; start += 1_000) {
    const chunk = pairs.slice(start, start + 1_000);
    const rows = await db
      .selectFrom('jobs')
      .innerJoin('apps', 'apps.id', 'jobs.app_id')
      .innerJoin('workspace_members as member', 'member.workspace_id', 'apps.workspace_id')
      .select(['jobs.id as job_id', 'member.user_id', 'member.role'])
      .where(
        sql<boolean>`(jobs.id, member.user_id) in (${sql.join(
          chunk.map((pair) => sql`(${pair.jobId}::uuid, ${pair.userId}::uuid)`),
        )})`,
      )
      .execute();
    for (const row of rows) roles.set(`${row.job_id}:${row.user_id}`, row.role);
  }
  return roles;
}

export async function requireJobRole(
  db: DbOrTrx,
  input: { userId: string; jobId: string; action: AccessAction },
): Promise<JobAccess> {
  const access = await jobAccess(db, input);
  if (!access) throw new NotFoundError('Job not found');
  requireAllowed(access.role, input.action);
  return access;
}

export interface VersionAccess {
  version: VersionRow;
  role: WorkspaceRole;
}

export async function versionAccess(
  db: DbOrTrx,
  input: { userId: string; versionId: string },
): Promise<VersionAccess | null> {
  const row = await db
    .selectFrom('versions')
    .innerJoin('apps', 'apps.id', 'versions.app_id')
    .innerJoin('workspace_members as member', (join) =>
      join.onRef('member.workspace_id', '=', 'apps.workspace_id').on('member.user_id', '=', input.userId),
    )
    .selectAll('versions')
    .select('member.role as member_role')
    .where('versions.id', '=', input.versionId)
    .executeTakeFirst();
  if (!row) return null;
  const { member_role, ...version } = row;
  return { version, role: member_role };
}

export async function requireVersionRole(
  db: DbOrTrx,
  input: { userId: string; versionId: string; action: AccessAction },
): Promise<VersionAccess> {
  const access = await versionAccess(db, input);
  if (!access) throw new NotFoundError('Version not found');
  requireAllowed(access.role, input.action);
  return access;
}

/** The person's role in a workspace, or null when they are not in it. */
export async function workspaceRoleOf(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string },
): Promise<WorkspaceRole | null> {
  const row = await db
    .selectFrom('workspace_members')
    .select('role')
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function requireWorkspaceRole(
  db: DbOrTrx,
  input: { userId: string; workspaceId: string; action: AccessAction },
): Promise<WorkspaceRole> {
  const role = await workspaceRoleOf(db, input);
  if (!role) throw new NotFoundError('Workspace not found');
  requireAllowed(role, input.action);
  return role;
}
