import { emailMaxLength, workspaceNameMaxLength } from '@app/core/schemas';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type Workspace = RouterOutputs['workspaces']['list'][number];
export type WorkspaceMember = RouterOutputs['workspaces']['members'][number];
export type PendingInvite = RouterOutputs['workspaces']['invites'][number];
export type WorkspaceRole = Workspace['role'];

/**
 * Which workspace the apps screen shows: the one asked for (the URL, else the last one used) if the
 * person is still in it, else their personal workspace, else the first. null while they have none.
 */
export function chooseWorkspace(
  workspaces: readonly Workspace[],
  requestedId: string | null,
  lastUsedId: string | null,
): Workspace | null {
  for (const id of [requestedId, lastUsedId]) {
    const found = id ? workspaces.find((workspace) => workspace.id === id) : undefined;
    if (found) return found;
  }
  return workspaces.find((workspace) => workspace.personal) ?? workspaces[0] ?? null;
}

/** What each role may do in the UI; the server decides for real (packages/db access.ts). */
export const canBuild = (role: WorkspaceRole) => role === 'owner' || role === 'editor';
export const canManage = (role: WorkspaceRole) => role === 'owner';

export const roleLabels: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

export const roleDescriptions: Record<'editor' | 'viewer', string> = {
  editor: 'Creates and changes apps, publishes and exports them',
  viewer: 'Uses published apps only',
};

export function workspaceLabel(workspace: Pick<Workspace, 'name' | 'personal'>): string {
  return workspace.personal ? `${workspace.name} (just you)` : workspace.name;
}

export function workspaceNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Name the workspace';
  if (trimmed.length > workspaceNameMaxLength)
    return `Workspace name must be at most ${workspaceNameMaxLength} characters`;
  return null;
}

export function inviteEmailProblem(email: string): string | null {
  const trimmed = email.trim();
  if (!trimmed) return 'Enter the email address to invite';
  if (trimmed.length > emailMaxLength) return `Email must be at most ${emailMaxLength} characters`;
  // The server checks properly; this only catches the obvious slip before a round trip.
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return 'Enter a valid email address';
  return null;
}

/**
 * Who may be removed by whom, as the member list offers it: owners remove anyone but themselves
 * (they "leave" instead), and never the last owner.
 */
export function removableBy(
  viewer: { userId: string; role: WorkspaceRole },
  member: WorkspaceMember,
  members: readonly WorkspaceMember[],
): boolean {
  if (!canManage(viewer.role) || member.userId === viewer.userId) return false;
  return !(member.role === 'owner' && members.filter((m) => m.role === 'owner').length <= 1);
}

/** Whether "Leave workspace" is open to this person (the last owner must hand over first). */
export function mayLeave(userId: string, members: readonly WorkspaceMember[]): boolean {
  const me = members.find((member) => member.userId === userId);
  if (!me) return false;
  return me.role !== 'owner' || members.filter((member) => member.role === 'owner').length > 1;
}

/**
 * Whose role an owner may change from the list: anyone's but their own (stepping down is the
 * server's call, which keeps a workspace from losing its last owner), and not in a personal
 * workspace, which has its one owner.
 */
export function roleChangeableBy(
  viewer: { userId: string; role: WorkspaceRole },
  member: WorkspaceMember,
  personal: boolean,
): boolean {
  return !personal && canManage(viewer.role) && member.userId !== viewer.userId;
}
