import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrate, startEmbeddedPostgres } from '@app/db';
import { createTestClient } from './client.ts';
import { type BenchProcess, startBenchProcess, stopAll } from './processes.ts';
import { type DeliveryOptions, type DeliveryResult, measureEventDelivery } from './scenarios/event-delivery.ts';
import { measureIdleSubscriptions } from './scenarios/idle-subscriptions.ts';
import { measurePreviewBundle } from './scenarios/preview-bundle.ts';
import { measureTurnOverhead } from './scenarios/turn-overhead.ts';
import {
  answerAllOpenQuestions,
  createTurnBacklog,
  type ThroughputResult,
  waitForTurns,
} from './scenarios/turn-throughput.ts';
import { printReport, type Results } from './report.ts';

/**
 * `pnpm bench` (SPEC §9): a throwaway embedded Postgres, the real server and worker(s) in their own
 * processes, real tRPC clients over loopback HTTP/SSE. Prints a table and writes bench/results.json.
 * Every loop is bounded in count and time; every process started here is stopped at the end.
 * Benchmarks measure, they never assert: a missed target is reported, not failed.
 */
const config = {
  sessionSecret: 'bench-session-secret-that-is-long-enough-0123456789',
  workerConcurrency: 4,
  previewBundle: { warmup: 3, samples: 20 },
  turnOverhead: { warmup: 20, samples: 300, timeLimitMs: 90_000 },
  /** Jobs in the throughput backlog; they are reused as the pool for delivery and idle subscriptions. */
  backlogJobs: 2_000,
  backlogTimeoutMs: 120_000,
  workerScaling: [1, 2, 4],
  delivery: { warmupEvents: 100, samples: 1_000, eventsPerSecond: 400, timeLimitMs: 60_000 },
  deliveryScaling: [10, 100, 1_000],
  /** The headline delivery figure: this many subscribers, one per job. */
  deliveryHeadlineSubscribers: 100,
  idleSubscriptions: { count: 2_000, batchSize: 200, settleMs: 1_000 },
};

function step(message: string): void {
  process.stdout.write(`\x1b[1m[bench]\x1b[0m ${message}\n`);
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  // Postgres runs as the `postgres` user when we are root: it must be able to enter the directory.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'app-builder-bench-'));
  await chmod(tmp, 0o755);
  step(`embedded Postgres in ${tmp}`);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), persistent: false, unsafeFast: true });
  const { db } = createDb({ connectionString: postgres.url, max: 10, applicationName: 'app-builder:bench' });
  const childEnv = { DATABASE_URL: postgres.url, SESSION_SECRET: config.sessionSecret };
  const workers: BenchProcess[] = [];
  const startWorkerProcess = async () =>
    workers.push(
      await startBenchProcess(`worker-${workers.length + 1}`, 'worker-process.ts', {
        ...childEnv,
        WORKER_CONCURRENCY: String(config.workerConcurrency),
      }),
    );
  let server: BenchProcess | null = null;
  try {
    await migrate(db, postgres.url);

    step('preview bundle (offline generator output, bundleApp)');
    const previewBundle = await measurePreviewBundle(config.previewBundle);

    step('starting server and one worker');
    server = await startBenchProcess('server', 'server-process.ts', childEnv);
    await startWorkerProcess();
    const client = createTestClient(`http://127.0.0.1:${server.port}`);
    const user = await client.signUp();

    step(`turn overhead (${config.turnOverhead.samples} turns, one person at a time)`);
    const turnOverhead = await measureTurnOverhead(client, config.turnOverhead);

    step(`turn throughput: backlog of ${config.backlogJobs} jobs`);
    const throughput: Record<string, ThroughputResult> = {};
    const jobIds = await createTurnBacklog(db, user.id, config.backlogJobs);
    throughput.firstTurns = await waitForTurns(db, jobIds, performance.now(), config.backlogTimeoutMs);
    step(`  first turns, 1 worker: ${throughput.firstTurns.turnsPerSecond}/s`);
    for (const count of config.workerScaling) {
      while (workers.length < count) await startWorkerProcess();
      await answerAllOpenQuestions(db, user.id, jobIds);
      const result = await waitForTurns(db, jobIds, performance.now(), config.backlogTimeoutMs);
      throughput[`workers${count}`] = result;
      step(`  answer turns, ${count} worker process(es): ${result.turnsPerSecond}/s`);
    }
    while (workers.length > 1) await workers.pop()?.stop();

    const delivery = async (subscribers: number, layout: DeliveryOptions['layout']): Promise<DeliveryResult> => {
      const shared = layout === 'shared';
      const result = await measureEventDelivery(db, client, server as BenchProcess, jobIds, {
        ...config.delivery,
        subscribers,
        layout,
        warmupEvents: shared ? 5 : config.delivery.warmupEvents,
        samples: shared ? Math.max(config.delivery.samples, 20 * subscribers) : config.delivery.samples,
        // Shared: each event fans out to every subscriber; keep deliveries per second comparable.
        eventsPerSecond: shared
          ? Math.min(config.delivery.eventsPerSecond, Math.max(2, 2_000 / subscribers))
          : config.delivery.eventsPerSecond,
      });
      step(
        `  ${layout} ×${subscribers}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${result.samples} samples, ${result.missing} missing)`,
      );
      return result;
    };
    step('event delivery (commit → parsed by a subscribed client)');
    const deliveryDistinct: Record<string, DeliveryResult> = {};
    for (const subscribers of config.deliveryScaling) {
      deliveryDistinct[subscribers] = await delivery(subscribers, 'distinct');
    }
    const deliveryShared: Record<string, DeliveryResult> = {};
    for (const subscribers of config.deliveryScaling) {
      deliveryShared[subscribers] = await delivery(subscribers, 'shared');
    }

    step(`idle subscriptions (${config.idleSubscriptions.count} on one server process)`);
    const idle = await measureIdleSubscriptions(client, server, jobIds, config.idleSubscriptions);

    const headline = deliveryDistinct[config.deliveryHeadlineSubscribers] as DeliveryResult;
    const results: Results = {
      eventDelivery: { p50Ms: headline.p50Ms, p99Ms: headline.p99Ms },
      turnOverhead: { p50Ms: turnOverhead.p50Ms, p99Ms: turnOverhead.p99Ms },
      turnJobsPerSecond: (throughput.workers1 as ThroughputResult).turnsPerSecond,
      idleSubscriptions: { count: idle.count, kibPerSubscription: idle.kibPerSubscription },
      previewBundle: { p50Ms: previewBundle.p50Ms },
      scaling: {
        deliveryP99Ms: Object.fromEntries(
          Object.entries(deliveryDistinct).map(([count, result]) => [`subscribers${count}`, result.p99Ms]),
        ),
        deliverySharedJobP99Ms: Object.fromEntries(
          Object.entries(deliveryShared).map(([count, result]) => [`subscribers${count}`, result.p99Ms]),
        ),
        turnsPerSecond: Object.fromEntries(
          config.workerScaling.map((count) => [
            `workers${count}`,
            (throughput[`workers${count}`] as ThroughputResult).turnsPerSecond,
          ]),
        ),
      },
      details: {
        eventDelivery: { distinct: deliveryDistinct, shared: deliveryShared },
        turnOverhead,
        turnThroughput: throughput,
        idleSubscriptions: idle,
        previewBundle,
        environment: {
          node: process.version,
          cpus: os.cpus().length,
          workerConcurrency: config.workerConcurrency,
          seconds: Math.round((performance.now() - benchStarted) / 1000),
        },
      },
    };
    printReport(results);
    const file = path.join(import.meta.dirname, 'results.json');
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    step(`wrote ${path.relative(process.cwd(), file)}`);
  } catch (error) {
    for (const child of [server, ...workers]) {
      if (child) process.stderr.write(`--- last output of ${child.name} ---\n${child.output()}\n`);
    }
    throw error;
  } finally {
    await stopAll();
    await db.destroy().catch(() => {});
    await postgres.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}

// The EventSources and keep-alive sockets would hold the event loop open: exit explicitly.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
