import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyBlueprint } from '../../blueprint/blueprint.ts';
import { ModelSchemaMismatchError } from '../../errors.ts';
import { change } from '../../questioning/decision-change.ts';
import { runQuestioningTurn } from '../../questioning/run-questioning-turn.ts';
import {
  completionReply,
  type OpenAiWireServer,
  startOpenAiWireServer,
} from '../../testing/openai-wire-server.ts';
import { createOpenAiModel } from './openai-model.ts';

let server: OpenAiWireServer;
beforeEach(async () => {
  server = await startOpenAiWireServer();
});
afterEach(async () => {
  await server.close();
});

const model = () =>
  createOpenAiModel({
    apiKey: 'test-key',
    baseURL: server.baseURL,
    questioningModel: 'gpt-4o-mini',
    generationModel: 'gpt-4.1',
    timeoutMs: 2_000,
    retry: { backoffBaseMs: 5, backoffMaxMs: 20 },
  });

const request =
  'A complaint log for our hotel front desk: guest name, room number and whether it was resolved.';

const text = (name: string, sources: string[]) => ({
  id: `complaint-${name.toLowerCase().replace(/\s+/g, '-')}`,
  name,
  type: 'text' as const,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: sources,
});

function complaintLog(fields: ReturnType<typeof text>[]) {
  return {
    ...emptyBlueprint('Complaint Log'),
    entities: [
      {
        id: 'complaint',
        name: 'Complaint',
        pluralName: 'Complaints',
        fields,
        statusFieldId: null,
        sourceFactIds: ['n1'],
      },
    ],
  };
}

const facts = [
  { ref: 'n1', kind: 'requirement', text: 'Logs complaints: Guest Name, Room Number, Resolved' },
];

/** The response format the provider sent with request `index`. */
function sentSchema(index: number): {
  name: string;
  strict: boolean;
  schema: { properties: Record<string, unknown> };
} {
  const body = server.requests[index]?.body as { response_format: { json_schema: never } };
  return body.response_format.json_schema;
}

describe('openai provider: questioning on the blueprint', () => {
  it('updates the blueprint with a strict schema; a reply the validator rejects is sent back once', async () => {
    server.enqueue(
      // An entity with no fields: well-formed JSON, but not a buildable blueprint.
      completionReply({ facts, blueprint: complaintLog([]) }),
      completionReply({
        facts,
        blueprint: complaintLog([text('Guest Name', ['n1']), text('Room Number', ['n1'])]),
      }),
      completionReply({ action: 'ask_question', reason: 'Who uses it is open' }),
      completionReply({
        text: 'Who will use the complaint log day to day?',
        why: 'It sets the wording.',
        kind: 'single',
        options: [
          {
            label: 'Front desk staff',
            recommended: true,
            change: change({ audience: ['Front Desk Staff'] }),
          },
          {
            label: 'Just me',
            recommended: false,
            change: change({ audience: ['Just Me'], sharing: 'private' }),
          },
        ],
        assumptionIfSkipped: "I'll build it for the front desk staff.",
        skipChange: change({ audience: ['Front Desk Staff'] }),
      }),
    );
    const result = await runQuestioningTurn(
      { model: model(), newId: randomUUID },
      {
        request,
        kind: 'create',
        questions: [],
        questionDecisions: {},
        ledger: [],
        blueprint: null,
        baseBlueprint: null,
        latest: { kind: 'request' },
        maxQuestions: 5,
      },
    );

    const format = sentSchema(0);
    expect(format).toMatchObject({ name: 'blueprint_update', strict: true });
    expect(Object.keys(format.schema.properties)).toEqual(['facts', 'blueprint']);
    // The second request shows the model its rejected reply and names the problem.
    expect(server.requests).toHaveLength(4);
    expect(JSON.stringify(server.requests[1]?.body)).toContain('Complaint has no fields');
    expect(result.blueprint.entities[0]?.fields.map((field) => field.name)).toEqual([
      'Guest Name',
      'Room Number',
    ]);
    const fact = result.ledger.find((item) => item.text.startsWith('Logs complaints'));
    expect(result.blueprint.entities[0]?.sourceFactIds).toEqual([fact?.id]);
    expect(result.outcome).toMatchObject({
      action: 'ask_question',
      question: { text: 'Who will use the complaint log day to day?', topic: 'audience' },
      decision: {
        decisionId: 'audience',
        options: [{ optionId: 'front-desk-staff' }, { optionId: 'just-me' }],
      },
    });
    expect(result.usage).toHaveLength(3);
    expect(result.usage[0]?.inputTokens).toBe(200);
  });

  it('two replies citing facts that do not exist fail the turn as invalid output', async () => {
    const dangling = complaintLog([text('Guest Name', ['n7'])]);
    server.enqueue(
      completionReply({ facts, blueprint: dangling }),
      completionReply({ facts, blueprint: dangling }),
    );
    const turn = runQuestioningTurn(
      { model: model(), newId: randomUUID },
      {
        request,
        kind: 'create',
        questions: [],
        questionDecisions: {},
        ledger: [],
        blueprint: null,
        baseBlueprint: null,
        latest: { kind: 'request' },
        maxQuestions: 5,
      },
    );
    await expect(turn).rejects.toBeInstanceOf(ModelSchemaMismatchError);
    await expect(turn).rejects.toThrow(/cite no fact: n7/);
  });
});
