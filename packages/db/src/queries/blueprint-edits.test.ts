import { type Blueprint, emptyBlueprint } from '@app/core/schemas';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '../testing/index.ts';
import { updateBlueprint } from './blueprint-edits.ts';
import { listEvents } from './events.ts';
import { findJob, listLedger } from './jobs.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

const requestFactId = '00000000-0000-4000-8000-000000000001';

function toolsBlueprint(): Blueprint {
  return {
    ...emptyBlueprint('Tool Library'),
    entities: [
      {
        id: 'tool',
        name: 'Tool',
        pluralName: 'Tools',
        fields: [
          {
            id: 'tool-name',
            name: 'Name',
            type: 'text',
            options: [],
            required: true,
            referenceEntityId: null,
            range: null,
            sourceFactIds: [requestFactId],
          },
          {
            id: 'tool-condition',
            name: 'Condition',
            type: 'text',
            options: [],
            required: false,
            referenceEntityId: null,
            range: null,
            sourceFactIds: [requestFactId],
          },
        ],
        statusFieldId: null,
        sourceFactIds: [requestFactId],
      },
    ],
  };
}

/** A job waiting on its first question, with a blueprint and the request's fact (as a turn leaves it). */
async function awaitingJob(status: 'awaiting_answer' | 'generating' = 'awaiting_answer') {
  const { user, job } = await createUserWithJob(database.db, 'A tool library: name and condition');
  const questionId = crypto.randomUUID();
  await database.db
    .insertInto('questions')
    .values({
      id: questionId,
      job_id: job.id,
      number: 1,
      text: 'What does each Tool record?',
      why: 'why',
      kind: 'text',
      options: '[]',
      assumption_if_skipped: 'Name and Condition',
      topic: null,
      status: 'open',
    })
    .execute();
  await database.db
    .insertInto('ledger_facts')
    .values({
      id: requestFactId.replace('0001', crypto.randomUUID().slice(-4)),
      job_id: job.id,
      position: 0,
      kind: 'requirement',
      text: 'Tracks tools: Name, Condition',
      source_kind: 'request',
      source_question_id: null,
      topic: null,
    })
    .execute();
  await database.db
    .updateTable('jobs')
    .set({ status, open_question_id: questionId, blueprint: JSON.stringify(toolsBlueprint()) })
    .where('id', '=', job.id)
    .execute();
  return { user, job, questionId };
}

function renamed(blueprint: Blueprint, fieldId: string, name: string): Blueprint {
  const copy = structuredClone(blueprint);
  for (const entity of copy.entities)
    for (const field of entity.fields) if (field.id === fieldId) field.name = name;
  return copy;
}

describe('updateBlueprint', () => {
  it('stores the blueprint, appends edit facts and both events, and leaves the question open', async () => {
    const { user, job, questionId } = await awaitingJob();
    const { job: after, events } = await updateBlueprint(database.db, {
      jobId: job.id,
      userId: user.id,
      blueprint: renamed(toolsBlueprint(), 'tool-condition', 'State'),
    });
    expect(after.status).toBe('awaiting_answer');
    expect(after.open_question_id).toBe(questionId);
    expect(events.map((e) => e.type)).toEqual(['ledger_updated', 'blueprint_updated']);
    const ledger = await listLedger(database.db, job.id);
    expect(ledger.map((fact) => [fact.text, fact.source.kind])).toEqual([
      ['Tracks tools: Name, Condition', 'request'],
      ['Renamed field Condition to State on Tool', 'edit'],
    ]);
    const stored = (await findJob(database.db, job.id))?.blueprint as Blueprint;
    const state = stored.entities[0]?.fields[1];
    expect(state?.name).toBe('State');
    expect(state?.sourceFactIds).toEqual([requestFactId, ledger[1]?.id]);
    const blueprintEvent = events[1];
    expect(blueprintEvent?.type === 'blueprint_updated' && blueprintEvent.data.blueprint).toEqual(stored);
    expect(blueprintEvent?.type === 'blueprint_updated' && blueprintEvent.data.readiness).toBe(
      after.readiness,
    );
  });

  it('two edits at once both land: the second diffs against the first', async () => {
    const { user, job } = await awaitingJob();
    const first = renamed(toolsBlueprint(), 'tool-condition', 'State');
    const second = renamed(toolsBlueprint(), 'tool-name', 'Title');
    // Hold the job's row lock so both edits are in flight at once, then let them race.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('jobs').select('id').where('id', '=', job.id).forUpdate().execute();
      locked();
      await held;
    });
    await isLocked;
    const edits = Promise.all([
      updateBlueprint(database.db, { jobId: job.id, userId: user.id, blueprint: first }),
      updateBlueprint(database.db, { jobId: job.id, userId: user.id, blueprint: second }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    release();
    await Promise.all([holder, edits]);
    const ledger = await listLedger(database.db, job.id);
    // The whole blueprint is the unit (last writer wins), but whichever committed second diffed
    // against the first: its undo of the other's rename is recorded too (1 + 2 facts, not 1 + 1).
    expect(ledger.filter((fact) => fact.source.kind === 'edit')).toHaveLength(3);
    const events = await listEvents(database.db, job.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => index + 1));
    const lastLedgerEvent = events.filter((e) => e.type === 'ledger_updated').at(-1);
    expect(lastLedgerEvent?.type === 'ledger_updated' && lastLedgerEvent.data.ledger).toEqual(ledger);
  });

  it('refuses a job that is not waiting for an answer, writing nothing', async () => {
    const { user, job } = await awaitingJob('generating');
    const before = await listEvents(database.db, job.id);
    await expect(
      updateBlueprint(database.db, {
        jobId: job.id,
        userId: user.id,
        blueprint: renamed(toolsBlueprint(), 'tool-condition', 'State'),
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await listEvents(database.db, job.id)).toEqual(before);
    expect((await findJob(database.db, job.id))?.blueprint).toEqual(toolsBlueprint());
    expect(await listLedger(database.db, job.id)).toHaveLength(1);
  });

  it('refuses an invalid blueprint naming the problem, and someone else’s job as not found', async () => {
    const { user, job } = await awaitingJob();
    const duplicate = renamed(toolsBlueprint(), 'tool-condition', 'name');
    const refusal = await updateBlueprint(database.db, {
      jobId: job.id,
      userId: user.id,
      blueprint: duplicate,
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect((refusal as InvalidInputError).message).toBe(
      'blueprint.entities[0].fields[1]: Tool has two fields called "name"',
    );
    const other = await createUserWithJob(database.db);
    await expect(
      updateBlueprint(database.db, { jobId: job.id, userId: other.user.id, blueprint: toolsBlueprint() }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await listEvents(database.db, job.id)).toHaveLength(1);
  });

  it('an edit that changes nothing writes nothing', async () => {
    const { user, job } = await awaitingJob();
    const result = await updateBlueprint(database.db, {
      jobId: job.id,
      userId: user.id,
      blueprint: toolsBlueprint(),
    });
    expect(result.events).toEqual([]);
    expect(await listEvents(database.db, job.id)).toHaveLength(1);
  });
});
