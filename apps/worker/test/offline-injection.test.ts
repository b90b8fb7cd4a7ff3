import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blueprintModulePath, dataModulePaths } from '@app/core';
import { bundleApp, type VerificationCheck } from '@app/core/validation';
import {
  answerQuestion,
  buildNow,
  findJob,
  findVersion,
  listEvents,
  loadVersionView,
  startJob,
} from '@app/db';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataModuleValue, expectCompiledFrom } from './support/compiled-app.ts';
import {
  closeTestVerifier,
  createTaskRunner,
  progressTypes,
  taskDependencies,
  testVerification,
} from './support/task-runner.ts';
import { startTripwire, type Tripwire } from './support/tripwire.ts';

/*
 * The exploit issue 8 opened with, through the real worker tasks and Postgres: a change request
 * "Rename it to Desk" + U+2028 + JavaScript once ran that JavaScript on the worker during the
 * render check. Here the same shape of request (and the same text as an answer) goes through
 * questioning_turn and generate_app with the offline model. The JavaScript would leave a trace
 * wherever it ran — a file (Node), a connection to the tripwire (Node or a leaky browser), an
 * attribute on the page (the browser) — and none may appear; the new version's title is exactly
 * the hostile text, shown as text.
 */

let database: TestDatabase;
let runner: ReturnType<typeof createTaskRunner>;
let tripwire: Tripwire;
let canaryDir: string;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  runner = createTaskRunner(database);
  tripwire = await startTripwire();
  canaryDir = mkdtempSync(path.join(tmpdir(), 'injection-canary-'));
});
afterAll(async () => {
  await closeTestVerifier();
  await runner?.close();
  await tripwire?.close();
  if (canaryDir) rmSync(canaryDir, { recursive: true, force: true });
  await database?.destroy();
});

/** Marks the page if it ever runs: what the checks below count. */
const domTrace = "document['documentElement']['setAttribute']('data-pwned', 1);";

/**
 * JavaScript with no full stop, double quote or newline (any of them would end the rename's
 * title): property access by brackets. Each statement leaves its own trace if it ever runs.
 */
function payload(): string {
  const canary = path.join(canaryDir, 'pwned');
  if (/[."\n]/.test(canary)) throw new Error(`the canary path must not end the title: ${canary}`);
  return [
    `globalThis['process']['getBuiltinModule']('fs')['writeFileSync']('${canary}-fs', 'x');`,
    `require('child_process')['execSync']('touch ${canary}-spawn');`,
    `fetch('http://localhost:${tripwire.tcpPort}/pwned');`,
    domTrace,
    `<img src=x onerror=${domTrace}>`,
    `<script>${domTrace}</script>`,
  ].join(' ');
}

/**
 * Runs questioning turns to generation and the build: answers the first question with `answer`
 * (when given and a question is asked), otherwise or then "build now".
 */
async function questionAndBuild(jobId: string, ownerId: string, answer: string | null) {
  const deps = taskDependencies(database);
  await runner.run(deps, ['questioning_turn']);
  let job = await findJob(database.db, jobId);
  let answered = false;
  if (answer !== null && job?.status === 'awaiting_answer' && job.open_question_id) {
    await answerQuestion(database.db, {
      jobId,
      userId: ownerId,
      questionId: job.open_question_id,
      optionIds: [],
      text: answer,
    });
    answered = true;
    await runner.run(deps, ['questioning_turn']);
    job = await findJob(database.db, jobId);
  }
  if (job?.status === 'awaiting_answer') {
    await buildNow(database.db, { jobId, userId: ownerId });
    await runner.run(deps, ['questioning_turn']);
  }
  expect((await findJob(database.db, jobId))?.status).toBe('generating');
  await runner.run(deps, ['generate_app']);
  return { job: await findJob(database.db, jobId), events: await listEvents(database.db, jobId), answered };
}

async function builtVersion(jobId: string, ownerId: string, answer: string | null) {
  const { job, events } = await questionAndBuild(jobId, ownerId, answer);
  expect(job?.status, JSON.stringify(job?.error)).toBe('complete');
  expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'complete' } });
  const row = job?.version_id ? await findVersion(database.db, job.version_id) : undefined;
  if (!row) throw new Error('no version');
  return { version: await loadVersionView(database.db, row), events };
}

function expectNoTrace() {
  expect(readdirSync(canaryDir)).toEqual([]);
  expect(tripwire.hits).toEqual([]);
}

describe('the U+2028 rename exploit through the worker (offline model, real tasks, Postgres, sandboxed Chromium)', () => {
  it('as a change request it stays data: nothing runs, the new title is exactly the text', {
    timeout: 120_000,
  }, async () => {
    const injected = payload();
    const { user, app, job } = await createUserWithJob(database.db, 'A tracker for our support tickets');
    const { version: v1 } = await builtVersion(job.id, user.id, null);
    expectNoTrace();

    const title = `Desk\u2028${injected}`;
    const change = await startJob(database.db, {
      appId: app.id,
      ownerId: user.id,
      kind: 'change',
      request: `Rename it to ${title}`,
      baseVersionId: v1.id,
    });
    const { version: v2, events } = await builtVersion(change.id, user.id, title);
    expectNoTrace();
    expect(v2.number).toBe(2);
    // The hostile text is the blueprint's title, and it reached the app only as data: every file
    // is the template's or a data module compiled from that blueprint, and the text is in no other.
    expect(v2.blueprint?.title).toBe(title);
    if (!v2.blueprint) throw new Error('version 2 keeps its blueprint');
    expectCompiledFrom(v2.files, v2.blueprint);
    expect((dataModuleValue(v2.files, blueprintModulePath) as { title: string }).title).toBe(title);
    for (const file of v2.files)
      if (!dataModulePaths.has(file.path)) expect(file.content).not.toContain('__pwned');
    for (const file of v2.files) expect(file.content).not.toContain(injected);
    // The worker verified it (the sandboxed browser, its own render check) before storing it.
    const validations = events.filter((event) => event.type === 'validation_finished');
    expect(validations.at(-1)).toMatchObject({ data: { ok: true } });
    expect(progressTypes(events)).toContain('version_created');

    // The stored files, run again in the sandboxed browser: the title reads back as exactly the
    // hostile text, no markup from it became elements, and no statement of it ran.
    const bundle = await bundleApp(v2.files, { sourceMap: true });
    if (!bundle.ok) throw new Error(`version 2 does not bundle: ${JSON.stringify(bundle.problems)}`);
    const verifier = verifierUnderTest();
    const checks = injectionChecks(title);
    const verdict = await verifier.verifyApp(bundle, checks);
    expect(verdict.checks.map((check) => [check.id, check.ok, check.detail])).toEqual([
      [expect.any(String), true, expect.any(String)],
      ['title-is-text', true, JSON.stringify(title.slice(0, 300))],
      ['nothing-ran', true, '0 traces'],
    ]);
    expect(verdict.problems).toEqual([]);
    expectNoTrace();

    // Control: the same statement spliced in as code does leave the trace these checks look for.
    const spliced = await bundleApp([
      {
        path: 'src/App.tsx',
        content: `${domTrace}\nexport default function App() {\n  return <h1>Desk</h1>;\n}\n`,
      },
    ]);
    if (!spliced.ok) throw new Error(`the control does not bundle: ${JSON.stringify(spliced.problems)}`);
    const control = await verifier.verifyApp({ ...spliced, sourceMap: null }, checks);
    expect(control.checks.find((check) => check.id === 'nothing-ran')).toMatchObject({ ok: false });
  });

  it('as an answer it stays data: nothing runs, and the job ends visibly', { timeout: 120_000 }, async () => {
    const { user, job } = await createUserWithJob(database.db, 'A tracker for our support tickets');
    const {
      job: final,
      events,
      answered,
    } = await questionAndBuild(job.id, user.id, `Desk\u2028${payload()}`);
    expect(answered).toBe(true);
    expectNoTrace();
    // Containment is the point here; whether the offline understanding makes a working app of
    // every hostile answer is its own matter (docs/architecture.md#security only needs a failure
    // to be visible) — the job must end, visibly, and a version it stores is its blueprint compiled.
    expect(['complete', 'failed']).toContain(final?.status);
    if (final?.status === 'complete') {
      const row = final.version_id ? await findVersion(database.db, final.version_id) : undefined;
      const version = row ? await loadVersionView(database.db, row) : null;
      if (!version?.blueprint) throw new Error('the version keeps its blueprint');
      expectCompiledFrom(version.files, version.blueprint);
    }
    const last = events.filter((event) => event.type !== 'usage').slice(-2);
    if (final?.status === 'failed') expect(last.map((event) => event.type)).toEqual(['job_failed', 'done']);
    else expect(last.at(-1)).toMatchObject({ type: 'done', data: { status: 'complete' } });
    // Had its fetch run in the verifying browser, the refused request (or the CSP's console error)
    // would be one of the problems.
    const problems = events.flatMap((event) =>
      event.type === 'validation_finished' ? event.data.problems.map((problem) => problem.message) : [],
    );
    for (const problem of problems) expect(problem).not.toMatch(/\/pwned|Content Security Policy/);
  });
});

function verifierUnderTest() {
  const verification = testVerification();
  if (!verification.available) throw new Error(verification.message);
  return verification.verifier;
}

function injectionChecks(title: string): VerificationCheck[] {
  return [
    {
      id: 'title-is-text',
      title: 'The title is the hostile text, as text',
      run: async (page) => {
        // The compiled app shows its title in the sidebar's brand (and its top bar on a phone).
        const shown = await page.textOf('.brand-title');
        return { ok: shown === title, detail: JSON.stringify(shown?.slice(0, 300)) };
      },
    },
    {
      id: 'nothing-ran',
      title: 'No statement of it ran and no markup became elements',
      run: async (page) => {
        const traces = await page.count('[data-pwned], #root img, #root script');
        return { ok: traces === 0, detail: `${traces} traces` };
      },
    },
  ];
}
