import type { Blueprint, Check } from '@app/core';
import {
  buildNow,
  findJob,
  listEvents,
  listQuestions,
  loadVersionView,
  startJob,
  type VersionView,
} from '@app/db';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeTestVerifier, createTaskRunner, taskDependencies } from './support/task-runner.ts';

/*
 * Change requests through the real pipeline (offline model, real tasks, real Postgres, the
 * sandboxed browser): each change job's questioning turns the request into a blueprint edit, the
 * build recompiles it, and the next version's blueprint and verified checks show the change —
 * the checks ran in Chromium against the built app, so "the form has X" is what the app shows.
 */

let database: TestDatabase;
let runner: ReturnType<typeof createTaskRunner>;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  runner = createTaskRunner(database);
});
afterAll(async () => {
  await runner.close();
  await closeTestVerifier();
  await database.destroy();
});

const complaints =
  'A complaint log for our hotel front desk: guest name, room number, category (noise, cleanliness, billing), severity low, medium or high, and whether it was resolved.';

/** Runs a job's questioning to the end (building once a question is open) and then its build. */
async function runJob(jobId: string, ownerId: string): Promise<{ questionsAsked: number }> {
  await runner.run(taskDependencies(database), ['questioning_turn']);
  const questioned = await findJob(database.db, jobId);
  if (questioned?.status === 'awaiting_answer') await buildNow(database.db, { jobId, userId: ownerId });
  await runner.run(taskDependencies(database), ['questioning_turn', 'generate_app']);
  return { questionsAsked: (await listQuestions(database.db, jobId)).length };
}

async function latestVersion(jobId: string): Promise<VersionView> {
  const job = await findJob(database.db, jobId);
  if (!job?.version_id)
    throw new Error(`job ended ${job?.status} without a version: ${JSON.stringify(job?.error)}`);
  const version = await database.db
    .selectFrom('versions')
    .selectAll()
    .where('id', '=', job.version_id)
    .executeTakeFirstOrThrow();
  return loadVersionView(database.db, version);
}

const fieldNames = (blueprint: Blueprint | null, entityName: string) =>
  blueprint?.entities.find((entity) => entity.name === entityName)?.fields.map((field) => field.name) ?? [];
const checkTitled = (checks: readonly Check[], pattern: RegExp) =>
  checks.find((check) => pattern.test(check.title));

describe('change requests are blueprint edits, recompiled and verified', { timeout: 240_000 }, () => {
  let ownerId = '';
  let appId = '';
  let current: VersionView;

  async function change(request: string) {
    const job = await startJob(database.db, {
      appId,
      ownerId,
      kind: 'change',
      request,
      baseVersionId: current.id,
    });
    const { questionsAsked } = await runJob(job.id, ownerId);
    return { job: await findJob(database.db, job.id), questionsAsked, jobId: job.id };
  }

  async function changed(
    request: string,
  ): Promise<{ before: VersionView; after: VersionView; asked: number }> {
    const before = current;
    const { jobId, questionsAsked } = await change(request);
    const after = await latestVersion(jobId);
    expect(after.number).toBe(before.number + 1);
    expect(after.status).toBe('ready');
    expect(after.checks.filter((check) => !check.ok)).toEqual([]);
    current = after;
    return { before, after, asked: questionsAsked };
  }

  beforeAll(async () => {
    const { user, app, job } = await createUserWithJob(database.db, complaints);
    ownerId = user.id;
    appId = app.id;
    await runJob(job.id, user.id);
    current = await latestVersion(job.id);
    expect(current.status).toBe('ready');
    expect(fieldNames(current.blueprint, 'Complaint')).toEqual(
      expect.arrayContaining(['Guest Name', 'Room Number', 'Category', 'Severity', 'Resolved']),
    );
  });

  it('adds a field: the form and the table have it, and everything before survives', async () => {
    const { before, after } = await changed('Add the date the guest checks out.');
    const fields = fieldNames(after.blueprint, 'Complaint');
    expect(fields).toEqual([...fieldNames(before.blueprint, 'Complaint'), expect.stringMatching(/Check/)]);
    const added = after.blueprint?.entities[0]?.fields.at(-1);
    expect(added?.type).toBe('date');
    expect(checkTitled(after.checks, /^Complaints form has/)?.title).toContain(added?.name ?? '?');
  });

  it('adds an entity with a relation: Staff exists and a complaint is assigned to one of them', async () => {
    const { after } = await changed(
      'Also keep a list of staff, and let each complaint be assigned to one of them.',
    );
    const staff = after.blueprint?.entities.find((entity) => entity.name === 'Staff');
    expect(staff).toBeDefined();
    const assigned = after.blueprint?.entities
      .find((entity) => entity.name === 'Complaint')
      ?.fields.find((field) => field.name === 'Assigned To');
    expect(assigned).toMatchObject({ type: 'reference', referenceEntityId: staff?.id });
    expect(checkTitled(after.checks, /^Staff form has/)?.ok).toBe(true);
    // The reference check picks a Staff member on a complaint and finds it on that member's page.
    expect(checkTitled(after.checks, /Assigned To picks a Staff/)?.ok).toBe(true);
  });

  it('adds a view: a board of complaints by severity renders and moves a card', async () => {
    const { after } = await changed('Add a board of complaints by severity.');
    const board = after.blueprint?.views.find((view) => view.kind === 'board');
    expect(board?.title).toBe('Complaints by Severity');
    expect(checkTitled(after.checks, /^Complaints by Severity (shows|opens)/)?.ok).toBe(true);
    expect(after.checks.some((check) => check.id.startsWith('board:') && check.ok)).toBe(true);
  });

  it('renames a field: the new name shows where the old one was, with the same id', async () => {
    const { before, after } = await changed('Rename Room Number to Room.');
    const old = before.blueprint?.entities[0]?.fields.find((field) => field.name === 'Room Number');
    const renamed = after.blueprint?.entities[0]?.fields.find((field) => field.id === old?.id);
    expect(renamed?.name).toBe('Room');
    const form = checkTitled(after.checks, /^Complaints form has/)?.title ?? '';
    expect(form).toContain('Room');
    expect(form).not.toContain('Room Number');
  });

  it('removes a field: gone from the blueprint and from the form the browser checked', async () => {
    const { after } = await changed('Remove the category field.');
    expect(fieldNames(after.blueprint, 'Complaint')).not.toContain('Category');
    expect(checkTitled(after.checks, /^Complaints form has/)?.title).not.toContain('Category');
  });

  it('a change the offline model cannot express makes no version and says so in the job and its log', async () => {
    const before = current;
    const { job, jobId } = await change('Make it feel more delightful.');
    expect(job?.status).toBe('failed');
    expect(job?.version_id).toBeNull();
    expect(job?.error).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/Nothing changed.*delightful.*Version \d+ is still the current one/),
    });
    const failed = (await listEvents(database.db, jobId)).find((event) => event.type === 'job_failed');
    expect(failed?.data).toMatchObject({
      retryable: false,
      message: expect.stringContaining('Nothing changed'),
    });
    const versions = await database.db
      .selectFrom('versions')
      .select('id')
      .where('app_id', '=', appId)
      .execute();
    expect(versions).toHaveLength(before.number);
  });
});
