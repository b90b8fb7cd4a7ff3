import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import { useTRPC } from '../../lib/trpc.ts';
import { chooseWorkspace, type Workspace } from './workspace-view.ts';

const lastUsedKey = 'workspace.lastUsed';

function readLastUsed(): string | null {
  try {
    return localStorage.getItem(lastUsedKey);
  } catch {
    return null;
  }
}

export function rememberWorkspace(workspaceId: string): void {
  try {
    localStorage.setItem(lastUsedKey, workspaceId);
  } catch {
    // Storage refused (private mode): the URL still carries the choice.
  }
}

export function useWorkspaces() {
  const trpc = useTRPC();
  return useQuery(trpc.workspaces.list.queryOptions());
}

/** The apps screen's workspace: `?workspace=<id>` in the URL, else the last one used, else personal. */
export function useSelectedWorkspace(): {
  workspace: Workspace | null;
  workspaces: Workspace[] | undefined;
  isPending: boolean;
  select: (workspaceId: string) => void;
} {
  const workspaces = useWorkspaces();
  const search = useSearch();
  const [, navigate] = useLocation();
  const requested = new URLSearchParams(search).get('workspace');
  const workspace = workspaces.data ? chooseWorkspace(workspaces.data, requested, readLastUsed()) : null;
  return {
    workspace,
    workspaces: workspaces.data,
    isPending: workspaces.isPending,
    select: (workspaceId) => {
      rememberWorkspace(workspaceId);
      navigate(`/?workspace=${encodeURIComponent(workspaceId)}`);
    },
  };
}

function useRefreshWorkspaces() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.workspaces.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey() }),
    ]);
}

export function useCreateWorkspace() {
  const trpc = useTRPC();
  const refresh = useRefreshWorkspaces();
  return useMutation(trpc.workspaces.create.mutationOptions({ onSuccess: refresh }));
}

export function useMembers(workspaceId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.workspaces.members.queryOptions({ workspaceId }));
}

function useRefreshMembers(workspaceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.workspaces.members.queryKey({ workspaceId }) });
}

/** The link lives only in the mutation's data: the server keeps just its hash. */
export function useInvite() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.workspaces.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workspaces.invites.pathKey() }),
    }),
  );
}

/** Owners only (the server refuses anyone else): invites sent and not yet accepted. */
export function useInvites(workspaceId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.workspaces.invites.queryOptions({ workspaceId }));
}

export function useRevokeInvite(workspaceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.workspaces.revokeInvite.mutationOptions({
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.workspaces.invites.queryKey({ workspaceId }) }),
    }),
  );
}

export function useChangeRole(workspaceId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshMembers(workspaceId);
  return useMutation(trpc.workspaces.changeRole.mutationOptions({ onSettled: refresh }));
}

export function useRemoveMember(workspaceId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshMembers(workspaceId);
  return useMutation(trpc.workspaces.removeMember.mutationOptions({ onSettled: refresh }));
}

export function useLeaveWorkspace() {
  const trpc = useTRPC();
  const refresh = useRefreshWorkspaces();
  return useMutation(trpc.workspaces.leave.mutationOptions({ onSuccess: refresh }));
}

export function useAcceptInvite() {
  const trpc = useTRPC();
  const refresh = useRefreshWorkspaces();
  return useMutation(trpc.workspaces.acceptInvite.mutationOptions({ onSuccess: refresh }));
}
