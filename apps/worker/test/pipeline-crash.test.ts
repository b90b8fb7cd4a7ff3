import { setTimeout as sleep } from 'node:timers/promises';
import type { JobEvent } from '@app/core';
import { answerQuestion, buildNow, findJob, listEvents, listQuestions } from '@app/db';
import { countGraphileJobs, createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { addLeftOutRequirement } from './support/left-out-requirement.ts';
import {
  closeTestVerifier,
  createTaskRunner,
  gapless,
  seqsOf,
  taskDependencies,
} from './support/task-runner.ts';
import { spawnWorkerProcess, type WorkerProcess, waitFor } from './worker-process.ts';

// Real worker processes running the real task list with the offline model (MODEL_PROVIDER=offline),
// slowed down so they can be killed mid-task, with short recovery settings (heartbeat 500 ms, dead
// after 2 s, sweep every 500 ms): see test/fixtures/slow-pipeline-worker.ts.
const fixture = 'test/fixtures/slow-pipeline-worker.ts';

let database: TestDatabase;
const processes: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});

afterEach(async () => {
  await Promise.all(
    processes.splice(0).map(async (worker) => {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
      worker.child.kill('SIGTERM');
      const stopped = await Promise.race([worker.exited, sleep(10_000).then(() => null)]);
      if (!stopped) worker.child.kill('SIGKILL');
    }),
  );
});

afterAll(() => database.destroy());
afterAll(closeTestVerifier);

async function startWorker(slow: { phase: 'questioning' | 'generation'; delayMs: number }) {
  const worker = await spawnWorkerProcess(fixture, {
    DATABASE_URL: database.url,
    MODEL_PROVIDER: 'offline',
    OPENAI_API_KEY: '',
    LOG_LEVEL: 'warn',
    TEST_SLOW_PHASE: slow.phase,
    TEST_MODEL_DELAY_MS: String(slow.delayMs),
  });
  processes.push(worker);
  return worker;
}

async function killHard(worker: WorkerProcess) {
  worker.child.kill('SIGKILL');
  await worker.exited;
}

function modelCalls(worker: WorkerProcess): string[] {
  return [...worker.log().matchAll(/^model call (\S+)$/gm)].map((match) => match[1] ?? '');
}

function eventsOfType<T extends JobEvent['type']>(events: readonly JobEvent[], type: T) {
  return events.filter((event): event is Extract<JobEvent, { type: T }> => event.type === type);
}

describe('kill -9 mid-task (real worker processes)', () => {
  it('a worker killed during generation: the next worker finishes the run with exactly one version', {
    // A fresh worker process, its browser and type checker started cold, then a full verification.
    timeout: 150_000,
  }, async () => {
    // Questioning in this process; the queued generate_app run is left for the worker processes.
    const { user, app, job } = await createUserWithJob(database.db, 'A tracker for our support tickets');
    await buildNow(database.db, { jobId: job.id, userId: user.id });
    const runner = createTaskRunner(database);
    try {
      await runner.run(taskDependencies(database), ['questioning_turn']);
    } finally {
      await runner.close();
    }
    expect(await findJob(database.db, job.id)).toMatchObject({ status: 'generating', generation_run: 1 });
    // Something the blueprint leaves out, so the run makes a (slowed) customise call to be killed in.
    await addLeftOutRequirement(database.db, job.id, 'Print a label for each ticket');

    const first = await startWorker({ phase: 'generation', delayMs: 2_000 });
    await waitFor('generation to be mid-customise', async () =>
      modelCalls(first).includes('generation.customise') ? true : undefined,
    );
    const before = await listEvents(database.db, job.id);
    // Killed inside the plan's last step (the customisation), the compiled files already written.
    expect(eventsOfType(before, 'step_started').length).toBeGreaterThan(0);
    expect(eventsOfType(before, 'file_written').length).toBeGreaterThan(0);
    expect(before.at(-1)?.type).toBe('step_started');
    expect(eventsOfType(before, 'done')).toEqual([]);
    await killHard(first);
    const killedAt = Date.now();
    const second = await startWorker({ phase: 'generation', delayMs: 0 });

    const events = await waitFor(
      'the run to finish on the second worker',
      async () => {
        const all = await listEvents(database.db, job.id);
        return all.some((event) => event.type === 'done') ? all : undefined;
      },
      120_000,
    );
    console.info(`kill -9 mid-generation → done after ${Date.now() - killedAt} ms`);
    await waitFor('graphile to mark the job done', async () =>
      (await countGraphileJobs(database.db)) === 0 ? true : undefined,
    );
    await sleep(1_000); // a duplicate run or a trailing event would show by now
    const final = await listEvents(database.db, job.id);
    expect(final).toHaveLength(events.length);
    expect(seqsOf(final)).toEqual(gapless(final.length));
    expect(
      eventsOfType(final, 'done').map((event) => event.data),
      JSON.stringify(eventsOfType(final, 'job_failed')),
    ).toEqual([{ status: 'complete' }]);
    expect(eventsOfType(final, 'version_created')).toHaveLength(1);
    // The first attempt's progress is in the log, then the rerun starts over.
    expect(eventsOfType(final, 'generation_started').length).toBe(2);

    const after = await findJob(database.db, job.id);
    expect(after?.status).toBe('complete');
    const versions = await database.db
      .selectFrom('versions')
      .selectAll()
      .where('app_id', '=', app.id)
      .execute();
    expect(versions.map((version) => [version.number, version.job_id, version.generation_run])).toEqual([
      [1, job.id, 1],
    ]);
    expect(after?.version_id).toBe(versions[0]?.id);
    // The rerun built and verified the whole app: every check of the blueprint passed.
    const validations = eventsOfType(final, 'validation_finished');
    expect(validations.at(-1)?.data).toMatchObject({ ok: true, problems: [] });
    expect(versions[0]?.status).toBe('ready');
    expect(second.log()).not.toMatch(/last attempt failed/);
  });

  it('a worker killed mid-turn: the turn reruns elsewhere and persists exactly one question per turn', {
    timeout: 60_000,
  }, async () => {
    const first = await startWorker({ phase: 'questioning', delayMs: 1_500 });
    const { user, job } = await createUserWithJob(database.db, 'A tracker for our support tickets');
    await waitFor('the turn to be mid-model-call', async () =>
      modelCalls(first).length > 0 ? true : undefined,
    );
    expect(await listQuestions(database.db, job.id)).toEqual([]);
    await killHard(first);
    const killedAt = Date.now();
    const second = await startWorker({ phase: 'questioning', delayMs: 0 });

    const question = await waitFor(
      'question 1 from the rerun',
      async () => (await listQuestions(database.db, job.id))[0],
      45_000,
    );
    console.info(`kill -9 mid-turn → question asked after ${Date.now() - killedAt} ms`);
    expect(question).toMatchObject({ number: 1, status: 'open' });

    // Answering goes on normally on the surviving worker.
    await answerQuestion(database.db, {
      jobId: job.id,
      userId: user.id,
      questionId: question.id,
      optionIds: question.options.filter((option) => option.recommended).map((option) => option.id),
      text: question.options.length === 0 ? 'whatever is simplest' : null,
    });
    await waitFor('turn 2 to finish', async () => {
      const current = await findJob(database.db, job.id);
      return current?.status !== 'questioning' &&
        (await countGraphileJobs(database.db, 'questioning_turn')) === 0
        ? true
        : undefined;
    });
    await sleep(1_000); // a duplicate run would show by now

    const questions = await listQuestions(database.db, job.id);
    const numbers = questions.map((q) => q.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(gapless(numbers.length));
    expect(numbers.length).toBeGreaterThanOrEqual(1);
    const events = await listEvents(database.db, job.id);
    expect(seqsOf(events)).toEqual(gapless(events.length));
    expect(eventsOfType(events, 'question_asked').map((event) => event.data.question.number)).toEqual(
      numbers,
    );
    expect(eventsOfType(events, 'questioning_started')).toHaveLength(1);
    expect(eventsOfType(events, 'job_failed')).toEqual([]);
    expect(second.child.exitCode).toBeNull();
  });
});
