import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ModelTimeoutError } from '../errors.ts';
import type { Fact } from '../ledger.ts';
import type { Question } from '../question.ts';
import { createScriptedModel } from '../testing/scripted-model.ts';
import { type QuestioningTurnInput, runQuestioningTurn } from './run-questioning-turn.ts';
import { questioningTasks as tasks } from './task-schemas.ts';

const request = 'A scheduling tool for our clinic receptionists to manage appointments';

const requestFacts = {
  facts: [
    { kind: 'goal', text: request, topic: 'purpose' },
    { kind: 'requirement', text: 'Used by clinic receptionists', topic: 'audience' },
    { kind: 'requirement', text: 'Keeps track of appointments', topic: 'records' },
  ],
};

const viewsQuestion = {
  topic: 'views',
  text: 'Which views do you need?',
  why: 'Each view is a screen.',
  kind: 'multi',
  options: [
    { label: 'Calendar by week', recommended: true },
    { label: 'Table with search', recommended: true },
    { label: 'Table with search', recommended: false },
  ],
  assumptionIfSkipped: "I'll build a calendar.",
};

function input(overrides: Partial<QuestioningTurnInput> = {}): QuestioningTurnInput {
  return {
    request,
    kind: 'create',
    currentVersion: null,
    questions: [],
    ledger: [],
    latest: { kind: 'request' },
    maxQuestions: 5,
    ...overrides,
  };
}

function fact(
  kind: Fact['kind'],
  text: string,
  topic?: Fact['topic'],
  source: Fact['source'] = { kind: 'request' },
): Fact {
  return { id: randomUUID(), kind, text, source, ...(topic ? { topic } : {}) };
}

function question(overrides: Partial<Question> = {}): Question {
  return {
    id: randomUUID(),
    number: 1,
    text: 'How should each appointment move from start to finish?',
    why: 'Statuses become board columns.',
    kind: 'single',
    options: [
      { id: 'scheduled-done', label: 'Scheduled → Done', recommended: true },
      { id: 'booked-cancelled', label: 'Booked → Cancelled', recommended: false },
    ],
    assumptionIfSkipped: "I'll use the statuses Scheduled → Done.",
    status: 'answered',
    answer: { optionIds: ['scheduled-done'], text: null },
    topic: 'workflow',
    ...overrides,
  };
}

const knownLedger = () => [
  fact('goal', request, 'purpose'),
  fact('requirement', 'Used by clinic receptionists', 'audience'),
  fact('requirement', 'Keeps track of appointments', 'records'),
  fact('unknown', 'Not yet known: key actions, statuses and workflow', 'workflow'),
];

const deps = (model: ReturnType<typeof createScriptedModel>) => ({ model, newId: randomUUID });

describe('runQuestioningTurn with a scripted model', () => {
  it('distills the request, asks the main agent, and returns a normalized question card', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.extractFacts, { output: requestFacts })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'Views unknown', readiness: 40 } })
      .enqueue(tasks.writeQuestion, { output: viewsQuestion });

    const result = await runQuestioningTurn(deps(model), input());

    expect(result.outcome.action).toBe('ask_question');
    if (result.outcome.action !== 'ask_question') return;
    expect(result.outcome.question.options).toEqual([
      { id: 'calendar-by-week', label: 'Calendar by week', recommended: true },
      { id: 'table-with-search', label: 'Table with search', recommended: false },
      { id: 'table-with-search-2', label: 'Table with search', recommended: false },
    ]);
    expect(result.outcome.question.topic).toBe('views');
    expect(result.readiness).toBe(40);
    expect(result.ledger.filter((f) => f.source.kind === 'request' && f.kind !== 'unknown')).toHaveLength(3);
    // Open slots are listed as unknowns; known ones are not.
    const unknownTopics = result.ledger.filter((f) => f.kind === 'unknown').map((f) => f.topic);
    expect(unknownTopics).toEqual(['workflow', 'views', 'fields', 'sharing']);
    expect(result.usage).toHaveLength(3);
    expect(result.usage.every((u) => u.phase === 'questioning' && u.model === 'scripted:test')).toBe(true);
    // The writer was told which topics are known, so it cannot claim ignorance.
    expect(model.callsFor(tasks.writeQuestion)[0]?.input).toMatchObject({
      coveredTopics: ['purpose', 'audience', 'records'],
    });
  });

  it('completes with enough_information when the main agent proceeds', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.extractFacts, { output: requestFacts })
      .enqueue(tasks.decide, { output: { action: 'proceed', reason: 'Clear enough', readiness: 85 } });
    const result = await runQuestioningTurn(deps(model), input());
    expect(result.outcome).toEqual({ action: 'complete', reason: 'enough_information' });
    expect(result.readiness).toBe(85);
    expect(model.callsFor(tasks.writeQuestion)).toHaveLength(0);
  });

  it('stops at maxQuestions without asking the model, reason question_limit', async () => {
    const questions = [question({ number: 1 }), question({ number: 2, id: randomUUID(), topic: 'views' })];
    const model = createScriptedModel().enqueue(tasks.extractFacts, { output: { facts: [] } });
    const result = await runQuestioningTurn(
      deps(model),
      input({
        questions,
        ledger: knownLedger(),
        latest: { kind: 'answer', questionId: questions[1]!.id },
        maxQuestions: 2,
      }),
    );
    expect(result.outcome).toEqual({ action: 'complete', reason: 'question_limit' });
    expect(model.callsFor(tasks.decide)).toHaveLength(0);
  });

  it('build_now completes as skipped and keeps the open question default as an assumption', async () => {
    const open = question({ status: 'open', answer: null });
    const model = createScriptedModel();
    const result = await runQuestioningTurn(
      deps(model),
      input({ questions: [open], ledger: knownLedger(), latest: { kind: 'build_now' } }),
    );
    expect(result.outcome).toEqual({ action: 'complete', reason: 'skipped' });
    expect(model.calls).toHaveLength(0);
    expect(result.ledger).toContainEqual(
      expect.objectContaining({
        kind: 'assumption',
        text: open.assumptionIfSkipped,
        source: { kind: 'skip', questionId: open.id },
      }),
    );
    expect(result.usage).toEqual([]);
  });

  it('an answer that means "just build it" behaves like build now', async () => {
    const answered = question({ answer: { optionIds: [], text: 'whatever, just build it' } });
    const model = createScriptedModel();
    const result = await runQuestioningTurn(
      deps(model),
      input({
        questions: [answered],
        ledger: knownLedger(),
        latest: { kind: 'answer', questionId: answered.id },
      }),
    );
    expect(result.outcome).toEqual({ action: 'complete', reason: 'skipped' });
    expect(result.ledger.find((f) => f.source.questionId === answered.id)?.kind).toBe('assumption');
    expect(model.calls).toHaveLength(0);
  });

  it('an answer merely containing skip words is an answer', async () => {
    const answered = question({
      topic: 'workflow',
      answer: { optionIds: [], text: 'skip weekends, bookings only on weekdays' },
    });
    const model = createScriptedModel()
      .enqueue(tasks.extractFacts, {
        output: { facts: [{ kind: 'requirement', text: 'No bookings on weekends', topic: 'workflow' }] },
      })
      .enqueue(tasks.decide, { output: { action: 'proceed', reason: 'ok', readiness: 90 } });
    const result = await runQuestioningTurn(
      deps(model),
      input({
        questions: [answered],
        ledger: knownLedger(),
        latest: { kind: 'answer', questionId: answered.id },
      }),
    );
    expect(result.outcome).toEqual({ action: 'complete', reason: 'enough_information' });
    expect(model.callsFor(tasks.extractFacts)[0]?.input).toMatchObject({
      message: { kind: 'answer', text: 'skip weekends, bookings only on weekdays' },
    });
    expect(result.ledger).toContainEqual(
      expect.objectContaining({
        text: 'No bookings on weekends',
        source: { kind: 'answer', questionId: answered.id },
      }),
    );
  });

  it('never treats the initial request as skip intent', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.extractFacts, { output: { facts: [{ kind: 'goal', text: 'Skip', topic: 'purpose' }] } })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'vague', readiness: 0 } })
      .enqueue(tasks.writeQuestion, { output: { ...viewsQuestion, topic: 'records' } });
    const result = await runQuestioningTurn(deps(model), input({ request: 'skip' }));
    expect(result.outcome.action).toBe('ask_question');
  });

  it('a skipped question leaves its default as an assumption and the interview goes on', async () => {
    const skipped = question({ status: 'skipped', answer: null });
    const model = createScriptedModel()
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'views', readiness: 60 } })
      .enqueue(tasks.writeQuestion, { output: viewsQuestion });
    const ledger = knownLedger();
    const result = await runQuestioningTurn(
      deps(model),
      input({ questions: [skipped], ledger, latest: { kind: 'skip', questionId: skipped.id } }),
    );
    expect(result.outcome.action).toBe('ask_question');
    expect(model.callsFor(tasks.extractFacts)).toHaveLength(0);
    const assumption = result.ledger.find((f) => f.source.kind === 'skip');
    expect(assumption).toMatchObject({
      kind: 'assumption',
      text: skipped.assumptionIfSkipped,
      topic: 'workflow',
    });
    // Old facts keep their ids; the workflow unknown is gone now that a default covers it.
    for (const old of ledger.filter((f) => f.kind !== 'unknown')) expect(result.ledger).toContainEqual(old);
    expect(result.ledger.some((f) => f.kind === 'unknown' && f.topic === 'workflow')).toBe(false);
  });

  it('never re-asks a known slot: a draft about a covered topic is sent back once', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.extractFacts, { output: requestFacts })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'more', readiness: 40 } })
      .enqueue(
        tasks.writeQuestion,
        { output: { ...viewsQuestion, topic: 'audience', text: 'Who will use this?' } },
        { output: viewsQuestion },
      );
    const result = await runQuestioningTurn(deps(model), input());
    expect(result.outcome).toMatchObject({ action: 'ask_question', question: { topic: 'views' } });
    const writes = model.callsFor(tasks.writeQuestion);
    expect(writes).toHaveLength(2);
    expect(writes[1]?.input).toMatchObject({ rejectedDraft: { text: 'Who will use this?' } });
  });

  it('proceeds instead of asking when the writer keeps re-asking known things or hosting', async () => {
    const model = createScriptedModel()
      .enqueue(tasks.extractFacts, { output: requestFacts })
      .enqueue(tasks.decide, { output: { action: 'ask_question', reason: 'more', readiness: 40 } })
      .enqueue(
        tasks.writeQuestion,
        { output: { ...viewsQuestion, topic: 'records', text: 'What do you want to track?' } },
        { output: { ...viewsQuestion, text: 'Where should we host it: Vercel or AWS?' } },
      );
    const result = await runQuestioningTurn(deps(model), input());
    expect(result.outcome).toEqual({ action: 'complete', reason: 'enough_information' });
    expect(result.usage).toHaveLength(4);
  });

  it('keeps an answer verbatim when the model extracts nothing from it', async () => {
    const answered = question({ answer: { optionIds: ['booked-cancelled'], text: 'and a waitlist' } });
    const model = createScriptedModel()
      .enqueue(tasks.extractFacts, { output: { facts: [] } })
      .enqueue(tasks.decide, { output: { action: 'proceed', reason: 'ok', readiness: 80 } });
    const result = await runQuestioningTurn(
      deps(model),
      input({
        questions: [answered],
        ledger: knownLedger(),
        latest: { kind: 'answer', questionId: answered.id },
      }),
    );
    expect(result.ledger.find((f) => f.source.questionId === answered.id)?.text).toContain(
      'Booked → Cancelled; and a waitlist',
    );
  });

  it('lets model errors reach the worker unchanged', async () => {
    const model = createScriptedModel().enqueue(tasks.extractFacts, { error: new ModelTimeoutError('slow') });
    await expect(runQuestioningTurn(deps(model), input())).rejects.toBeInstanceOf(ModelTimeoutError);
  });

  it('passes the abort signal to every model call', async () => {
    const controller = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const model = createScriptedModel();
    const spy = {
      describe: () => 'spy',
      call: async <T>(request: Parameters<typeof model.call<T>>[0]) => {
        seen.push(request.signal);
        if (request.task === tasks.extractFacts)
          return { output: request.schema.parse(requestFacts), usage: zero };
        return {
          output: request.schema.parse({ action: 'proceed', reason: 'ok', readiness: 90 }),
          usage: zero,
        };
      },
    };
    await runQuestioningTurn({ model: spy, newId: randomUUID }, input({ signal: controller.signal }));
    expect(seen).toEqual([controller.signal, controller.signal]);
  });
});

const zero = { model: 'spy', inputTokens: 0, outputTokens: 0, costUsd: 0 };
