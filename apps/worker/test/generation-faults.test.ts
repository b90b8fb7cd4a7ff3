import { setTimeout as sleep } from 'node:timers/promises';
import {
  createOfflineModel,
  findChromium,
  generationTasks,
  type JobEvent,
  type Model,
  ModelAbortedError,
  maxFixAttempts,
  missingChromiumMessage,
} from '@app/core';
import { createScriptedModel } from '@app/core/testing';
import { buildNow, cancelJob, findJob, listEvents, retryJob } from '@app/db';
import { countGraphileJobs, createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { addLeftOutRequirement } from './support/left-out-requirement.ts';
import {
  closeTestVerifier,
  createTaskRunner,
  gapless,
  progressTypes,
  seqsOf,
  taskDependencies,
} from './support/task-runner.ts';
import { waitFor } from './worker-process.ts';

let database: TestDatabase;
let runner: ReturnType<typeof createTaskRunner>;
beforeEach(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  runner = createTaskRunner(database);
});
afterEach(async () => {
  await runner.close();
  await database.destroy();
});
afterAll(closeTestVerifier);

/**
 * A job whose questioning is done ("build now" before the first turn): `generating`, run 1 queued.
 * With `leftOut`, its ledger also holds a requirement the blueprint leaves out, so generation
 * calls the model to customise.
 */
async function generatingJob(leftOut?: string) {
  const { user, app, job } = await createUserWithJob(database.db, 'A tracker for our support tickets');
  await buildNow(database.db, { jobId: job.id, userId: user.id });
  await runner.run(taskDependencies(database), ['questioning_turn']);
  const generating = await findJob(database.db, job.id);
  expect(generating).toMatchObject({ status: 'generating', generation_run: 1 });
  if (leftOut) await addLeftOutRequirement(database.db, job.id, leftOut);
  return { user, app, job, logStart: generating?.last_seq ?? 0 };
}

async function versionsOf(appId: string) {
  return database.db.selectFrom('versions').selectAll().where('app_id', '=', appId).execute();
}

function eventsOfType<T extends JobEvent['type']>(events: readonly JobEvent[], type: T) {
  return events.filter((event): event is Extract<JobEvent, { type: T }> => event.type === type);
}

const customPath = 'src/custom/index.ts';
const registry =
  "import type { Extensions } from '../extensions';\n\nexport const extensions: Extensions = {};\n";
// Each bundles and runs (the app renders): only the type check finds them, so only a fix could.
const typeError = `${registry}export const count: number = 'many';\n`;
const otherTypeError = `${registry}export const label: string = 42;\n`;

/**
 * Customises with custom code that has a type error, and answers every fix with another broken
 * version of it: the problems change every time, so the fingerprint breaker never trips and only
 * the cap stops the loop.
 */
function neverFixingModel() {
  let fixes = 0;
  const model = createScriptedModel().enqueue(generationTasks.customise, {
    output: { files: [{ path: customPath, content: typeError }], deletedPaths: [] },
  });
  for (let index = 0; index < 5; index += 1) {
    model.enqueue(generationTasks.fix, {
      respond: () => {
        fixes += 1;
        return {
          files: [{ path: customPath, content: fixes % 2 ? otherTypeError : typeError }],
          deletedPaths: [],
        };
      },
    });
  }
  return model;
}

describe('generation faults (scripted model, real tasks, real Postgres)', () => {
  it('without a browser, a build fails at once with how to get one, and no generated code runs', async () => {
    const { app, job, logStart } = await generatingJob();
    const missing = findChromium({ configuredPath: '/nonexistent/chromium' });
    if (missing.found) throw new Error('expected no browser at that path');
    const model = createScriptedModel(); // any model call would fail the test: nothing is scripted
    await runner.run(
      {
        ...taskDependencies(database, model),
        verification: { available: false, message: missingChromiumMessage(missing.reason) },
      },
      ['generate_app'],
    );

    const failed = await findJob(database.db, job.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatchObject({
      phase: 'generation',
      message: expect.stringMatching(/No Chromium for verification.*apt-get install chromium.*CHROMIUM_PATH/),
    });
    expect(model.calls).toHaveLength(0);
    expect(await versionsOf(app.id)).toEqual([]);
    const events = (await listEvents(database.db, job.id)).slice(logStart);
    expect(progressTypes(events)).toEqual(['job_failed', 'done']);
  });

  it('a model that never fixes the app fails the job visibly, stores no version, and retry starts a new run', {
    timeout: 60_000,
  }, async () => {
    const { user, app, job, logStart } = await generatingJob('Print a label for each ticket');
    const model = neverFixingModel();
    await runner.run(taskDependencies(database, model), ['generate_app']);

    const failed = await findJob(database.db, job.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.version_id).toBeNull();
    expect(failed?.error).toMatchObject({ phase: 'generation', retryable: true });
    expect(failed?.error).toMatchObject({ message: expect.stringContaining(customPath) });
    expect(await versionsOf(app.id)).toEqual([]);
    // Not retried by graphile behind the user's back: the failure is final until they retry.
    expect(await countGraphileJobs(database.db)).toBe(0);

    const events = (await listEvents(database.db, job.id)).slice(logStart);
    const validations = eventsOfType(events, 'validation_finished');
    expect(validations.length).toBeGreaterThanOrEqual(1);
    for (const validation of validations) {
      expect(validation.data.ok).toBe(false);
      expect(validation.data.problems.length).toBeGreaterThan(0);
    }
    expect(validations[0]?.data.problems[0]).toMatchObject({ path: customPath, source: 'types' });
    // The model was asked to customise, for exactly what the blueprint left out.
    expect(model.callsFor(generationTasks.customise)).toHaveLength(1);
    expect(model.callsFor(generationTasks.customise)[0]?.input).toMatchObject({
      requirements: [{ kind: 'requirement', text: 'Print a label for each ticket' }],
    });
    // Each fix was asked to repair the type problem in the custom file, and the cap held.
    const fixes = eventsOfType(events, 'fix_started');
    expect(fixes.map((fix) => fix.data.attempt)).toEqual(
      Array.from({ length: fixes.length }, (_, index) => index + 1),
    );
    expect(fixes.length).toBeGreaterThanOrEqual(1);
    expect(fixes.length).toBeLessThanOrEqual(maxFixAttempts);
    for (const fix of fixes)
      expect(fix.data.problems).toContainEqual(
        expect.objectContaining({ path: customPath, source: 'types' }),
      );
    expect(model.callsFor(generationTasks.fix)).toHaveLength(fixes.length);
    expect(validations).toHaveLength(fixes.length + 1);
    expect(progressTypes(events).slice(-2)).toEqual(['job_failed', 'done']);
    expect(events.at(-2)?.data).toMatchObject({
      retryable: true,
      message: expect.stringContaining('problem'),
    });
    expect(events.at(-1)?.data).toEqual({ status: 'failed' });
    expect(eventsOfType(events, 'version_created')).toEqual([]);
    const all = await listEvents(database.db, job.id);
    expect(seqsOf(all)).toEqual(gapless(all.length));
    expect(eventsOfType(all, 'done')).toHaveLength(1);

    // Retry goes back to generation with a fresh run, queued in the same transaction.
    const { job: retried } = await retryJob(database.db, { jobId: job.id, userId: user.id });
    expect(retried).toMatchObject({ status: 'generating', generation_run: 2, error: null });
    const { rows: queued } = await sql<{ payload: unknown }>`
      select job.payload from graphile_worker._private_jobs job
      join graphile_worker._private_tasks task on task.id = job.task_id
      where task.identifier = 'generate_app'`.execute(database.db);
    expect(queued.map((row) => row.payload)).toEqual([{ jobId: job.id, run: 2 }]);

    // …and with a model that works (offline: it writes no custom code), run 2 completes with the
    // app's first version, the compiled app alone.
    await runner.run(taskDependencies(database), ['generate_app']);
    const complete = await findJob(database.db, job.id);
    expect(complete?.status).toBe('complete');
    const versions = await versionsOf(app.id);
    expect(versions.map((version) => [version.number, version.generation_run, version.id])).toEqual([
      [1, 2, complete?.version_id],
    ]);
    const after = await listEvents(database.db, job.id);
    expect(seqsOf(after)).toEqual(gapless(after.length));
    expect(eventsOfType(after, 'done').map((event) => event.data.status)).toEqual(['failed', 'complete']);
  });

  it('cancel during a model call aborts it: the task returns within seconds, no version, the log ends with done', {
    timeout: 60_000,
  }, async () => {
    const { user, app, job } = await generatingJob('Print a label for each ticket');
    const model = hangingModel(createOfflineModel(), generationTasks.customise);
    const running = runner.run(taskDependencies(database, model), ['generate_app']);
    let settledAt: number | null = null;
    void running.then(
      () => {
        settledAt = Date.now();
      },
      () => {
        settledAt = Date.now();
      },
    );

    await waitFor('the customise call to hang', async () => (model.hanging() ? true : undefined), 20_000);
    const before = await listEvents(database.db, job.id);
    // Hanging in the plan's last step, the customisation (the compiled steps are written).
    const steps = eventsOfType(before, 'plan_created')[0]?.data.steps ?? [];
    expect(steps.at(-1)?.files).toEqual([]);
    expect(before.at(-1)).toMatchObject({ type: 'step_started', data: { index: steps.at(-1)?.index } });
    expect(eventsOfType(before, 'step_completed')).toHaveLength(steps.length - 1);

    const cancelledAt = Date.now();
    await cancelJob(database.db, { jobId: job.id, userId: user.id });
    await running;
    const stopMs = (settledAt ?? Date.now()) - cancelledAt;
    console.info(`cancel → generate_app returned after ${stopMs} ms`);
    expect(stopMs).toBeLessThan(3_000);
    expect(model.abortedCalls()).toBe(1);

    expect(await findJob(database.db, job.id)).toMatchObject({ status: 'cancelled', version_id: null });
    expect(await versionsOf(app.id)).toEqual([]);
    // The task ended as done (a cancel is no failure): nothing left for graphile to retry.
    expect(await countGraphileJobs(database.db)).toBe(0);
    const events = await listEvents(database.db, job.id);
    expect(progressTypes(events).slice(-2)).toEqual(['job_cancelled', 'done']);
    expect(events.at(-1)?.data).toEqual({ status: 'cancelled' });
    expect(seqsOf(events)).toEqual(gapless(events.length));
    expect(eventsOfType(events, 'done')).toHaveLength(1);
    // Nothing trails in after the final status.
    await sleep(1_200);
    expect(await listEvents(database.db, job.id)).toHaveLength(events.length);
  });
});

/**
 * The offline model, except that calls of `task` hang until their AbortSignal fires — like a slow
 * provider — and then reject the way providers do.
 */
function hangingModel(model: Model, task: string) {
  let hanging = 0;
  let aborted = 0;
  const wrapped: Model & { hanging(): number; abortedCalls(): number } = {
    describe: () => model.describe(),
    hanging: () => hanging,
    abortedCalls: () => aborted,
    async call(request) {
      if (request.task !== task) return model.call(request);
      const signal = request.signal;
      if (!signal) throw new Error('hanging model: the call carries no AbortSignal');
      hanging += 1;
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      aborted += 1;
      throw new ModelAbortedError('the call was aborted', { cause: signal.reason });
    },
  };
  return wrapped;
}
