import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Blueprint, emptyBlueprint, type Field } from '../blueprint/blueprint.ts';
import { readinessOf } from '../blueprint/open-decisions.ts';
import { ModelTimeoutError } from '../errors.ts';
import type { Fact } from '../ledger.ts';
import type { Question } from '../question.ts';
import { createScriptedModel } from '../testing/scripted-model.ts';
import { change, type QuestionDecision } from './decision-change.ts';
import { type QuestioningTurnInput, runQuestioningTurn } from './run-questioning-turn.ts';
import { questioningTasks as tasks } from './task-schemas.ts';

const request = 'Our makerspace lends tools to members. Each tool has a name, a category and a condition.';

const field = (
  id: string,
  name: string,
  type: Field['type'],
  sources: string[],
  extra: Partial<Field> = {},
) => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: sources,
  ...extra,
});

/** What a model would make of the request: tools with their fields, members with only a name. */
function understood(toolRef: string, memberRef: string): Blueprint {
  return {
    ...emptyBlueprint('Tool Library'),
    entities: [
      {
        id: 'tool',
        name: 'Tool',
        pluralName: 'Tools',
        fields: [
          field('tool-name', 'Name', 'text', [toolRef]),
          field('tool-category', 'Category', 'text', [toolRef]),
          field('tool-condition', 'Condition', 'text', [toolRef]),
        ],
        statusFieldId: null,
        sourceFactIds: [toolRef],
      },
      {
        id: 'member',
        name: 'Member',
        pluralName: 'Members',
        fields: [field('member-name', 'Name', 'text', [])],
        statusFieldId: null,
        sourceFactIds: [memberRef],
      },
    ],
  };
}

const requestUpdate = {
  facts: [
    { ref: 'n1', kind: 'goal', text: 'Lends tools to members' },
    { ref: 'n2', kind: 'requirement', text: 'Tracks tools: Name, Category, Condition' },
  ],
  blueprint: understood('n2', 'n1'),
};

const memberFieldsCard = {
  text: 'Besides a name, what should each Member record?',
  why: 'These become the Member form.',
  kind: 'multi',
  options: [
    {
      label: 'Email',
      recommended: true,
      change: change({ fields: [{ name: 'Email', type: 'email', options: [] }] }),
    },
    {
      label: 'Phone',
      recommended: false,
      change: change({ fields: [{ name: 'Phone', type: 'phone', options: [] }] }),
    },
    {
      label: 'A list of loans',
      recommended: false,
      // A view on a field that does not exist cannot apply: this option is dropped, not shown.
      change: change({
        view: { kind: 'calendar', title: 'Loans', fieldName: 'Due Date', dateFilter: null, days: null },
      }),
    },
  ],
  assumptionIfSkipped: "I'll give each Member an Email.",
  skipChange: change({ fields: [{ name: 'Email', type: 'email', options: [] }] }),
};

function input(overrides: Partial<QuestioningTurnInput> = {}): QuestioningTurnInput {
  return {
    request,
    kind: 'create',
    questions: [],
    questionDecisions: {},
    ledger: [],
    blueprint: null,
    baseBlueprint: null,
    latest: { kind: 'request' },
    maxQuestions: 5,
    ...overrides,
  };
}

const deps = (model: ReturnType<typeof createScriptedModel>) => ({ model, newId: randomUUID });

/** The state after the first turn asked about the members' fields. */
function afterFirstTurn(answer: Question['answer'], status: Question['status'] = 'answered') {
  const ledger: Fact[] = [
    { id: randomUUID(), kind: 'goal', text: 'Lends tools to members', source: { kind: 'request' } },
    { id: randomUUID(), kind: 'requirement', text: 'Tracks tools', source: { kind: 'request' } },
  ];
  const blueprint = understood(ledger[1]?.id ?? '', ledger[0]?.id ?? '');
  const question: Question = {
    id: randomUUID(),
    number: 1,
    text: memberFieldsCard.text,
    why: memberFieldsCard.why,
    kind: 'multi',
    options: [
      { id: 'email', label: 'Email', recommended: true },
      { id: 'phone', label: 'Phone', recommended: false },
    ],
    assumptionIfSkipped: memberFieldsCard.assumptionIfSkipped,
    status,
    answer,
    topic: 'fields',
  };
  const decision: QuestionDecision = {
    decisionId: 'entity_fields:member',
    kind: 'entity_fields',
    entityId: 'member',
    fieldId: null,
    summary: 'What each Member records',
    options: [
      { optionId: 'email', change: change({ fields: [{ name: 'Email', type: 'email', options: [] }] }) },
      { optionId: 'phone', change: change({ fields: [{ name: 'Phone', type: 'phone', options: [] }] }) },
    ],
    skip: change({ fields: [{ name: 'Email', type: 'email', options: [] }] }),
  };
  return input({
    ledger,
    blueprint,
    questions: [question],
    questionDecisions: { [question.id]: decision },
    latest:
      status === 'skipped'
        ? { kind: 'skip', questionId: question.id }
        : { kind: 'answer', questionId: question.id },
  });
}

describe('runQuestioningTurn with a scripted model', () => {
  it('reads the request into facts and a blueprint citing them, then asks about the top open decision', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.updateBlueprint, { output: requestUpdate })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'Members have only a name' } })
      .enqueue(tasks.writeQuestion, { output: memberFieldsCard });

    const result = await runQuestioningTurn(deps(model), input());

    const [goal, tools] = result.ledger;
    expect(goal).toMatchObject({ kind: 'goal', text: 'Lends tools to members', source: { kind: 'request' } });
    // Local refs became the facts' ids.
    expect(result.blueprint.entities[0]?.sourceFactIds).toEqual([tools?.id]);
    expect(result.blueprint.entities[1]?.sourceFactIds).toEqual([goal?.id]);
    expect(result.outcome.action).toBe('ask_question');
    if (result.outcome.action !== 'ask_question') return;
    expect(result.outcome.question).toMatchObject({
      text: 'Besides a name, what should each Member record?',
      kind: 'multi',
      topic: 'fields',
      options: [
        { id: 'email', label: 'Email', recommended: true },
        { id: 'phone', label: 'Phone', recommended: false },
      ],
    });
    expect(result.outcome.decision).toMatchObject({
      decisionId: 'entity_fields:member',
      entityId: 'member',
      options: [{ optionId: 'email' }, { optionId: 'phone' }],
    });
    expect(result.readiness).toBe(readinessOf(result.blueprint, { jobKind: 'create' }));
    expect(result.readiness).toBeLessThan(80);
    // The main agent and the writer saw the open decisions, heaviest first.
    expect(model.callsFor(tasks.decide)[0]?.input).toMatchObject({
      openDecisions: [{ id: 'entity_fields:member' }, { id: 'audience' }, { id: 'sharing' }],
    });
    expect(model.callsFor(tasks.writeQuestion)[0]?.input).toMatchObject({
      decision: { id: 'entity_fields:member' },
    });
    // What is still open is listed in the ledger as unknowns.
    expect(result.ledger.filter((fact) => fact.kind === 'unknown').map((fact) => fact.text)).toEqual([
      'Not yet known: what each Member records',
      'Not yet known: who uses the app',
      'Not yet known: whether everyone sees the same records',
    ]);
    expect(result.usage).toHaveLength(3);
  });

  // The scripted model parses with the call's schema; providers report the same failure as invalid output.
  it('a blueprint citing no real fact, or failing the validator, fails the output schema', async () => {
    const dangling = structuredClone(requestUpdate);
    dangling.blueprint.entities[0]?.sourceFactIds.push('made-up');
    const model = createScriptedModel().enqueue(tasks.updateBlueprint, { output: dangling });
    await expect(runQuestioningTurn(deps(model), input())).rejects.toThrow(
      /sourceFactIds cite no fact: made-up/,
    );

    const empty = structuredClone(requestUpdate);
    if (empty.blueprint.entities[1]) empty.blueprint.entities[1].fields = [];
    const again = createScriptedModel().enqueue(tasks.updateBlueprint, { output: empty });
    await expect(runQuestioningTurn(deps(again), input())).rejects.toThrow(/Member has no fields/);
  });

  it("an answer applies the picked options' stored changes without asking a model to read them", async () => {
    const model = createScriptedModel().enqueue(tasks.decide, {
      output: { action: 'proceed', reason: 'ok' },
    });
    const turn = afterFirstTurn({ optionIds: ['email', 'phone'], text: null });
    const result = await runQuestioningTurn(deps(model), turn);

    const question = turn.questions[0];
    const answerFact = result.ledger.find((fact) => fact.source.kind === 'answer');
    expect(answerFact).toMatchObject({
      text: 'What each Member records: Email; Phone',
      source: { kind: 'answer', questionId: question?.id },
    });
    const member = result.blueprint.entities[1];
    expect(member?.fields.map((item) => [item.name, item.type])).toEqual([
      ['Name', 'text'],
      ['Email', 'email'],
      ['Phone', 'phone'],
    ]);
    expect(member?.fields[1]?.sourceFactIds).toEqual([answerFact?.id]);
    expect(model.callsFor(tasks.updateBlueprint)).toHaveLength(0);
    // The decision is made: never open again, so never asked again.
    expect(model.callsFor(tasks.decide)[0]?.input).toMatchObject({
      openDecisions: [{ id: 'audience' }, { id: 'sharing' }],
    });
  });

  it('the same answer to the same question always makes the same design', async () => {
    const turn = afterFirstTurn({ optionIds: ['phone'], text: null });
    const run = () =>
      runQuestioningTurn(
        {
          model: createScriptedModel().enqueue(tasks.decide, { output: { action: 'proceed', reason: 'ok' } }),
          newId: () => 'f',
        },
        turn,
      );
    expect((await run()).blueprint).toEqual((await run()).blueprint);
  });

  it("free text goes to the model with the question's focus; options and text together both count", async () => {
    const turn = afterFirstTurn({ optionIds: ['email'], text: 'and the date they joined' });
    const model = createScriptedModel()
      .enqueue(tasks.updateBlueprint, {
        respond: (call) => {
          const message = (call.input as { message: { focus: unknown }; blueprint: Blueprint }).message;
          expect(message.focus).toEqual({ entityId: 'member', fieldId: null });
          const blueprint = structuredClone((call.input as { blueprint: Blueprint }).blueprint);
          blueprint.entities[1]?.fields.push(field('member-joined', 'Joined On', 'date', ['n1']));
          return {
            facts: [{ ref: 'n1', kind: 'requirement', text: 'Each member records the date they joined' }],
            blueprint,
          };
        },
      })
      .enqueue(tasks.decide, { output: { action: 'proceed', reason: 'ok' } });
    const result = await runQuestioningTurn(deps(model), turn);
    expect(result.blueprint.entities[1]?.fields.map((item) => item.name)).toEqual([
      'Name',
      'Email',
      'Joined On',
    ]);
    const joined = result.ledger.find((fact) => fact.text === 'Each member records the date they joined');
    expect(joined?.source).toEqual({ kind: 'answer', questionId: turn.questions[0]?.id });
    expect(result.blueprint.entities[1]?.fields[2]?.sourceFactIds).toEqual([joined?.id]);
  });

  it('a skip applies the stated default as an assumption fact and its change', async () => {
    const model = createScriptedModel().enqueue(tasks.decide, {
      output: { action: 'proceed', reason: 'ok' },
    });
    const result = await runQuestioningTurn(deps(model), afterFirstTurn(null, 'skipped'));
    const assumption = result.ledger.find((fact) => fact.source.kind === 'skip');
    expect(assumption).toMatchObject({
      kind: 'assumption',
      text: "I'll give each Member an Email.",
      topic: 'fields',
    });
    expect(result.blueprint.entities[1]?.fields[1]).toMatchObject({
      name: 'Email',
      sourceFactIds: [assumption?.id],
    });
  });

  it("build now: the open question's default is applied and questioning completes as skipped, no model asked", async () => {
    const turn = afterFirstTurn(null, 'open');
    const model = createScriptedModel();
    const result = await runQuestioningTurn(deps(model), { ...turn, latest: { kind: 'build_now' } });
    expect(result.outcome).toEqual({ action: 'complete', reason: 'skipped' });
    expect(model.calls).toHaveLength(0);
    expect(result.blueprint.entities[1]?.fields.map((item) => item.name)).toEqual(['Name', 'Email']);
  });

  it('an answer that means "just build it" behaves like build now', async () => {
    const model = createScriptedModel();
    const result = await runQuestioningTurn(
      deps(model),
      afterFirstTurn({ optionIds: [], text: 'whatever, just build it' }),
    );
    expect(result.outcome).toEqual({ action: 'complete', reason: 'skipped' });
    expect(result.ledger.find((fact) => fact.source.kind === 'skip')?.kind).toBe('assumption');
    expect(model.calls).toHaveLength(0);
  });

  it('stops at maxQuestions without asking the model (question_limit), and with nothing open (enough_information)', async () => {
    const model = createScriptedModel();
    const capped = await runQuestioningTurn(deps(model), {
      ...afterFirstTurn({ optionIds: ['email'], text: null }),
      maxQuestions: 1,
    });
    expect(capped.outcome).toEqual({ action: 'complete', reason: 'question_limit' });

    const settled = understood('f1', 'f1');
    settled.audience = [{ name: 'Volunteers', sourceFactIds: ['f1'] }];
    settled.entities = settled.entities.slice(0, 1);
    const ledger: Fact[] = [{ id: 'f1', kind: 'goal', text: 'x', source: { kind: 'request' } }];
    const done = await runQuestioningTurn(
      deps(model),
      input({ ledger, blueprint: settled, latest: { kind: 'build_now' } }),
    );
    expect(done.readiness).toBe(100);
    expect(model.calls).toHaveLength(0);
  });

  it('never treats the initial request as skip intent', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.updateBlueprint, {
        output: { facts: [{ ref: 'n1', kind: 'goal', text: 'Skip' }], blueprint: emptyBlueprint() },
      })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'vague' } })
      .enqueue(tasks.writeQuestion, {
        output: {
          ...memberFieldsCard,
          text: 'What should this app keep a list of?',
          options: [],
          kind: 'text',
          skipChange: change({}),
        },
      });
    const result = await runQuestioningTurn(deps(model), input({ request: 'skip' }));
    expect(result.outcome.action).toBe('ask_question');
    expect(result.readiness).toBeLessThan(50);
  });

  it('a draft about hosting or repeating a question is sent back once, then questioning proceeds', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.updateBlueprint, { output: requestUpdate })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'more' } })
      .enqueue(
        tasks.writeQuestion,
        { output: { ...memberFieldsCard, text: 'Where should we host it: Vercel or AWS?' } },
        { output: memberFieldsCard },
      );
    const result = await runQuestioningTurn(deps(model), input());
    expect(result.outcome.action).toBe('ask_question');
    expect(model.callsFor(tasks.writeQuestion)[1]?.input).toMatchObject({
      rejectedDraft: { text: 'Where should we host it: Vercel or AWS?' },
    });

    const stubborn = createScriptedModel()
      .enqueue(tasks.updateBlueprint, { output: requestUpdate })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'more' } })
      .enqueue(
        tasks.writeQuestion,
        { output: { ...memberFieldsCard, text: 'Which database: Postgres or MySQL?' } },
        { output: { ...memberFieldsCard, text: 'Should we deploy on AWS?' } },
      );
    const ended = await runQuestioningTurn(deps(stubborn), input());
    expect(ended.outcome).toEqual({ action: 'complete', reason: 'enough_information' });
  });

  it('keeps the request as the goal when the model reads nothing from it', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.updateBlueprint, { output: { facts: [], blueprint: emptyBlueprint() } })
      .enqueue(tasks.decide, { output: { action: 'proceed', reason: 'ok' } });
    const result = await runQuestioningTurn(deps(model), input());
    expect(result.ledger[0]).toMatchObject({ kind: 'goal', text: request });
  });

  it('lets model errors reach the worker unchanged', async () => {
    const model = createScriptedModel().enqueue(tasks.updateBlueprint, {
      error: new ModelTimeoutError('slow'),
    });
    await expect(runQuestioningTurn(deps(model), input())).rejects.toBeInstanceOf(ModelTimeoutError);
  });

  it('passes the abort signal to every model call', async () => {
    const controller = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const spy = {
      describe: () => 'spy',
      call: async <T>(call: {
        task: string;
        schema: { parse: (value: unknown) => T };
        signal?: AbortSignal;
      }) => {
        seen.push(call.signal);
        const output =
          call.task === tasks.updateBlueprint ? requestUpdate : { action: 'proceed', reason: 'ok' };
        return {
          output: call.schema.parse(output),
          usage: { model: 'spy', inputTokens: 0, outputTokens: 0, costUsd: 0 },
        };
      },
    };
    await runQuestioningTurn({ model: spy, newId: randomUUID }, input({ signal: controller.signal }));
    expect(seen).toEqual([controller.signal, controller.signal]);
  });
});
