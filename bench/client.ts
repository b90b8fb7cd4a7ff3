// The client package scripts and the CLI use: real tRPC over HTTP (batch link) and SSE
// (httpSubscriptionLink + the `eventsource` package), here with a cookie session, so the bench
// talks to the server exactly as they, the tests and the SPA do.
import { type BuilderClient, type CookieJar, createBuilderClient, createCookieJar } from '@app/client';
import type { JobEvent } from '@app/core';

export interface TestClient {
  trpc: BuilderClient;
  cookie: CookieJar;
  signUp(): Promise<{ id: string; email: string }>;
}

let emailCounter = 0;
export function uniqueEmail(): string {
  emailCounter += 1;
  return `bench${emailCounter}.${Date.now()}.${process.pid}@example.com`;
}

/** A client with a cookie jar; `signUp` creates a fresh account and keeps its session. */
export function createTestClient(baseUrl: string): TestClient {
  const cookie = createCookieJar();
  const trpc = createBuilderClient({ url: baseUrl, cookie });
  return {
    trpc,
    cookie,
    async signUp() {
      const { user } = await trpc.auth.signUp.mutate({
        email: uniqueEmail(),
        password: 'correct horse battery',
      });
      return user;
    },
  };
}

export interface LiveSubscription {
  unsubscribe(): void;
  readonly errors: unknown[];
}

/**
 * `jobs.events` for one job. The clock is read first thing in `onData`, i.e. once the client's SSE
 * consumer has parsed the event.
 */
export function subscribeToJob(
  client: TestClient,
  jobId: string,
  lastEventId: number | undefined,
  onEvent: (event: JobEvent, parsedAt: number) => void,
): LiveSubscription {
  const errors: unknown[] = [];
  const subscription = client.trpc.jobs.events.subscribe(
    { jobId, lastEventId },
    {
      onData: (tracked) => onEvent(tracked.data as JobEvent, performance.now()),
      onError: (error) => errors.push(error),
    },
  );
  return { unsubscribe: () => subscription.unsubscribe(), errors };
}
