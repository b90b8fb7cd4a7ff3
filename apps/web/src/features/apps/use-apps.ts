import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '../../lib/trpc.ts';

export type AppSummary = RouterOutputs['apps']['list']['apps'][number];

const inProgressStatuses = new Set(['questioning', 'generating']);

/**
 * The list has no stream of its own: while any app is thinking or building, poll so its badge
 * moves on without a reload; otherwise refetch on focus is enough.
 */
export function useAppsList(workspaceId: string | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.apps.list.queryOptions(workspaceId ? { workspaceId } : undefined, {
      refetchInterval: (query) =>
        query.state.data?.apps.some((app) => app.activeJob && inProgressStatuses.has(app.activeJob.status))
          ? 4000
          : false,
    }),
  );
}

export function useCreateApp() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.apps.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey() }),
    }),
  );
}

export function useApp(appId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.apps.get.queryOptions({ appId }));
}
