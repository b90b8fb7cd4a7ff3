import { event } from '@app/core';
import { appendEvents, type Db } from '@app/db';
import { subscribeToJob, type TestClient } from '../client.ts';
import { startCpuMeter } from '../cpu.ts';
import type { BenchProcess } from '../processes.ts';
import { type LatencySummary, sleep, summarize, waitUntil } from '../stats.ts';

export interface DeliveryOptions {
  /** Subscriptions open on the server while events flow. */
  subscribers: number;
  /**
   * `distinct`: one subscriber per job (many people, each watching their own job); events go to
   * the jobs round-robin, each reaching one subscriber. `shared`: every subscriber watches the same
   * job (one job open in many tabs); each event reaches all of them.
   */
  layout: 'distinct' | 'shared';
  /** Events appended before measuring (not counted). */
  warmupEvents: number;
  /** Measured deliveries wanted (≥ 1,000). */
  samples: number;
  /** Events per second the writer aims for (sequential commits). */
  eventsPerSecond: number;
  timeLimitMs: number;
  /** Processes whose CPU time is metered while events flow (e.g. server, postgres, this process). */
  cpu: Record<string, () => Promise<number[]>>;
}

export interface DeliveryResult extends LatencySummary {
  subscribers: number;
  layout: 'distinct' | 'shared';
  events: number;
  /**
   * Deliveries not seen within 10 s after the last commit. 0 unless the server fell behind (the
   * stream resumes from the table, so these are late, not lost — but the run stops waiting).
   */
  notDeliveredWithin10s: number;
  duplicates: number;
  /** CPU time per delivery while events flowed, by process group. */
  cpuMsPerDelivery: Record<string, number>;
}

/**
 * Event delivery (docs/architecture.md#benchmarks): commit of an event → the subscribed client has parsed it. The writer
 * commits through `appendEvents` (the function every worker task and mutation uses: rows + NOTIFY
 * in one transaction) from this process and reads the clock as soon as COMMIT returns; the clients
 * live in this process too, so both clocks are the same `performance.now()`. An event can be parsed
 * before the writer sees its own COMMIT reply: such samples are slightly negative and kept.
 */
export async function measureEventDelivery(
  db: Db,
  client: TestClient,
  server: BenchProcess,
  jobPool: readonly string[],
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const jobIds = options.layout === 'shared' ? [jobPool[0] as string] : jobPool.slice(0, options.subscribers);
  if (jobIds.length < (options.layout === 'shared' ? 1 : options.subscribers)) {
    throw new Error(`need ${options.subscribers} jobs, have ${jobPool.length}`);
  }
  const lastSeqs = new Map(
    (await db.selectFrom('jobs').select(['id', 'last_seq']).where('id', 'in', jobIds).execute()).map(
      (row) => [row.id, row.last_seq],
    ),
  );

  const parsedAt = new Map<string, number[]>();
  let duplicates = 0;
  const seen = new Set<string>();
  const subscriptions = Array.from({ length: options.subscribers }, (_, index) => {
    const jobId = jobIds[index % jobIds.length] as string;
    return subscribeToJob(client, jobId, lastSeqs.get(jobId) ?? 0, (received, at) => {
      const key = `${jobId}:${received.seq}`;
      const perSubscriber = `${index}:${key}`;
      if (seen.has(perSubscriber)) duplicates += 1;
      seen.add(perSubscriber);
      const list = parsedAt.get(key);
      if (list) list.push(at);
      else parsedAt.set(key, [at]);
    });
  });

  try {
    // Registered with the hub (listen-first), not merely connected: only then can it miss nothing.
    await waitUntil(
      `${options.subscribers} subscriptions on the server`,
      async () => (await server.stats()).subscriptions >= options.subscribers,
      30_000,
      50,
    );
    const fanout = options.layout === 'shared' ? options.subscribers : 1;
    const measuredEvents = Math.ceil(options.samples / fanout);
    const totalEvents = options.warmupEvents + measuredEvents;
    const committedAt = new Map<string, number>();
    const order: string[] = [];
    const intervalMs = 1000 / options.eventsPerSecond;
    const meter = await startCpuMeter(options.cpu);
    const started = performance.now();
    const deadline = started + options.timeLimitMs;
    for (let index = 0; index < totalEvents && performance.now() < deadline; index++) {
      // Paced, sequential commits: each is timed on its own, with room between them.
      const due = started + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const jobId = jobIds[index % jobIds.length] as string;
      const [appended] = await appendEvents(db, jobId, [
        event('usage', { phase: 'bench', model: 'bench', inputTokens: index, outputTokens: 0, costUsd: 0 }),
      ]);
      const at = performance.now();
      if (!appended) throw new Error('appendEvents returned nothing');
      const key = `${jobId}:${appended.seq}`;
      committedAt.set(key, at);
      order.push(key);
    }
    const expected = order.length * fanout;
    const deliveredCount = () => order.reduce((sum, key) => sum + (parsedAt.get(key)?.length ?? 0), 0);
    await waitUntil('the last deliveries', () => deliveredCount() >= expected, 10_000).catch(() => {});
    const cpu = await meter.stop();
    const delivered = Math.max(1, deliveredCount());
    const cpuMsPerDelivery = Object.fromEntries(
      Object.entries(cpu).map(([name, ms]) => [name, Math.round((ms / delivered) * 1000) / 1000]),
    );

    const samples: number[] = [];
    for (const key of order.slice(options.warmupEvents)) {
      const commit = committedAt.get(key) as number;
      for (const at of parsedAt.get(key) ?? []) samples.push(at - commit);
    }
    const errors = subscriptions.flatMap((subscription) => subscription.errors);
    if (errors.length > 0) throw new Error(`subscription errors: ${String(errors[0])}`);
    return {
      ...summarize(samples),
      subscribers: options.subscribers,
      layout: options.layout,
      events: order.length - options.warmupEvents,
      notDeliveredWithin10s: expected - deliveredCount(),
      duplicates,
      cpuMsPerDelivery,
    };
  } finally {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await waitUntil(
      'subscriptions to close',
      async () => (await server.stats()).subscriptions === 0,
      30_000,
      50,
    );
  }
}
