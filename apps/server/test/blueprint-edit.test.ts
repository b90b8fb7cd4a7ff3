import { type Blueprint, emptyBlueprint, type Fact, type Field } from '@app/core/schemas';
import { findJob, listEvents, listLedger, recordTurnResult } from '@app/db';
import { describe, expect, it } from 'vitest';
import { createTestClient, expectTRPCError, useTestServer } from './harness.ts';
import { expectExactLog, recordJobEvents } from './subscribe.ts';

const context = useTestServer();

const field = (id: string, name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: [],
  ...extra,
});

function lendingBlueprint(requestFactId: string): Blueprint {
  return {
    ...emptyBlueprint('Tool Library'),
    entities: [
      {
        id: 'tool',
        name: 'Tool',
        pluralName: 'Tools',
        fields: [
          field('tool-name', 'Name', 'text', { required: true, sourceFactIds: [requestFactId] }),
          field('tool-condition', 'Condition', 'choice', {
            options: ['Good', 'Worn', 'Broken'],
            sourceFactIds: [requestFactId],
          }),
        ],
        statusFieldId: null,
        sourceFactIds: [requestFactId],
      },
      {
        id: 'loan',
        name: 'Loan',
        pluralName: 'Loans',
        fields: [field('loan-tool', 'Tool', 'reference', { referenceEntityId: 'tool' })],
        statusFieldId: null,
        sourceFactIds: [],
      },
    ],
  };
}

/** A job whose first turn asked a question and left a blueprint (as the worker commits it). */
async function jobAwaitingAnswer() {
  const client = createTestClient(context.baseUrl);
  await client.signUp();
  const { job } = await client.trpc.apps.create.mutate({
    prompt: 'Our makerspace lends tools to members. Each tool has a name and a condition.',
  });
  const requestFact: Fact = {
    id: crypto.randomUUID(),
    kind: 'requirement',
    text: 'Tracks tools: Name, Condition',
    source: { kind: 'request' },
  };
  const blueprint = lendingBlueprint(requestFact.id);
  await recordTurnResult(context.database.db, {
    jobId: job.id,
    turn: 1,
    ledger: [requestFact],
    blueprint,
    readiness: 40,
    outcome: {
      action: 'ask_question',
      question: {
        text: 'What does each Loan record?',
        why: 'A loan has only its tool so far.',
        kind: 'text',
        options: [],
        assumptionIfSkipped: 'A loan records its tool, member and due date.',
      },
      decision: null,
    },
    usage: [],
  });
  return { client, jobId: job.id, blueprint, requestFact };
}

function edit(blueprint: Blueprint, change: (copy: Blueprint) => void): Blueprint {
  const copy = structuredClone(blueprint);
  change(copy);
  return copy;
}
const entity = (blueprint: Blueprint, index: number) => {
  const found = blueprint.entities[index];
  if (!found) throw new Error(`no entity ${index}`);
  return found;
};

describe('jobs.updateBlueprint', () => {
  it('records the edit as facts and streams ledger_updated + blueprint_updated to every open tab', async () => {
    const { client, jobId, blueprint, requestFact } = await jobAwaitingAnswer();
    const otherTab = recordJobEvents(client, jobId);
    const logBefore = await listEvents(context.database.db, jobId);
    const lastSeq = logBefore.at(-1)?.seq ?? 0;
    await otherTab.waitForSeq(lastSeq);

    const edited = edit(blueprint, (copy) => {
      const condition = entity(copy, 0).fields[1];
      if (condition) condition.name = 'State';
      entity(copy, 1).fields.push(field('loan-due', 'Due Date', 'date'));
    });
    const { job } = await client.trpc.jobs.updateBlueprint.mutate({ jobId, blueprint: edited });

    expect(job.status).toBe('awaiting_answer');
    expect(job.questions.map((question) => question.status)).toEqual(['open']);
    expect(job.ledger.map((fact) => [fact.text, fact.source.kind])).toEqual([
      [requestFact.text, 'request'],
      ['Renamed field Condition to State on Tool', 'edit'],
      ['Added field Due Date (date) to Loan', 'edit'],
    ]);

    await otherTab.waitForSeq(lastSeq + 2);
    const live = otherTab.events.filter((event) => event.seq > lastSeq);
    expect(live.map((event) => event.type)).toEqual(['ledger_updated', 'blueprint_updated']);
    expectExactLog(otherTab.events, 1, lastSeq + 2);
    const update = live[1];
    if (update?.type !== 'blueprint_updated') throw new Error('expected blueprint_updated');
    const stored = (await findJob(context.database.db, jobId))?.blueprint as Blueprint;
    expect(update.data.blueprint).toEqual(stored);
    expect(update.data.readiness).toBe(job.readiness);
    const state = entity(stored, 0).fields[1];
    expect(state).toMatchObject({ id: 'tool-condition', name: 'State' });
    // Still "from your request", and now also the person's edit.
    expect(state?.sourceFactIds).toEqual([requestFact.id, job.ledger[1]?.id]);
    expect(entity(stored, 1).fields[1]?.sourceFactIds).toEqual([job.ledger[2]?.id]);
    otherTab.unsubscribe();
  });

  it.each([
    {
      problem: 'a dangling reference',
      change: (copy: Blueprint) => {
        const link = entity(copy, 1).fields[0];
        if (link) link.referenceEntityId = 'member';
      },
      message: 'blueprint.entities[1].fields[0]: Tool refers to an entity that does not exist (member)',
    },
    {
      problem: 'two fields with one name',
      change: (copy: Blueprint) => {
        const condition = entity(copy, 0).fields[1];
        if (condition) condition.name = 'name';
      },
      message: 'blueprint.entities[0].fields[1]: Tool has two fields called "name"',
    },
    {
      problem: 'an empty entity',
      change: (copy: Blueprint) => {
        entity(copy, 1).fields = [];
      },
      message: 'blueprint.entities[1]: Loan has no fields: add at least one',
    },
    {
      problem: 'a type that does not exist',
      change: (copy: Blueprint) => {
        const name = entity(copy, 0).fields[0];
        if (name) (name as { type: string }).type = 'colour';
      },
      message: 'blueprint.entities.0.fields.0.type',
    },
  ])('refuses $problem with BAD_REQUEST naming it, writing nothing', async ({ change, message }) => {
    const { client, jobId, blueprint } = await jobAwaitingAnswer();
    const logBefore = await listEvents(context.database.db, jobId);
    const ledgerBefore = await listLedger(context.database.db, jobId);
    const error = await expectTRPCError(
      client.trpc.jobs.updateBlueprint.mutate({ jobId, blueprint: edit(blueprint, change) }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(message);
    expect(await listEvents(context.database.db, jobId)).toEqual(logBefore);
    expect(await listLedger(context.database.db, jobId)).toEqual(ledgerBefore);
    expect((await findJob(context.database.db, jobId))?.blueprint).toEqual(blueprint);
  });

  it('answers CONFLICT once the job is not waiting for an answer (questioning, generating), writing nothing', async () => {
    const { client, jobId, blueprint } = await jobAwaitingAnswer();
    const renamed = edit(blueprint, (copy) => {
      entity(copy, 0).name = 'Equipment';
    });
    await client.trpc.jobs.build.mutate({ jobId });
    const afterBuild = await listEvents(context.database.db, jobId);
    const whileQuestioning = await expectTRPCError(
      client.trpc.jobs.updateBlueprint.mutate({ jobId, blueprint: renamed }),
    );
    expect(whileQuestioning.code).toBe('CONFLICT');

    await recordTurnResult(context.database.db, {
      jobId,
      turn: 2,
      ledger: await listLedger(context.database.db, jobId),
      blueprint,
      readiness: 80,
      outcome: { action: 'complete', reason: 'skipped' },
      usage: [],
    });
    expect((await findJob(context.database.db, jobId))?.status).toBe('generating');
    const logBefore = await listEvents(context.database.db, jobId);
    expect(logBefore.length).toBeGreaterThan(afterBuild.length);
    const whileGenerating = await expectTRPCError(
      client.trpc.jobs.updateBlueprint.mutate({ jobId, blueprint: renamed }),
    );
    expect(whileGenerating.code).toBe('CONFLICT');
    expect(whileGenerating.message).toMatch(/generating/);
    expect(await listEvents(context.database.db, jobId)).toEqual(logBefore);
    expect(entity((await findJob(context.database.db, jobId))?.blueprint as Blueprint, 0).name).toBe('Tool');
  });

  it('answers NOT_FOUND for an unknown job and for someone else’s', async () => {
    const { jobId, blueprint } = await jobAwaitingAnswer();
    const logBefore = await listEvents(context.database.db, jobId);
    const stranger = createTestClient(context.baseUrl);
    await stranger.signUp();
    for (const id of [crypto.randomUUID(), jobId]) {
      const error = await expectTRPCError(
        stranger.trpc.jobs.updateBlueprint.mutate({ jobId: id, blueprint }),
      );
      expect(error.code).toBe('NOT_FOUND');
    }
    expect(await listEvents(context.database.db, jobId)).toEqual(logBefore);
  });
});
