import type { JobEvent } from '@app/core';
// The integration tests' client: real tRPC over HTTP (batch link) and SSE (httpSubscriptionLink +
// the `eventsource` package), with a browser-like cookie jar. Imported from there so the bench
// talks to the server exactly as the tests and the SPA do.
import { createTestClient, type TestClient, uniqueEmail } from '../apps/server/test/harness.ts';

export { createTestClient, type TestClient, uniqueEmail };

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
