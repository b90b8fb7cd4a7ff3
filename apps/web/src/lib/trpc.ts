import { clientBatchUrlLength, maxBatchCalls } from '@app/core/schemas';
import type { AppRouter } from '@app/server';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** React bindings: `useTRPC()` returns the typed options proxy (`trpc.apps.list.queryOptions()` …). */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * Same-origin `/trpc` (the Vite proxy in dev, the server itself in production), so the session
 * cookie travels without CORS. Subscriptions go over SSE (`httpSubscriptionLink`), which resumes
 * from the last tracked event id on reconnect; everything else is batched.
 */
export function createAppTRPCClient(baseUrl = '/trpc') {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: httpSubscriptionLink({ url: baseUrl }),
        // The server answers at most `maxBatchCalls` per batch and request targets up to
        // `maxRequestUrlLength`: larger batches are split here instead of refused there.
        false: httpBatchLink({ url: baseUrl, maxItems: maxBatchCalls, maxURLLength: clientBatchUrlLength }),
      }),
    ],
  });
}

export type AppTRPCClient = ReturnType<typeof createAppTRPCClient>;

export function isTRPCClientError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/** The tRPC error code (`UNAUTHORIZED`, `CONFLICT` …) of a failed call, if it reached the server. */
export function trpcErrorCode(error: unknown): string | undefined {
  if (!isTRPCClientError(error)) return undefined;
  const data: unknown = error.data;
  if (data && typeof data === 'object' && 'code' in data && typeof data.code === 'string') return data.code;
  return undefined;
}
