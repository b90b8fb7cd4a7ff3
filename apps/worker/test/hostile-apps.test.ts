import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createOpenAiModel, type JobEvent, maxMessageLength } from '@app/core';
import { buildNow, findJob, listEvents } from '@app/db';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import type { TaskDependencies } from '../src/tasks/index.ts';
import { type AppModelServer, startAppModelServer } from './support/app-model-server.ts';
import { benignApp, type HostilePayload, hostilePayloads } from './support/hostile-payloads.ts';
import {
  closeTestVerifier,
  createTaskRunner,
  progressTypes,
  taskDependencies,
} from './support/task-runner.ts';
import { startTripwire, type Tripwire } from './support/tripwire.ts';

/*
 * The hostile-app corpus (docs/architecture.md#security): generated apps that try to escape verification, each
 * returned by a local model over the real OpenAI wire format (plan, write step, and every fix:
 * the same app again) and run through the real `generate_app` task — real Postgres, the
 * worker's real verifier (the system's Chromium, sandboxed, default limits as main.ts sets them)
 * and the real type-check child. For every payload: nothing appears on disk, the tripwire gets
 * no connection, no secret reaches an event, a job row, a stored file, the log or the model,
 * every event message is capped, and the job ends visibly within a bound. Then a plain app still
 * builds on the same verifier.
 */

/** Per payload, one generate_app run: the type check's and a check's wall limits are 20 s each, side by side. */
const boundMs = 45_000;

let database: TestDatabase;
let runner: ReturnType<typeof createTaskRunner>;
let tripwire: Tripwire;
let modelServer: AppModelServer;
let canaryDir: string;
let deps: TaskDependencies;
const logLines: string[] = [];
const rows: { payload: string; outcome: string; ms: number; validations: number; problem: string }[] = [];

// Secrets a leak would carry: canaries in this process's environment (one named like a secret,
// which the scrubber would mask; one not, so only containment keeps it out), both database
// passwords, and what /etc/passwd starts with.
const canarySecret = `canary-${crypto.randomUUID()}`;
const canaryPlain = `plain${crypto.randomUUID().replace(/-/g, '')}`;
let secrets: string[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  runner = createTaskRunner(database);
  tripwire = await startTripwire();
  modelServer = await startAppModelServer();
  canaryDir = mkdtempSync(path.join(tmpdir(), 'hostile-canary-'));
  process.env.APP_BUILDER_CANARY_SECRET = canarySecret;
  process.env.APP_BUILDER_CANARY_PLAIN = canaryPlain;
  process.env.DATABASE_URL = database.url;
  secrets = [
    canarySecret,
    canaryPlain,
    new URL(database.url).password,
    new URL(inject('databaseServerUrl')).password,
    'root:x:0:0',
  ].filter((secret) => secret.length > 0);
  deps = {
    ...taskDependencies(
      database,
      createOpenAiModel({
        apiKey: 'test',
        baseURL: modelServer.baseURL,
        questioningModel: 'gpt-4o-mini',
        generationModel: 'gpt-4o-mini',
        timeoutMs: 30_000,
        maxAttempts: 1,
      }),
    ),
    logger: createLogger({ level: 'debug', write: (line) => logLines.push(line) }),
  };
});

afterAll(async () => {
  const width = Math.max(...rows.map((row) => row.payload.length), 'payload'.length);
  console.info(
    [
      `[hostile apps] per payload: one generate_app run (bound ${boundMs} ms)`,
      `${'payload'.padEnd(width)}  outcome       ms  validations  first problem`,
      ...rows.map(
        (row) =>
          `${row.payload.padEnd(width)}  ${row.outcome.padEnd(8)}  ${String(row.ms).padStart(6)}  ${String(row.validations).padStart(11)}  ${row.problem.slice(0, 100)}`,
      ),
    ].join('\n'),
  );
  for (const key of ['APP_BUILDER_CANARY_SECRET', 'APP_BUILDER_CANARY_PLAIN', 'DATABASE_URL'])
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  await closeTestVerifier();
  await runner?.close();
  await modelServer?.close();
  await tripwire?.close();
  if (canaryDir) rmSync(canaryDir, { recursive: true, force: true });
  await database?.destroy();
});

/** A job whose questioning is done (offline model, "build now"): `generating`, run 1 queued. */
async function generatingJob() {
  const { user, app, job } = await createUserWithJob(database.db, 'A tracker for our support tickets');
  await buildNow(database.db, { jobId: job.id, userId: user.id });
  await runner.run(taskDependencies(database), ['questioning_turn']);
  expect(await findJob(database.db, job.id)).toMatchObject({ status: 'generating', generation_run: 1 });
  return { app, job };
}

/** Every string in an event's data except file contents (capped by the task schema, not ≈ 2 KB). */
function messageStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'content' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((item) => messageStrings(item, key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([name, item]) => messageStrings(item, name));
  return [];
}

function problemsOf(events: readonly JobEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'validation_finished' ? event.data.problems.map((problem) => problem.message) : [],
  );
}

/** Everything the run left where a person, an operator or the model could read it. */
async function everythingStored(jobId: string, appId: string): Promise<Record<string, string>> {
  const events = await listEvents(database.db, jobId);
  const { rows: jobRows } = await sql<{ row: unknown }>`
    select to_jsonb(jobs) as row from jobs where id = ${jobId}`.execute(database.db);
  const { rows: versionRows } = await sql<{ row: unknown }>`
    select to_jsonb(versions) as row from versions where app_id = ${appId}`.execute(database.db);
  const { rows: fileRows } = await sql<{ row: unknown }>`
    select to_jsonb(files) as row from version_files files
    join versions on versions.id = files.version_id where versions.app_id = ${appId}`.execute(database.db);
  const { rows: graphileRows } = await sql<{ row: unknown }>`
    select to_jsonb(job) as row from graphile_worker._private_jobs job`.execute(database.db);
  return {
    events: JSON.stringify(events),
    'job row': JSON.stringify(jobRows),
    versions: JSON.stringify(versionRows),
    'version files': JSON.stringify(fileRows),
    'graphile jobs': JSON.stringify(graphileRows),
    'worker log': logLines.join('\n'),
    'model requests': modelServer.bodies.join('\n'),
  };
}

async function runPayload(payload: HostilePayload) {
  const { app, job } = await generatingJob();
  modelServer.setApp(payload.files);
  const callsBefore = new Map(modelServer.calls);
  const hitsBefore = tripwire.hits.length;
  const startedAt = performance.now();
  await runner.run(deps, ['generate_app']);
  const ms = Math.round(performance.now() - startedAt);

  const final = await findJob(database.db, job.id);
  const events = await listEvents(database.db, job.id);
  const problems = problemsOf(events);
  rows.push({
    payload: payload.name,
    outcome: final?.status ?? 'missing',
    ms,
    validations: events.filter((event) => event.type === 'validation_finished').length,
    problem: problems[0] ?? '',
  });

  // The model really answered with the payload (the test is not passing on a broken wire).
  expect((modelServer.calls.get('step_files') ?? 0) - (callsBefore.get('step_files') ?? 0)).toBe(1);
  // A visible final state within the bound.
  expect(ms).toBeLessThan(boundMs);
  const allowed = payload.outcome === 'failed' ? ['failed'] : ['failed', 'complete'];
  expect(allowed).toContain(final?.status);
  const types = progressTypes(events);
  if (final?.status === 'failed') {
    expect(types.slice(-2)).toEqual(['job_failed', 'done']);
    expect(events.at(-1)?.data).toEqual({ status: 'failed' });
    // It failed where it should: in validation, not on the model's reply.
    expect(types).toContain('validation_finished');
    expect(problems.length).toBeGreaterThan(0);
    for (const pattern of payload.stoppedBy) expect(problems.join('\n')).toMatch(pattern);
    // Whatever the app printed or posted, no verdict said it passed.
    for (const event of events) if (event.type === 'validation_finished') expect(event.data.ok).toBe(false);
    expect(final.version_id).toBeNull();
    const error = final.error as { message?: unknown } | null;
    expect(typeof error?.message).toBe('string');
    expect(String(error?.message).length).toBeLessThanOrEqual(maxMessageLength);
  } else {
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'complete' } });
  }

  // Nothing on disk, no connection, no secret anywhere, every message capped.
  expect(readdirSync(canaryDir)).toEqual([]);
  expect(tripwire.hits.slice(hitsBefore)).toEqual([]);
  const stored = await everythingStored(job.id, app.id);
  for (const [where, text] of Object.entries(stored))
    for (const secret of secrets)
      expect(text.includes(secret), `${secret.slice(0, 12)}… in ${where}`).toBe(false);
  for (const event of events)
    for (const text of messageStrings(event.data))
      expect(text.length, `a ${event.type} message`).toBeLessThanOrEqual(maxMessageLength);
  return { final, events, problems };
}

describe('hostile generated apps through the real generate_app task (openai wire model, sandboxed Chromium)', () => {
  // Filled in beforeAll (the tripwire's ports and the canary directory are needed first), so
  // the cases are built from placeholders and looked up by name at run time.
  const names = hostilePayloads({ canaryDir: '/nonexistent', tcpPort: 1, udpPort: 1 }).map(
    (payload) => payload.name,
  );
  for (const name of names) {
    it(`contains: ${name}`, { timeout: boundMs + 30_000 }, async () => {
      const payload = hostilePayloads({
        canaryDir,
        tcpPort: tripwire.tcpPort,
        udpPort: tripwire.udpPort,
      }).find((candidate) => candidate.name === name);
      if (!payload) throw new Error(`no payload ${name}`);
      await runPayload(payload);
    });
  }

  it('keeps serving: a plain app then builds on the same verifier and type checker', {
    timeout: 60_000,
  }, async () => {
    const { final, events } = await runPayload({
      name: 'benign app (after)',
      files: benignApp,
      outcome: 'failed-or-complete',
      stoppedBy: [],
    });
    expect(final?.status).toBe('complete');
    expect(final?.version_id).not.toBeNull();
    expect(progressTypes(events)).toContain('version_created');
    // Over the whole corpus: not one connection or datagram, not one file.
    expect(tripwire.hits).toEqual([]);
    expect(readdirSync(canaryDir)).toEqual([]);
  });
});
