import { type Blueprint, emptyBlueprint, type Fact, type QuestionDecision } from '@app/core/schemas';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '../testing/index.ts';
import { listEvents } from './events.ts';
import { completeGeneration } from './generation.ts';
import { findJob, loadJobView } from './jobs.ts';
import {
  answerQuestion,
  listAskedDecisionIds,
  listQuestionDecisions,
  recordTurnResult,
} from './questioning.ts';
import { findVersion, loadVersionView, restoreVersion } from './versions.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

const fact: Fact = {
  id: crypto.randomUUID(),
  kind: 'requirement',
  text: 'Tracks tools: Name',
  source: { kind: 'request' },
};

function tools(fieldNames: string[]): Blueprint {
  return {
    ...emptyBlueprint('Tool Library'),
    entities: [
      {
        id: 'tool',
        name: 'Tool',
        pluralName: 'Tools',
        fields: fieldNames.map((name) => ({
          id: `tool-${name.toLowerCase()}`,
          name,
          type: 'text' as const,
          options: [],
          required: false,
          referenceEntityId: null,
          range: null,
          sourceFactIds: [fact.id],
        })),
        statusFieldId: null,
        sourceFactIds: [fact.id],
      },
    ],
  };
}

const decision: QuestionDecision = {
  decisionId: 'entity_fields:tool',
  kind: 'entity_fields',
  entityId: 'tool',
  fieldId: null,
  summary: 'What each Tool records',
  options: [
    {
      optionId: 'condition',
      change: {
        entity: null,
        fields: [{ name: 'Condition', type: 'text', options: [] }],
        options: [],
        view: null,
        audience: [],
        sharing: null,
        entityName: null,
      },
    },
  ],
  skip: { entity: null, fields: [], options: [], view: null, audience: [], sharing: null, entityName: null },
};

describe('recordTurnResult with a blueprint', () => {
  it("stores the blueprint, appends blueprint_updated right after ledger_updated every turn, and keeps the question's decision internal", async () => {
    const { user, job } = await createUserWithJob(database.db);
    await recordTurnResult(database.db, {
      jobId: job.id,
      turn: 1,
      ledger: [fact],
      blueprint: tools(['Name']),
      readiness: 45,
      outcome: {
        action: 'ask_question',
        question: {
          text: 'Besides a name, what should each Tool record?',
          why: 'Fields become the form.',
          kind: 'multi',
          options: [
            { id: 'condition', label: 'Condition', recommended: true },
            { id: 'notes', label: 'Notes', recommended: false },
          ],
          assumptionIfSkipped: "I'll add a Condition.",
          topic: 'fields',
        },
        decision,
      },
      usage: [],
    });
    const row = await findJob(database.db, job.id);
    expect(row?.blueprint).toEqual(tools(['Name']));
    const view = await loadJobView(database.db, row!);
    expect(view.blueprint).toEqual(tools(['Name']));
    expect(view.readiness).toBe(45);
    // The public question is the shape of docs/architecture.md#shapes: no decision on it.
    expect(Object.keys(view.questions[0] ?? {})).not.toContain('decision');
    const questionId = view.questions[0]?.id ?? '';
    expect(await listQuestionDecisions(database.db, job.id)).toEqual({ [questionId]: decision });
    expect(await listAskedDecisionIds(database.db, job.id)).toEqual([]);

    await answerQuestion(database.db, {
      jobId: job.id,
      userId: user.id,
      questionId,
      optionIds: ['condition'],
      text: null,
    });
    expect(await listAskedDecisionIds(database.db, job.id)).toEqual(['entity_fields:tool']);
    await recordTurnResult(database.db, {
      jobId: job.id,
      turn: 2,
      ledger: [fact],
      blueprint: tools(['Name', 'Condition']),
      readiness: 90,
      outcome: { action: 'complete', reason: 'enough_information' },
      usage: [],
    });

    const types = (await listEvents(database.db, job.id)).map((item) => item.type);
    expect(types).toEqual([
      'questioning_started',
      'ledger_updated',
      'blueprint_updated',
      'question_asked',
      'answer_received',
      'ledger_updated',
      'blueprint_updated',
      'questioning_complete',
    ]);
    const updates = (await listEvents(database.db, job.id)).filter(
      (item) => item.type === 'blueprint_updated',
    );
    expect(updates.map((item) => item.data)).toEqual([
      { blueprint: tools(['Name']), readiness: 45 },
      { blueprint: tools(['Name', 'Condition']), readiness: 90 },
    ]);
    expect((await findJob(database.db, job.id))?.blueprint).toEqual(tools(['Name', 'Condition']));
  });

  it('a version keeps the blueprint it was built from; restoring it keeps that blueprint', async () => {
    const { user, job } = await createUserWithJob(database.db);
    const fact: Fact = {
      id: crypto.randomUUID(),
      kind: 'goal',
      text: 'Lend tools',
      source: { kind: 'request' },
    };
    await recordTurnResult(database.db, {
      jobId: job.id,
      turn: 1,
      ledger: [fact],
      blueprint: tools(['Name']),
      readiness: 90,
      outcome: { action: 'complete', reason: 'enough_information' },
      usage: [],
    });
    const { version } = await completeGeneration(database.db, {
      jobId: job.id,
      run: 1,
      appId: job.app_id,
      request: job.request,
      files: [{ path: 'src/App.tsx', content: 'export {}' }],
      ledger: [fact],
      blueprint: tools(['Name']),
      plan: [],
      checks: [],
      previewUrlFor: (id) => `http://preview/${id}`,
    });
    expect((await loadVersionView(database.db, version)).blueprint).toEqual(tools(['Name']));
    const restored = await restoreVersion(database.db, { versionId: version.id, userId: user.id });
    const stored = await findVersion(database.db, restored.id);
    expect((await loadVersionView(database.db, stored!)).blueprint).toEqual(tools(['Name']));
  });
});
