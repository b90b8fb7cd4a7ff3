import { type LiveSubscription, subscribeToJob, type TestClient } from '../client.ts';
import type { BenchProcess } from '../processes.ts';
import { round, sleep, waitUntil } from '../stats.ts';

export interface IdleSubscriptionsResult {
  count: number;
  /** Server VmRSS growth per open subscription. */
  kibPerSubscription: number;
  /** V8 heap growth per open subscription (after a full GC). */
  heapKibPerSubscription: number;
  serverRssMiB: { before: number; after: number; afterClose: number };
  eventsReplayed: number;
  secondsToOpen: number;
}

/**
 * Idle subscriptions (docs/architecture.md#benchmarks): `count` real SSE subscriptions, one per job (every job in the pool
 * has a log of a few questioning turns, which each subscription replays first, as a page load
 * does), all held open by ONE server process. Memory is read from that process after a full GC.
 */
export async function measureIdleSubscriptions(
  client: TestClient,
  server: BenchProcess,
  jobIds: readonly string[],
  options: { count: number; batchSize: number; settleMs: number },
): Promise<IdleSubscriptionsResult> {
  if (jobIds.length < options.count) throw new Error(`need ${options.count} jobs, have ${jobIds.length}`);
  await sleep(options.settleMs);
  const before = await server.stats({ gc: true });
  const subscriptions: LiveSubscription[] = [];
  let eventsReplayed = 0;
  const started = performance.now();
  try {
    for (let opened = 0; opened < options.count; opened += options.batchSize) {
      const batch = Math.min(options.batchSize, options.count - opened);
      for (let index = opened; index < opened + batch; index++) {
        subscriptions.push(
          subscribeToJob(client, jobIds[index] as string, undefined, () => {
            eventsReplayed += 1;
          }),
        );
      }
      await waitUntil(
        `${opened + batch} open subscriptions`,
        async () => (await server.stats()).subscriptions >= opened + batch,
        30_000,
        50,
      );
    }
    const secondsToOpen = (performance.now() - started) / 1000;
    await sleep(options.settleMs);
    const after = await server.stats({ gc: true });
    if (after.subscriptions < options.count)
      throw new Error(`only ${after.subscriptions} subscriptions held`);
    const errors = subscriptions.flatMap((subscription) => subscription.errors);
    if (errors.length > 0) throw new Error(`subscription errors: ${String(errors[0])}`);

    for (const subscription of subscriptions) subscription.unsubscribe();
    subscriptions.length = 0;
    await waitUntil(
      'subscriptions to close',
      async () => (await server.stats()).subscriptions === 0,
      30_000,
      50,
    );
    await sleep(options.settleMs);
    const afterClose = await server.stats({ gc: true });
    const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);
    return {
      count: after.subscriptions,
      kibPerSubscription: round((after.rssBytes - before.rssBytes) / options.count / 1024, 1),
      heapKibPerSubscription: round((after.heapUsedBytes - before.heapUsedBytes) / options.count / 1024, 1),
      serverRssMiB: {
        before: mib(before.rssBytes),
        after: mib(after.rssBytes),
        afterClose: mib(afterClose.rssBytes),
      },
      eventsReplayed,
      secondsToOpen: round(secondsToOpen, 2),
    };
  } finally {
    for (const subscription of subscriptions) subscription.unsubscribe();
  }
}
