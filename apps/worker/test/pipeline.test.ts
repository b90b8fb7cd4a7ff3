import {
  type Blueprint,
  createOfflineModel,
  dataModulePaths,
  type JobEvent,
  type Model,
  type Question,
} from '@app/core';
import {
  answerQuestion,
  buildNow,
  ConflictError,
  cancelJob,
  findJob,
  findVersion,
  type GenerateAppPayload,
  listEvents,
  listLedger,
  listQuestions,
  loadJobView,
  loadVersionView,
  type QuestioningTurnPayload,
  skipQuestion,
  startJob,
} from '@app/db';
import { countGraphileJobs, createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { generateApp } from '../src/tasks/generate-app.ts';
import { questioningTurn } from '../src/tasks/questioning-turn.ts';
import { checkIdsOf, compiledEntities, expectCompiledFrom } from './support/compiled-app.ts';
import {
  closeTestVerifier,
  createTaskRunner,
  gapless,
  progressTypes,
  seqsOf,
  silentLogger,
  taskDependencies,
} from './support/task-runner.ts';
import { waitFor } from './worker-process.ts';

let database: TestDatabase;
let runner: ReturnType<typeof createTaskRunner>;
// A database per test: `runTaskListOnce` runs every queued job, so tests must not see each other's.
beforeEach(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  runner = createTaskRunner(database);
});
afterEach(async () => {
  await runner.close();
  await database.destroy();
});
afterAll(closeTestVerifier);

/** Two open decisions the offline model asks about in turn: the tickets' stages, then their priorities. */
const request = 'Track tickets with a status, a priority, a category and a size';

async function openQuestion(jobId: string): Promise<Question> {
  const job = await findJob(database.db, jobId);
  expect(job?.status).toBe('awaiting_answer');
  const question = (await listQuestions(database.db, jobId)).find((q) => q.id === job?.open_question_id);
  if (!question) throw new Error('no open question');
  return question;
}

function eventsOfType<T extends JobEvent['type']>(events: readonly JobEvent[], type: T) {
  return events.filter((event): event is Extract<JobEvent, { type: T }> => event.type === type);
}

/**
 * Generation's progress as a user sees it: started, the plan, each step's start → files →
 * completion in plan order, one validation in which every check of the blueprint passed, then
 * the version, its preview and `done`. Returns the validation's checks.
 */
function expectGenerationOrder(events: readonly JobEvent[], blueprint: Blueprint) {
  const types = progressTypes(events);
  expect(types.slice(0, 2)).toEqual(['generation_started', 'plan_created']);
  const plan = eventsOfType(events, 'plan_created')[0];
  const steps = plan?.data.steps ?? [];
  expect(steps.length).toBeGreaterThan(0);
  const progress = events.filter((event) => event.type !== 'usage').slice(2);
  let position = 0;
  for (const step of steps) {
    expect(progress[position]).toMatchObject({ type: 'step_started', data: { index: step.index } });
    position += 1;
    // Each compiled step writes exactly the files it names, in order.
    const written: string[] = [];
    while (progress[position]?.type === 'file_written') {
      const file = progress[position];
      if (file?.type === 'file_written') written.push(file.data.path);
      position += 1;
    }
    expect(written).toEqual(step.files);
    expect(progress[position]).toMatchObject({ type: 'step_completed', data: { index: step.index } });
    position += 1;
  }
  expect(progress.slice(position).map((event) => event.type)).toEqual([
    'validation_finished',
    'version_created',
    'preview_ready',
    'done',
  ]);
  // Verified in the browser: the harness's render check and every acceptance check of the
  // blueprint ran and passed.
  const validation = progress[position];
  if (validation?.type !== 'validation_finished') throw new Error('no validation');
  expect(validation.data).toMatchObject({ ok: true, problems: [] });
  const failing = validation.data.checks.filter((check) => !check.ok);
  expect(failing, JSON.stringify(failing)).toEqual([]);
  expect(validation.data.checks.map((check) => check.id)).toEqual(checkIdsOf(blueprint));
  expect(validation.data.checks.length).toBeGreaterThan(5);
  expect(progress.at(-1)?.data).toEqual({ status: 'complete' });
  return validation.data.checks;
}

async function runUntilGenerating(jobId: string, ownerId: string, deps = taskDependencies(database)) {
  await runner.run(deps, ['questioning_turn']);
  const job = await findJob(database.db, jobId);
  if (job?.status === 'awaiting_answer') {
    await buildNow(database.db, { jobId, userId: ownerId });
    await runner.run(deps, ['questioning_turn']);
  }
  expect((await findJob(database.db, jobId))?.status).toBe('generating');
}

describe('offline pipeline (real tasks, real Postgres)', () => {
  it('questions, an answer and a skip, then generates version 1 from the blueprint with a gapless log', {
    timeout: 60_000,
  }, async () => {
    const { user, job } = await createUserWithJob(database.db, request);
    const deps = taskDependencies(database);

    // Turn 1: a question card about the heaviest open decision, answerable with one click.
    await runner.run(deps, ['questioning_turn']);
    const first = await openQuestion(job.id);
    expect(first.number).toBe(1);
    expect(first.text).toBe('What stages does each Ticket go through?');
    expect(first.options.length).toBeGreaterThanOrEqual(2);
    expect(first.options.filter((option) => option.recommended)).toHaveLength(1);
    expect(first.assumptionIfSkipped.trim()).not.toBe('');
    const asked = eventsOfType(await listEvents(database.db, job.id), 'question_asked');
    expect(asked.map((event) => event.data.question.id)).toEqual([first.id]);

    // Answer with the recommended option → its stored change is applied, turn 2 asks the next question.
    const recommended = first.options.find((option) => option.recommended);
    await answerQuestion(database.db, {
      jobId: job.id,
      userId: user.id,
      questionId: first.id,
      optionIds: [recommended?.id ?? ''],
      text: null,
    });
    await runner.run(deps, ['questioning_turn']);
    const second = await openQuestion(job.id);
    expect(second.number).toBe(2);
    expect(second.text).toBe('Which priorities can a Ticket have?');
    const afterAnswer = (await findJob(database.db, job.id))?.blueprint as Blueprint;
    const status = afterAnswer.entities[0]?.fields.find(
      (field) => field.id === afterAnswer.entities[0]?.statusFieldId,
    );
    expect(status?.options.join(', ')).toBe(recommended?.label);

    // Skip it → its stated default becomes an assumption sourced from the skip, and questioning ends.
    await skipQuestion(database.db, { jobId: job.id, userId: user.id, questionId: second.id });
    await runner.run(deps, ['questioning_turn']);
    const ledgerAfterSkip = await listLedger(database.db, job.id);
    const assumption = ledgerAfterSkip.find((fact) => fact.source.kind === 'skip');
    expect(assumption).toMatchObject({
      kind: 'assumption',
      text: second.assumptionIfSkipped,
      source: { kind: 'skip', questionId: second.id },
    });
    const generating = await findJob(database.db, job.id);
    expect(generating).toMatchObject({ status: 'generating', generation_run: 1, open_question_id: null });
    const priority = (generating?.blueprint as Blueprint | undefined)?.entities[0]?.fields.find(
      (field) => field.name === 'Priority',
    );
    expect(priority?.options.length).toBeGreaterThan(0);
    expect(priority?.sourceFactIds).toContain(assumption?.id);
    const questioningEvents = await listEvents(database.db, job.id);
    const complete = eventsOfType(questioningEvents, 'questioning_complete');
    expect(complete).toHaveLength(1);
    expect(complete[0]?.data).toMatchObject({ reason: 'enough_information', questionCount: 2 });
    expect(await countGraphileJobs(database.db, 'generate_app')).toBe(1);
    const questions = await listQuestions(database.db, job.id);
    expect(questions.map((q) => [q.number, q.status])).toEqual([
      [1, 'answered'],
      [2, 'skipped'],
    ]);

    // Generation.
    await runner.run(deps, ['generate_app']);
    const done = await findJob(database.db, job.id);
    expect(done?.status, JSON.stringify(done?.error)).toBe('complete');
    expect(done?.version_id).toEqual(expect.any(String));
    const events = await listEvents(database.db, job.id);
    expect(seqsOf(events)).toEqual(gapless(events.length));
    expect(eventsOfType(events, 'done')).toHaveLength(1);
    // Every turn: the ledger, then the blueprint, then its question (or the end of questioning).
    expect(progressTypes(questioningEvents)).toEqual([
      'questioning_started',
      'ledger_updated',
      'blueprint_updated',
      'question_asked',
      'answer_received',
      'ledger_updated',
      'blueprint_updated',
      'question_asked',
      'question_skipped',
      'ledger_updated',
      'blueprint_updated',
      'questioning_complete',
    ]);
    // The blueprint is the person's: tickets, their priorities; jobs.get's view carries the latest.
    const blueprints = eventsOfType(questioningEvents, 'blueprint_updated');
    const lastBlueprint = blueprints.at(-1)?.data.blueprint;
    expect(lastBlueprint?.entities[0]?.name).toBe('Ticket');
    if (!generating) throw new Error('job missing');
    expect((await loadJobView(database.db, generating)).blueprint).toEqual(lastBlueprint);
    expect(blueprints.map((event) => event.data.readiness)).toEqual(
      eventsOfType(questioningEvents, 'ledger_updated').map((event) => event.data.readiness),
    );
    const generationEvents = events.slice(questioningEvents.length);
    if (!lastBlueprint) throw new Error('no blueprint');
    const checks = expectGenerationOrder(generationEvents, lastBlueprint);
    // Offline, with nothing the blueprint leaves out, generation asks no model for anything.
    expect(eventsOfType(generationEvents, 'usage')).toEqual([]);

    const created = eventsOfType(events, 'version_created')[0];
    expect(created?.data).toEqual({ versionId: done?.version_id, number: 1 });
    const preview = eventsOfType(events, 'preview_ready')[0];
    // The app's own origin, unsigned: the worker holds no secret; the server signs on versions.get.
    expect(preview?.data.url).toBe(
      `http://${(done?.app_id ?? '').replaceAll('-', '')}.localhost:3001/v/${done?.version_id}/`,
    );

    const versionRow = await findVersion(database.db, done?.version_id ?? '');
    if (!versionRow) throw new Error('version missing');
    const version = await loadVersionView(database.db, versionRow);
    expect(version.number).toBe(1);
    // Stored as verified: every check passed, kept with the version.
    expect(version.status).toBe('ready');
    expect(version.checks).toEqual(checks);
    // The files written during the run are the files stored: the last write of each path wins.
    const written = new Map(
      eventsOfType(events, 'file_written').map((event) => [event.data.path, event.data.content]),
    );
    expect(Object.fromEntries(version.files.map((file) => [file.path, file.content]))).toEqual(
      Object.fromEntries(written),
    );
    // The version keeps the ledger generation was built from, incl. the skip's assumption.
    expect(version.ledger.map((fact) => fact.id).sort()).toEqual(
      (await listLedger(database.db, job.id)).map((fact) => fact.id).sort(),
    );
    expect(version.ledger).toContainEqual(
      expect.objectContaining({ kind: 'assumption', source: { kind: 'skip', questionId: second.id } }),
    );
    expect(version.plan).toEqual(eventsOfType(events, 'plan_created')[0]?.data.steps);
    // The version keeps the blueprint it was built from, and the app is that blueprint compiled:
    // the template plus data modules, with the person's Ticket and its Priority choices.
    expect(version.blueprint).toEqual(lastBlueprint);
    expectCompiledFrom(version.files, lastBlueprint);
    const [ticket] = compiledEntities(version.files);
    expect(ticket?.name).toBe('Ticket');
    expect(ticket?.fields).toContainEqual(expect.objectContaining({ name: 'Priority', type: 'choice' }));
    expect(await countGraphileJobs(database.db)).toBe(0);
  });

  it('a rerun of the same turn, sequential or concurrent, persists one question and one question_asked', async () => {
    const { job } = await createUserWithJob(database.db, request);
    const deps = taskDependencies(database);
    await runner.run(deps, ['questioning_turn']);
    const first = await openQuestion(job.id);

    // The same payload again, as graphile would after a crash between commit and completion.
    await sql`select graphile_worker.add_job('questioning_turn', ${JSON.stringify({ jobId: job.id, turn: 1 })}::json, max_attempts => 3)`.execute(
      database.db,
    );
    await runner.run(deps, ['questioning_turn']);
    expect(await countGraphileJobs(database.db)).toBe(0);
    expect((await openQuestion(job.id)).id).toBe(first.id);
    expect(await listQuestions(database.db, job.id)).toHaveLength(1);
    expect(eventsOfType(await listEvents(database.db, job.id), 'question_asked')).toHaveLength(1);

    // Two runs of turn 2 at once, both past the job check before either commits: a barrier on
    // the model holds every call until both runs have made one.
    await answerQuestion(database.db, {
      jobId: job.id,
      userId: job.owner_id,
      questionId: first.id,
      optionIds: [first.options[0]?.id ?? ''],
      text: null,
    });
    const model = barrierModel(createOfflineModel(), 2);
    const payload: QuestioningTurnPayload = { jobId: job.id, turn: 2 };
    const context = () => ({
      ...taskDependencies(database, model),
      signal: new AbortController().signal,
      attempt: { number: 1, max: 3, isLast: false },
      logger: silentLogger,
    });
    const results = await Promise.allSettled([
      questioningTurn(payload, context()),
      questioningTurn(payload, context()),
    ]);
    // (A run that found the job stale would make no call, and the barrier would never open.)
    expect(model.arrived()).toBeGreaterThanOrEqual(2);
    // One commits; the other's guarded commit finds the turn taken (the task wrapper treats a
    // ConflictError as "moved on, done").
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);

    const questions = await listQuestions(database.db, job.id);
    expect(questions.map((q) => q.number)).toEqual([1, 2]);
    const events = await listEvents(database.db, job.id);
    expect(eventsOfType(events, 'question_asked').map((event) => event.data.question.number)).toEqual([1, 2]);
    expect(eventsOfType(events, 'ledger_updated')).toHaveLength(2);
    expect(seqsOf(events)).toEqual(gapless(events.length));
    expect((await openQuestion(job.id)).number).toBe(2);
    // The queued graphile job for turn 2 now finds the turn done and does nothing.
    await runner.run(deps, ['questioning_turn']);
    expect(await listQuestions(database.db, job.id)).toHaveLength(2);
    expect(await listEvents(database.db, job.id)).toHaveLength(events.length);
  });

  it('a generation run, rerun concurrently and then again after it finished, stores one version', {
    timeout: 60_000,
  }, async () => {
    const { user, app, job } = await createUserWithJob(database.db, request);
    await runUntilGenerating(job.id, user.id);
    const payload: GenerateAppPayload = { jobId: job.id, run: 1 };
    const context = () => ({
      ...taskDependencies(database),
      signal: new AbortController().signal,
      attempt: { number: 1, max: 2, isLast: false },
      logger: silentLogger,
    });
    // Two runs of the same payload at once (graphile's jobKey does not stop a duplicate run).
    const results = await Promise.allSettled([
      generateApp(payload, context()),
      generateApp(payload, context()),
    ]);
    for (const result of results) {
      // The loser stops at its next guarded write: the wrapper treats that as "moved on".
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    }
    // Then graphile's queued job for the same run, as after a crash between commit and completion.
    await runner.run(taskDependencies(database), ['generate_app']);
    expect(await countGraphileJobs(database.db)).toBe(0);

    const versions = await database.db
      .selectFrom('versions')
      .selectAll()
      .where('app_id', '=', app.id)
      .execute();
    expect(versions.map((version) => [version.number, version.generation_run])).toEqual([[1, 1]]);
    expect(await findJob(database.db, job.id)).toMatchObject({
      status: 'complete',
      version_id: versions[0]?.id,
    });
    const events = await listEvents(database.db, job.id);
    expect(seqsOf(events)).toEqual(gapless(events.length));
    expect(eventsOfType(events, 'version_created')).toHaveLength(1);
    expect(eventsOfType(events, 'done')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'complete' } });
  });

  it('a turn still running when the job is cancelled persists nothing after the cancel', async () => {
    const { user, job } = await createUserWithJob(database.db, request);
    const model = gatedModel(createOfflineModel());
    const running = runner.run(taskDependencies(database, model), ['questioning_turn']);
    await waitFor('the turn to reach the model', async () => (model.held() > 0 ? true : undefined));
    await cancelJob(database.db, { jobId: job.id, userId: user.id });
    model.release();
    await running;

    expect(await findJob(database.db, job.id)).toMatchObject({ status: 'cancelled', open_question_id: null });
    expect(await listQuestions(database.db, job.id)).toEqual([]);
    expect(await listLedger(database.db, job.id)).toEqual([]);
    const events = await listEvents(database.db, job.id);
    expect(progressTypes(events)).toEqual(['questioning_started', 'job_cancelled', 'done']);
    expect(seqsOf(events)).toEqual(gapless(events.length));
    // The task ended as done (the job moved on): neither retried nor turned into a failure.
    expect(await countGraphileJobs(database.db)).toBe(0);
  });

  it('a change request on version 1 questions, builds and stores version 2 with both ledgers', {
    timeout: 60_000,
  }, async () => {
    const { user, app, job } = await createUserWithJob(database.db, request);
    const deps = taskDependencies(database);
    await runUntilGenerating(job.id, user.id, deps);
    await runner.run(deps, ['generate_app']);
    const v1Id = (await findJob(database.db, job.id))?.version_id;
    const v1Row = v1Id ? await findVersion(database.db, v1Id) : undefined;
    if (!v1Row) throw new Error('version 1 missing');
    const v1 = await loadVersionView(database.db, v1Row);

    const change = await startJob(database.db, {
      appId: app.id,
      ownerId: user.id,
      kind: 'change',
      request: 'Add a notes field to each ticket',
      baseVersionId: v1.id,
    });
    // "Build now" before the first turn ran: turn 1 is superseded (it finds the job at turn 2 and
    // does nothing), turn 2 distills the request and completes questioning as `skipped`.
    await buildNow(database.db, { jobId: change.id, userId: user.id });
    await runner.run(deps, ['questioning_turn']);
    expect((await findJob(database.db, change.id))?.status).toBe('generating');
    expect(progressTypes(await listEvents(database.db, change.id))).toEqual([
      'questioning_started',
      'ledger_updated',
      'blueprint_updated',
      'questioning_complete',
    ]);
    // The change starts from version 1's blueprint and adds the field to it.
    const changed = eventsOfType(await listEvents(database.db, change.id), 'blueprint_updated')[0]?.data
      .blueprint;
    const before = v1.blueprint?.entities[0]?.fields.map((field) => field.name) ?? [];
    const after = changed?.entities[0]?.fields.map((field) => field.name) ?? [];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([expect.stringMatching(/^notes/i)]);
    const changeComplete = eventsOfType(await listEvents(database.db, change.id), 'questioning_complete');
    expect(changeComplete[0]?.data).toMatchObject({ reason: 'skipped', questionCount: 0 });
    const changeLedger = await listLedger(database.db, change.id);
    expect(changeLedger.some((fact) => /notes/i.test(fact.text))).toBe(true);
    await runner.run(deps, ['generate_app']);

    const finished = await findJob(database.db, change.id);
    expect(finished?.status).toBe('complete');
    const v2Row = finished?.version_id ? await findVersion(database.db, finished.version_id) : undefined;
    if (!v2Row) throw new Error('version 2 missing');
    const v2 = await loadVersionView(database.db, v2Row);
    expect(v2.number).toBe(2);
    expect(v2.id).not.toBe(v1.id);
    expect(v2.files).not.toEqual(v1.files);
    // The app is v2's blueprint compiled: its Ticket gained the field the person asked for; v1's
    // did not have it, and what v1 had is all still there.
    if (!v2.blueprint || !v1.blueprint) throw new Error('versions keep their blueprints');
    expect(v2.blueprint).toEqual(changed);
    expectCompiledFrom(v2.files, v2.blueprint);
    const fieldsOf = (version: typeof v1) =>
      compiledEntities(version.files)[0]?.fields.map((f) => f.name) ?? [];
    expect(fieldsOf(v1).some((name) => /^notes/i.test(name))).toBe(false);
    expect(fieldsOf(v2)).toEqual([...fieldsOf(v1), expect.stringMatching(/^notes/i)]);
    // The change wrote only what changed (the data modules), and its plan says so.
    const changeEvents = await listEvents(database.db, change.id);
    const changedPaths = eventsOfType(changeEvents, 'file_written').map((event) => event.data.path);
    expect(changedPaths.sort()).toEqual([...dataModulePaths].sort());
    expect(
      eventsOfType(changeEvents, 'plan_created')[0]
        ?.data.steps.flatMap((step) => step.files)
        .sort(),
    ).toEqual([...dataModulePaths].sort());
    expect(v2.status).toBe('ready');
    expect(v2.checks.map((check) => check.id)).toEqual(checkIdsOf(v2.blueprint));
    expect(v2.checks.every((check) => check.ok)).toBe(true);
    // Version 1 is untouched.
    expect((await loadVersionView(database.db, v1Row)).files).toEqual(v1.files);

    // v2's ledger: everything v1 knew (bar its unknowns) plus the change's facts.
    const v2Ids = new Set(v2.ledger.map((fact) => fact.id));
    for (const fact of v1.ledger.filter((f) => f.kind !== 'unknown')) expect(v2Ids).toContain(fact.id);
    for (const fact of changeLedger) expect(v2Ids).toContain(fact.id);

    const events = await listEvents(database.db, change.id);
    expect(seqsOf(events)).toEqual(gapless(events.length));
    expect(eventsOfType(events, 'version_created')[0]?.data).toEqual({ versionId: v2.id, number: 2 });
    expect(eventsOfType(events, 'done')).toEqual([expect.objectContaining({ data: { status: 'complete' } })]);
  });
});

/** Delegates to `model`, holding every call until `parties` calls have arrived. */
function barrierModel(model: Model, parties: number): Model & { arrived(): number } {
  let arrived = 0;
  let release: () => void = () => {};
  const open = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    describe: () => model.describe(),
    arrived: () => arrived,
    async call(request) {
      arrived += 1;
      if (arrived >= parties) release();
      await open;
      return model.call(request);
    },
  };
}

/** Delegates to `model`, holding every call until `release()`. */
function gatedModel(model: Model): Model & { held(): number; release(): void } {
  let held = 0;
  let release: () => void = () => {};
  const open = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    describe: () => model.describe(),
    held: () => held,
    release: () => release(),
    async call(request) {
      held += 1;
      await open;
      return model.call(request);
    },
  };
}
