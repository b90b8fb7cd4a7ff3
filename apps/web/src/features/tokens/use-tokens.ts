import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

export function useTokens() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.listTokens.queryOptions());
}

/** Both mutations refresh the list; the created token's secret lives only in the mutation's data. */
function useRefreshTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.auth.listTokens.queryKey() });
}

export function useCreateToken() {
  const trpc = useTRPC();
  const refresh = useRefreshTokens();
  return useMutation(trpc.auth.createToken.mutationOptions({ onSuccess: refresh }));
}

export function useRevokeToken() {
  const trpc = useTRPC();
  const refresh = useRefreshTokens();
  return useMutation(trpc.auth.revokeToken.mutationOptions({ onSettled: refresh }));
}
