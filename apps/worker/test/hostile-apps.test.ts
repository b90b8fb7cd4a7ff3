import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createOpenAiModel,
  isCustomPath,
  type JobEvent,
  maxMessageLength,
  normaliseAppPath,
} from '@app/core';
import { buildNow, findJob, findVersion, listEvents, loadVersionView } from '@app/db';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import type { TaskDependencies } from '../src/tasks/index.ts';
import { type AppModelServer, startAppModelServer } from './support/app-model-server.ts';
import { expectCompiledFrom } from './support/compiled-app.ts';
import {
  allowedRegistry,
  benignApp,
  type HostilePayload,
  hostilePayloads,
  outsideCustomMarker,
  writesOutsideCustom,
} from './support/hostile-payloads.ts';
import { addLeftOutRequirement } from './support/left-out-requirement.ts';
import {
  closeTestVerifier,
  createTaskRunner,
  progressTypes,
  taskDependencies,
  testVerification,
} from './support/task-runner.ts';
import { startTripwire, type Tripwire } from './support/tripwire.ts';

/*
 * The hostile-code corpus (docs/architecture.md#security). In a compiled app a model's code can
 * only arrive as files under src/custom/ from the customise and fix calls (whatever else it
 * writes is dropped), so each payload is custom code that a local model returns over the real
 * OpenAI wire format (customise, and every fix: the same code again) for a job whose ledger holds
 * a requirement the blueprint leaves out, run through the real `generate_app` task — real
 * Postgres, the worker's real verifier (the system's Chromium, sandboxed, with the CPU and memory
 * limits main.ts sets; wall and action timeouts widened for a loaded test machine) and the real
 * type-check child. For every payload: nothing appears on disk, the tripwire gets no connection,
 * no secret reaches an event, a job row, a stored file, the log or the model, every event message
 * is capped, and the job ends visibly within a bound. A model that writes outside src/custom/
 * changes nothing but its custom files. Then plain custom code still builds on the same verifier.
 */

/**
 * Per payload, one generate_app run: the type check's 20 s and the verifier's 30 s wall limit
 * side by side, with room for a machine other tests load too.
 */
const boundMs = 75_000;

/** The verifier's containment limits as main.ts sets them (defaults); only timing is widened. */
const verifierLimits = { wallLimitMs: 30_000, checkWallLimitMs: 5_000, actionTimeoutMs: 10_000 };

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
  // First: every later `taskDependencies` shares this file's one verifier, with these limits.
  testVerification(verifierLimits);
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

/**
 * A job whose questioning is done (offline model, "build now"): `generating`, run 1 queued, with a
 * requirement the blueprint leaves out, so generation asks the model to customise.
 */
async function generatingJob() {
  const { user, app, job } = await createUserWithJob(database.db, 'A tracker for our support tickets');
  await buildNow(database.db, { jobId: job.id, userId: user.id });
  await runner.run(taskDependencies(database), ['questioning_turn']);
  expect(await findJob(database.db, job.id)).toMatchObject({ status: 'generating', generation_run: 1 });
  await addLeftOutRequirement(database.db, job.id, 'Print a label for each ticket');
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
  modelServer.setChanges(payload);
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
  expect((modelServer.calls.get('custom_files') ?? 0) - (callsBefore.get('custom_files') ?? 0)).toBe(1);
  // …and its files are what was verified: every custom file it wrote was written.
  const written = events.flatMap((event) => (event.type === 'file_written' ? [event.data.path] : []));
  for (const file of payload.files) {
    const path = normaliseAppPath(file.path);
    if (path && isCustomPath(path)) expect(written).toContain(path);
  }
  // A model's code only ever lands under src/custom/: the compiled steps write the template's
  // files, the customisation step (the plan's last) writes only custom files.
  const customStep = events.findLastIndex((event) => event.type === 'step_started');
  for (const event of events.slice(customStep))
    if (event.type === 'file_written') expect(event.data.path).toMatch(/^src\/custom\//);
  // A visible final state within the bound.
  expect(ms).toBeLessThan(boundMs);
  const allowed = {
    failed: ['failed'],
    'failed-or-complete': ['failed', 'complete'],
    complete: ['complete'],
  }[payload.outcome];
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

  it('drops what a model writes outside src/custom/: the app builds as compiled, with its custom registry', {
    timeout: boundMs + 30_000,
  }, async () => {
    const payload = writesOutsideCustom();
    const { final } = await runPayload(payload);
    const version = await storedVersion(final?.version_id ?? null);
    if (!version.blueprint) throw new Error('the version keeps its blueprint');
    // Every template file as compiled, none deleted, nothing outside src/: only the registry changed.
    expectCompiledFrom(version.files, version.blueprint, [allowedRegistry]);
    for (const file of version.files) expect(file.content).not.toContain(outsideCustomMarker);
    expect(version.status).toBe('ready');
  });

  it('keeps serving: plain custom code then builds on the same verifier and type checker', {
    timeout: boundMs + 30_000,
  }, async () => {
    const { final, events } = await runPayload({
      name: 'benign custom code (after)',
      files: benignApp,
      outcome: 'complete',
      stoppedBy: [],
    });
    expect(final?.status).toBe('complete');
    expect(progressTypes(events)).toContain('version_created');
    const version = await storedVersion(final?.version_id ?? null);
    if (!version.blueprint) throw new Error('the version keeps its blueprint');
    expectCompiledFrom(version.files, version.blueprint, benignApp);
    expect(version.checks.every((check) => check.ok)).toBe(true);
    // Over the whole corpus: not one connection or datagram, not one file.
    expect(tripwire.hits).toEqual([]);
    expect(readdirSync(canaryDir)).toEqual([]);
  });
});

async function storedVersion(versionId: string | null) {
  const row = versionId ? await findVersion(database.db, versionId) : undefined;
  if (!row) throw new Error('no version was stored');
  return loadVersionView(database.db, row);
}
