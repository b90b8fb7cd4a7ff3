import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBrowserVerifier, findChromium } from '@app/core';
import { createDb, migrate, startEmbeddedPostgres } from '@app/db';
import { createTestClient } from './client.ts';
import { postgresPids, startCpuMeter } from './cpu.ts';
import { type BenchProcess, startBenchProcess, stopAll } from './processes.ts';
import { printReport, type Results } from './report.ts';
import { measureBuildToVerifiedPreview } from './scenarios/build-to-verified-preview.ts';
import { measureDataApi } from './scenarios/data-api.ts';
import {
  type DeliveryOptions,
  type DeliveryResult,
  measureEventDelivery,
} from './scenarios/event-delivery.ts';
import { measureIdleSubscriptions } from './scenarios/idle-subscriptions.ts';
import { measureNoiseFloor } from './scenarios/noise-floor.ts';
import { measurePreviewBundle } from './scenarios/preview-bundle.ts';
import { measureTokensPerBuild } from './scenarios/tokens-per-build.ts';
import { measureTurnOverhead } from './scenarios/turn-overhead.ts';
import {
  answerAllOpenQuestions,
  createTurnBacklog,
  type ThroughputResult,
  waitForTurns,
} from './scenarios/turn-throughput.ts';

/**
 * `pnpm bench` (docs/architecture.md#benchmarks): a throwaway embedded Postgres, the real server and worker(s) in their own
 * processes, real tRPC clients over loopback HTTP/SSE. Prints a table and writes bench/results.json.
 * Every loop is bounded in count and time; every process started here is stopped at the end.
 * Benchmarks measure, they never assert: a missed target is reported, not failed.
 */
const config = {
  sessionSecret: 'bench-session-secret-that-is-long-enough-0123456789',
  workerConcurrency: 4,
  previewBundle: { warmup: 3, samples: 20 },
  turnOverhead: { warmup: 20, samples: 300, timeLimitMs: 90_000 },
  /** Jobs whose first turns form the first backlog; reused as the pool for delivery and idle subscriptions. */
  backlogJobs: 2_000,
  /** Jobs answered per worker-scaling round (the rounds alternate between halves of the pool). */
  answerRoundJobs: 1_000,
  backlogTimeoutMs: 120_000,
  workerScaling: [1, 2, 4],
  delivery: { warmupEvents: 100, samples: 1_000, eventsPerSecond: 400, timeLimitMs: 60_000 },
  deliveryScaling: [10, 100, 1_000],
  /** The headline delivery figure: this many subscribers, one per job. */
  deliveryHeadlineSubscribers: 100,
  idleSubscriptions: { count: 2_000, batchSize: 200, settleMs: 1_000 },
  buildToVerifiedPreview: { warmup: 1, samples: 7 },
  /** Requests go round the members: the data API's limit (600 a minute) is per person. */
  dataApi: {
    members: 8,
    records: 1_000,
    warmup: 20,
    createSamples: 300,
    listSamples: 300,
    timeLimitMs: 240_000,
  },
  /** Eval requests (packages/core/eval/requests.json) built for tokensPerBuild beside the fixtures. */
  tokensPerBuildRequests: [
    'agency-timesheet',
    'hr-job-applicants',
    'school-it-help-desk',
    'dispatch-deliveries',
  ],
};

/**
 * `pnpm bench --only=tokensPerBuild,buildToVerifiedPreview` runs just those (the names of
 * results.json); the figures measured are merged into the results.json already there. The
 * questioning benchmarks (turns, delivery, subscriptions, preview bundle) share one set-up and
 * run together when any of them is named.
 */
const only = ((arg) => (arg ? new Set(arg.slice('--only='.length).split(',')) : null))(
  process.argv.find((candidate) => candidate.startsWith('--only=')),
);
const runs = (...names: string[]) => only === null || names.some((name) => only.has(name));
const questioningBenchmarks = [
  'eventDelivery',
  'turnOverhead',
  'turnJobsPerSecond',
  'idleSubscriptions',
  'previewBundle',
] as const;

/** 1-minute load average at each step: on a shared machine, other work inflates every figure. */
const loadByStep: { step: string; load1: number }[] = [];

function step(message: string): void {
  const load1 = Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
  loadByStep.push({ step: message.trim(), load1 });
  process.stdout.write(`\x1b[1m[bench]\x1b[0m ${message} \x1b[2m(load ${load1})\x1b[0m\n`);
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  // Postgres runs as the `postgres` user when we are root: it must be able to enter the directory.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'app-builder-bench-'));
  await chmod(tmp, 0o755);
  step(`embedded Postgres in ${tmp}`);
  cleanupTasks = [() => rm(tmp, { recursive: true, force: true })];
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(tmp, 'pg'),
    persistent: false,
    unsafeFast: true,
  });
  const { db, pool } = createDb({
    connectionString: postgres.adminUrl,
    max: 10,
    applicationName: 'app-builder:bench',
  });
  cleanupTasks = [
    () => stopAll(),
    () => db.destroy(),
    () => postgres.stop(),
    () => rm(tmp, { recursive: true, force: true }),
  ];
  // The secret goes to the server only: the worker signs nothing (docs/architecture.md#security).
  const childEnv = { DATABASE_URL: postgres.appUrl };
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
    await migrate(db, postgres.adminUrl, { appRole: postgres.appRole });

    const results: Partial<Results> & { details: Record<string, unknown> } = { details: {} };
    if (runs(...questioningBenchmarks)) {
      step('preview bundle (offline generator output, bundleApp)');
      const previewBundle = await measurePreviewBundle(config.previewBundle);

      step('starting server and one worker');
      server = await startBenchProcess('server', 'server-process.ts', {
        ...childEnv,
        SESSION_SECRET: config.sessionSecret,
      });
      await startWorkerProcess();
      const client = createTestClient(`http://127.0.0.1:${server.port}`);
      const user = await client.signUp();

      step('noise floor (Postgres and HTTP round trips on this machine, right now)');
      const noiseFloor = await measureNoiseFloor(
        () => pool.query('select 1'),
        `http://127.0.0.1:${server.port}`,
        {
          samples: 1_000,
          perSecond: 400,
        },
      );
      step(
        `  select 1: p50 ${noiseFloor.postgresRoundTrip.p50Ms} ms, p99 ${noiseFloor.postgresRoundTrip.p99Ms} ms; GET /healthz: p50 ${noiseFloor.healthzRoundTrip.p50Ms} ms, p99 ${noiseFloor.healthzRoundTrip.p99Ms} ms`,
      );

      step(`turn overhead (${config.turnOverhead.samples} turns, one person at a time)`);
      const turnOverhead = await measureTurnOverhead(client, config.turnOverhead);

      step(`turn throughput: backlog of ${config.backlogJobs} jobs`);
      const throughput: Record<string, ThroughputResult & { cpuMsPerTurn?: Record<string, number> }> = {};
      const jobIds = await createTurnBacklog(db, user.id, config.backlogJobs);
      throughput.firstTurns = await waitForTurns(db, jobIds, performance.now(), config.backlogTimeoutMs);
      step(`  first turns, 1 worker: ${throughput.firstTurns.turnsPerSecond}/s`);
      const dataDir = path.join(tmp, 'pg');
      for (const [round, count] of config.workerScaling.entries()) {
        while (workers.length < count) await startWorkerProcess();
        const half = round % 2 === 0 ? 0 : config.answerRoundJobs;
        const roundJobs = jobIds.slice(half, half + config.answerRoundJobs);
        await answerAllOpenQuestions(db, user.id, roundJobs);
        // CPU used while the backlog drains, per turn: where a turn's cost goes.
        const meter = await startCpuMeter({
          workers: async () => workers.map((worker) => worker.pid),
          postgres: () => postgresPids(dataDir),
          server: async () => [(server as BenchProcess).pid],
        });
        const result = await waitForTurns(db, roundJobs, performance.now(), config.backlogTimeoutMs);
        const cpu = await meter.stop();
        const perTurn = (ms: number | undefined) => Math.round(((ms ?? 0) / result.turns) * 100) / 100;
        throughput[`workers${count}`] = {
          ...result,
          cpuMsPerTurn: {
            workers: perTurn(cpu.workers),
            postgres: perTurn(cpu.postgres),
            server: perTurn(cpu.server),
          },
        };
        step(
          `  answer turns, ${count} worker process(es): ${result.turnsPerSecond}/s (CPU ms per turn: workers ${perTurn(cpu.workers)}, postgres ${perTurn(cpu.postgres)})`,
        );
      }
      while (workers.length > 1) await workers.pop()?.stop();

      const delivery = async (
        subscribers: number,
        layout: DeliveryOptions['layout'],
      ): Promise<DeliveryResult> => {
        const shared = layout === 'shared';
        const result = await measureEventDelivery(db, client, server as BenchProcess, jobIds, {
          ...config.delivery,
          subscribers,
          layout,
          warmupEvents: shared ? 5 : config.delivery.warmupEvents,
          samples: shared ? Math.max(config.delivery.samples, 20 * subscribers) : config.delivery.samples,
          // Shared: each event fans out to every subscriber; keep deliveries per second comparable.
          cpu: {
            server: async () => [(server as BenchProcess).pid],
            postgres: () => postgresPids(path.join(tmp, 'pg')),
            clients: async () => [process.pid],
          },
          eventsPerSecond: shared
            ? Math.min(config.delivery.eventsPerSecond, Math.max(2, 2_000 / subscribers))
            : config.delivery.eventsPerSecond,
        });
        step(
          `  ${layout} ×${subscribers}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${result.samples} samples, ${result.notDeliveredWithin10s} not delivered within 10 s; CPU ms per delivery ${JSON.stringify(result.cpuMsPerDelivery)})`,
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
      Object.assign(results, {
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
          noiseFloor,
          loadAverageByStep: loadByStep,
          environment: {
            node: process.version,
            cpus: os.cpus().length,
            workerConcurrency: config.workerConcurrency,
            seconds: Math.round((performance.now() - benchStarted) / 1000),
          },
        },
      });
    }

    if (runs('tokensPerBuild')) {
      step('tokens per build (stand-in model counting tokens: blueprint path vs. writing every file)');
      const chromium = findChromium({ configuredPath: null });
      if (!chromium.found) throw new Error(`tokensPerBuild verifies every build: ${chromium.reason}`);
      const verifier = createBrowserVerifier({ executablePath: chromium.executablePath });
      try {
        const tokens = await measureTokensPerBuild({
          verifier,
          evalRequestIds: config.tokensPerBuildRequests,
        });
        for (const entry of tokens.cases) {
          step(
            `  ${entry.name}: ${entry.blueprintPath.total} tokens in ${entry.blueprintPath.calls} calls vs. ${entry.writeEveryFile.total} in ${entry.writeEveryFile.calls} (${entry.requirementsLeftOut} requirements left out, ${entry.customFiles} custom files, ${entry.outcome})`,
          );
        }
        results.tokensPerBuild = {
          blueprintPath: tokens.blueprintPathTokens,
          writeEveryFile: tokens.writeEveryFileTokens,
          ratio: tokens.ratio,
          ratioWhenCustomised: tokens.customisedBuilds.ratio,
        };
        results.details.tokensPerBuild = tokens;
        step(
          `  all ${tokens.cases.length} builds: ${tokens.blueprintPathTokens} vs. ${tokens.writeEveryFileTokens} tokens (${tokens.ratio}×); the ${tokens.customisedBuilds.builds} that customised: ${tokens.customisedBuilds.blueprintPathTokens} vs. ${tokens.customisedBuilds.writeEveryFileTokens} (${tokens.customisedBuilds.ratio}×)`,
        );
      } finally {
        await verifier.close();
      }
    }

    if (runs('buildToVerifiedPreview')) {
      // The instant questioning model must not take these jobs: only the offline build worker runs.
      while (workers.length > 0) await workers.pop()?.stop();
      if (!server) {
        step('starting server');
        server = await startBenchProcess('server', 'server-process.ts', {
          ...childEnv,
          SESSION_SECRET: config.sessionSecret,
        });
      }
      step('starting a worker with the offline model and a sandboxed browser');
      const buildWorker = await startBenchProcess('build-worker', 'build-worker-process.ts', {
        ...childEnv,
        WORKER_CONCURRENCY: String(config.workerConcurrency),
      });
      try {
        const client = createTestClient(`http://127.0.0.1:${server.port}`);
        await client.signUp();
        const { warmup, samples } = config.buildToVerifiedPreview;
        step(`build to verified preview (${warmup} warm-up + ${samples} builds, offline, every check run)`);
        const builds = await measureBuildToVerifiedPreview(client, config.buildToVerifiedPreview);
        step(
          `  p50 ${builds.p50Ms} ms, p99 ${builds.p99Ms} ms; checks per build ${builds.checksPerBuild.join(', ')} (passed ${builds.checksPassed.join(', ')}); ${builds.failures.length} failed builds, ${builds.skipped} interviews that built by themselves`,
        );
        results.buildToVerifiedPreview = { p50Ms: builds.p50Ms, p99Ms: builds.p99Ms };
        results.details.buildToVerifiedPreview = builds;
      } finally {
        await buildWorker.stop();
      }
    }

    if (runs('dataApi')) {
      if (!server) {
        step('starting server');
        server = await startBenchProcess('server', 'server-process.ts', {
          ...childEnv,
          SESSION_SECRET: config.sessionSecret,
        });
      }
      const { members, records, createSamples, listSamples } = config.dataApi;
      step(
        `data API on the published app's origin (${members} members, ${records} records; ${createSamples} creates, ${listSamples} lists each)`,
      );
      const dataApi = await measureDataApi(
        db,
        {
          builder: `http://127.0.0.1:${server.port}`,
          previewPort: server.previewPort,
          query: (text) => pool.query(text),
        },
        config.dataApi,
      );
      step(
        `  create: p50 ${dataApi.create.p50Ms} ms, p99 ${dataApi.create.p99Ms} ms; list of 1,000 in one request: p50 ${dataApi.list1000OneRequest.p50Ms} ms, p99 ${dataApi.list1000OneRequest.p99Ms} ms; as 2 pages of 500: p50 ${dataApi.list1000.p50Ms} ms, p99 ${dataApi.list1000.p99Ms} ms; page of 500: p50 ${dataApi.page500.p50Ms} ms, p99 ${dataApi.page500.p99Ms} ms; sorted 1,000: p99 ${dataApi.list1000Sorted.p99Ms} ms; filtered (${dataApi.filtered.records}): p99 ${dataApi.filtered.p99Ms} ms`,
      );
      results.dataApi = {
        createP50Ms: dataApi.create.p50Ms,
        createP99Ms: dataApi.create.p99Ms,
        list1000P50Ms: dataApi.list1000OneRequest.p50Ms,
        list1000P99Ms: dataApi.list1000OneRequest.p99Ms,
        list1000TwoPagesP50Ms: dataApi.list1000.p50Ms,
        list1000TwoPagesP99Ms: dataApi.list1000.p99Ms,
      };
      results.details.dataApi = dataApi;
    }

    const file = path.join(import.meta.dirname, 'results.json');
    // A partial run (--only) keeps the figures it did not measure from the results.json there.
    const kept = only === null ? null : await readPreviousResults(file);
    const merged = {
      ...kept,
      ...results,
      details: { ...kept?.details, ...results.details, loadAverageByStep: loadByStep },
    } as Results;
    printReport(merged);
    const peakLoad = Math.max(...loadByStep.map((entry) => entry.load1));
    if (peakLoad > os.cpus().length) {
      step(
        `note: load average reached ${peakLoad} on ${os.cpus().length} cores — other processes shared the CPU, so tails include their contention (compare details.noiseFloor)`,
      );
    }
    await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
    step(`wrote ${path.relative(process.cwd(), file)}`);
  } catch (error) {
    for (const child of [server, ...workers]) {
      if (child) process.stderr.write(`--- last output of ${child.name} ---\n${child.output()}\n`);
    }
    throw error;
  } finally {
    await cleanup();
  }
}

async function readPreviousResults(file: string): Promise<Partial<Results> | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Partial<Results>;
  } catch {
    return null;
  }
}

/** Stops every process the bench started and removes its Postgres; runs once (finally or a signal). */
let cleanupTasks: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  const tasks = cleanupTasks;
  cleanupTasks = [];
  for (const task of tasks) await task().catch(() => {});
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

// The EventSources and keep-alive sockets would hold the event loop open: exit explicitly.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
