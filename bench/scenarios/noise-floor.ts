import { type LatencySummary, sleep, summarize } from '../stats.ts';

/**
 * The machine's own latency floor, measured the same way (paced, same process, same clock): a
 * `select 1` round trip to Postgres and a `GET /healthz` to the server (which also runs `select 1`).
 * Event delivery needs at least four such wake-ups in a row (writer → Postgres → LISTEN → server →
 * Postgres → server → client), so its tail cannot be better than these tails on a busy machine.
 */
export async function measureNoiseFloor(
  query: () => Promise<unknown>,
  serverUrl: string,
  options: { samples: number; perSecond: number },
): Promise<{ postgresRoundTrip: LatencySummary; healthzRoundTrip: LatencySummary }> {
  const run = async (operation: () => Promise<unknown>) => {
    const timings: number[] = [];
    const started = performance.now();
    for (let index = 0; index < options.samples; index++) {
      const wait = started + (index * 1000) / options.perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      const begin = performance.now();
      await operation();
      timings.push(performance.now() - begin);
    }
    return summarize(timings);
  };
  return {
    postgresRoundTrip: await run(query),
    healthzRoundTrip: await run(() => fetch(`${serverUrl}/healthz`).then((response) => response.text())),
  };
}
