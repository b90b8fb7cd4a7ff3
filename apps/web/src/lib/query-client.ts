import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { trpcErrorCode } from './trpc.ts';

/** Only failures that might succeed on a second try: no response at all, or a server fault. */
function isWorthRetrying(error: unknown): boolean {
  const code = trpcErrorCode(error);
  return code === undefined || code === 'INTERNAL_SERVER_ERROR' || code === 'TIMEOUT';
}

/**
 * `onUnauthorized` runs when any call answers `UNAUTHORIZED` (the session expired or was revoked in
 * another tab), so the app can drop to the sign-in screen instead of showing a broken page.
 */
export function createAppQueryClient({ onUnauthorized }: { onUnauthorized: () => void }): QueryClient {
  const handleError = (error: unknown) => {
    if (trpcErrorCode(error) === 'UNAUTHORIZED') onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failureCount, error) => failureCount < 2 && isWorthRetrying(error),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
