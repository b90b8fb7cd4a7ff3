import { clientBatchUrlLength, maxBatchCalls } from '@app/core/schemas';
import type { AppRouter } from '@app/server';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { EventSource } from 'eventsource';
import { type CookieJar, createCookieJar, storeSessionCookie } from './cookie-jar.ts';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type BuilderClient = TRPCClient<AppRouter>;

/**
 * Where the builder is (its base URL, e.g. `http://localhost:3000`; the client adds `/trpc`) and
 * who is calling: a personal access token, a session cookie (a string, or a jar the client keeps
 * up to date from `Set-Cookie`), or nobody yet (to sign in with a jar).
 */
export type BuilderClientOptions = { url: string; fetch?: typeof fetch } & (
  | { token: string; cookie?: never }
  | { cookie: string | CookieJar; token?: never }
  | { token?: never; cookie?: never }
);

export function trpcUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/trpc`;
}

/**
 * The fetch every request goes through, batch calls and the SSE stream alike, so the credentials
 * travel on subscriptions too (an EventSource cannot set headers itself; the `eventsource` package
 * lets us hand it this fetch).
 */
function authenticatedFetch(options: BuilderClientOptions): typeof fetch {
  const baseFetch = options.fetch ?? fetch;
  const jar = typeof options.cookie === 'string' ? createCookieJar(options.cookie) : options.cookie;
  const token = options.token;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (jar?.value) headers.set('cookie', jar.value);
    const response = await baseFetch(input, { ...init, headers });
    if (jar) storeSessionCookie(jar, response);
    return response;
  };
}

/**
 * The fully typed builder client for Node (scripts, CI, the CLI) and browsers: queries and
 * mutations batched over HTTP, subscriptions over SSE. `jobs.events` items are `tracked(seq)`, so
 * when a stream drops (server restart, network) the link reconnects with the last seq it saw as
 * `lastEventId` and the server replays exactly what was missed.
 */
export function createBuilderClient(options: BuilderClientOptions): BuilderClient {
  const url = trpcUrl(options.url);
  const clientFetch = authenticatedFetch(options);
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          // Node 20 has no global EventSource; this one also runs in browsers.
          EventSource,
          eventSourceOptions: () => ({ fetch: clientFetch }),
        }),
        // The server answers at most `maxBatchCalls` calls per batch and request targets up to
        // its URL limit: larger batches are split here instead of refused there.
        false: httpBatchLink({
          url,
          fetch: clientFetch,
          maxItems: maxBatchCalls,
          maxURLLength: clientBatchUrlLength,
        }),
      }),
    ],
  });
}
