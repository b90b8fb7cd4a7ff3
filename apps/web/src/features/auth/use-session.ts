import {
  hashKey,
  type QueryClient,
  type QueryKey,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { type RouterOutputs, useTRPC } from '../../lib/trpc.ts';

export type Session = NonNullable<RouterOutputs['auth']['me']>;
export type SessionUser = Session['user'];

/** `data` is `{ user }` when signed in, `null` when not; pending only on the very first load. */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 5 * 60_000, retry: 1 }));
}

/** Only under <RequireSession>, where a user is guaranteed. */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser called outside <RequireSession>');
  return data.user;
}

export type Credentials = { email: string; password: string };

/**
 * Drops every cached query except the session itself. The session query is updated in place
 * rather than removed, so the components observing it re-render with the new value at once.
 */
function forgetCachedDataExceptSession(queryClient: QueryClient, sessionQueryKey: QueryKey) {
  const sessionQueryHash = hashKey(sessionQueryKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== sessionQueryHash });
}

/**
 * Sign in and sign up share the aftermath: whatever was cached belonged to the previous session,
 * so it is dropped before the new user is written into `auth.me`.
 */
export function useAuthMutation(mode: 'signIn' | 'signUp') {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const procedure = mode === 'signIn' ? trpc.auth.signIn : trpc.auth.signUp;
  return useMutation(
    procedure.mutationOptions({
      onSuccess: (result) => {
        const session: Session = { user: { id: result.user.id, email: result.user.email } };
        forgetCachedDataExceptSession(queryClient, trpc.auth.me.queryKey());
        queryClient.setQueryData(trpc.auth.me.queryKey(), session);
      },
    }),
  );
}

export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        // Even if the call failed (network), the person asked to leave: forget everything locally.
        forgetCachedDataExceptSession(queryClient, trpc.auth.me.queryKey());
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        // Cache observers are notified on a later tick, the route changes now: /signin renders first
        // and reads the already-null session, and the page being left never renders signed-out
        // (which would redirect to /signin?next=<this page> for whoever signs in next).
        navigate('/signin');
      },
    }),
  );
}
