import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../blueprint/blueprint.ts';
import type { JobKind } from '../job.ts';
import type { Fact } from '../ledger.ts';
import { createOfflineModel } from '../providers/offline/offline-model.ts';
import type { Question } from '../question.ts';
import type { QuestionDecision } from './decision-change.ts';
import { runQuestioningTurn } from './run-questioning-turn.ts';
import type { QuestioningTurnResult, TurnInput } from './turn-contract.ts';

const model = createOfflineModel();

type Reply = (
  question: Question,
  index: number,
) => { kind: 'answer'; optionIds: string[]; text: string | null } | { kind: 'skip' };

const recommended: Reply = (question) => ({
  kind: 'answer',
  optionIds: question.options.filter((option) => option.recommended).map((option) => option.id),
  text: question.options.length === 0 ? 'whatever is simplest' : null,
});

interface Played {
  outcome: QuestioningTurnResult['outcome'];
  questions: Question[];
  decisions: QuestionDecision[];
  ledger: Fact[];
  blueprint: Blueprint;
  readiness: number[];
}

/** Plays a whole interview against the offline model, the way the worker and UI would. */
async function interview(
  request: string,
  reply: Reply,
  options: { maxQuestions?: number; kind?: JobKind; base?: Blueprint | null } = {},
): Promise<Played> {
  const maxQuestions = options.maxQuestions ?? 5;
  let ledger: Fact[] = [];
  let blueprint: Blueprint | null = null;
  const questions: Question[] = [];
  const questionDecisions: Record<string, QuestionDecision> = {};
  const readiness: number[] = [];
  let latest: TurnInput = { kind: 'request' };
  for (let turn = 0; turn <= maxQuestions; turn++) {
    const result = await runQuestioningTurn(
      { model, newId: randomUUID },
      {
        request,
        kind: options.kind ?? 'create',
        questions: structuredClone(questions),
        questionDecisions,
        ledger,
        blueprint,
        baseBlueprint: options.base ?? null,
        latest,
        maxQuestions,
      },
    );
    ledger = result.ledger;
    blueprint = result.blueprint;
    readiness.push(result.readiness);
    const decisions = Object.values(questionDecisions);
    if (result.outcome.action === 'complete')
      return { outcome: result.outcome, questions, decisions, ledger, blueprint, readiness };
    const question: Question = {
      ...result.outcome.question,
      id: randomUUID(),
      number: questions.length + 1,
      status: 'open',
      answer: null,
    };
    if (result.outcome.decision) questionDecisions[question.id] = result.outcome.decision;
    const response = reply(question, questions.length);
    if (response.kind === 'skip') {
      questions.push({ ...question, status: 'skipped' });
      latest = { kind: 'skip', questionId: question.id };
    } else {
      questions.push({
        ...question,
        status: 'answered',
        answer: { optionIds: response.optionIds, text: response.text },
      });
      latest = { kind: 'answer', questionId: question.id };
    }
  }
  throw new Error('interview did not terminate');
}

const firstTurn = (request: string) =>
  runQuestioningTurn(
    { model, newId: randomUUID },
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

const entityNames = (blueprint: Blueprint) => blueprint.entities.map((entity) => entity.name);
const fieldsOf = (blueprint: Blueprint, name: RegExp) =>
  Object.fromEntries(
    (blueprint.entities.find((entity) => name.test(entity.name))?.fields ?? []).map((field) => [
      field.name,
      field,
    ]),
  );
const asksWhatItTracks = /keep (a list|track) of|what will (it|this app)/i;

interface EvalCase {
  id: string;
  prompt: string;
  clarity: 'well-specified' | 'partial' | 'vague';
  mustNotAsk?: string[];
}
const evalCases: EvalCase[] = JSON.parse(
  readFileSync(new URL('../../eval/requests.json', import.meta.url), 'utf8'),
).cases;

describe('offline interview on the blueprint: the requests quoted in issue 10', () => {
  it('the makerspace: tools, members and loans between them; the first question is not what it keeps track of', async () => {
    const result = await firstTurn(
      'Our makerspace lends tools to members. Each tool has a name, a category and a condition; members check tools out and back in, and we want to see which tools are out right now and who has them.',
    );
    expect(entityNames(result.blueprint)).toEqual(expect.arrayContaining(['Tool', 'Member', 'Loan']));
    const loan = fieldsOf(result.blueprint, /^Loan$/);
    expect(Object.values(loan).filter((field) => field.type === 'reference')).toHaveLength(2);
    expect(result.blueprint.views.some((view) => /out/i.test(view.title) && view.filter !== null)).toBe(true);
    expect(Object.keys(fieldsOf(result.blueprint, /^Tool$/))).toEqual(
      expect.arrayContaining(['Name', 'Category', 'Condition']),
    );
    if (result.outcome.action === 'ask_question')
      expect(result.outcome.question.text).not.toMatch(asksWhatItTracks);
  });

  it('the hotel complaint log keeps the stated categories and severities and asks nothing', async () => {
    const result = await firstTurn(
      'A complaint log for our hotel front desk: guest name, room number, category (noise, cleanliness, billing), severity low, medium or high, and whether it was resolved.',
    );
    const complaint = fieldsOf(result.blueprint, /complaint/i);
    expect(complaint.Category?.options).toEqual(['Noise', 'Cleanliness', 'Billing']);
    expect(complaint.Severity?.options).toEqual(['Low', 'Medium', 'High']);
    expect(complaint.Resolved?.type).toBe('boolean');
    expect(result.readiness).toBeGreaterThanOrEqual(80);
    expect(result.outcome).toEqual({ action: 'complete', reason: 'enough_information' });
  });

  it('the marketing campaigns keep leads generated, both dates, the channels and the chart', async () => {
    const result = await firstTurn(
      'Track our marketing campaigns: name, channel (email, social, search), budget, start and end date, and leads generated. A chart of leads per channel.',
    );
    const campaign = fieldsOf(result.blueprint, /campaign/i);
    expect(campaign.Channel?.options).toEqual(['Email', 'Social', 'Search']);
    expect(campaign['Leads Generated']?.type).toBe('number');
    expect(campaign['Start Date']?.type).toBe('date');
    expect(campaign.Budget?.type).toBe('money');
    expect(result.blueprint.views.some((view) => view.kind === 'chart')).toBe(true);
    expect(entityNames(result.blueprint).join(' ')).not.toMatch(/deal/i);
    expect(result.readiness).toBeGreaterThanOrEqual(80);
    expect(result.outcome.action).toBe('complete');
  });
});

describe('offline interview on the blueprint', () => {
  it('every vague request of the eval set gets a question, with readiness below 50', async () => {
    const vague = evalCases.filter((item) => item.clarity === 'vague');
    expect(vague.length).toBeGreaterThan(5);
    for (const item of vague) {
      const result = await firstTurn(item.prompt);
      expect(result.outcome.action, item.prompt).toBe('ask_question');
      expect(result.readiness, item.prompt).toBeLessThan(50);
    }
  });

  it('never re-asks: no first question of the eval set matches what its request already said', async () => {
    for (const item of evalCases) {
      const result = await firstTurn(item.prompt);
      if (result.outcome.action !== 'ask_question') continue;
      for (const pattern of item.mustNotAsk ?? [])
        expect(result.outcome.question.text, `${item.id}: ${item.prompt}`).not.toMatch(
          new RegExp(pattern, 'i'),
        );
    }
  });

  it('answering the recommended option: each decision asked once, readiness rising, completes within the cap', async () => {
    for (const request of [
      'an app for my team',
      'a place to keep track of the plants in our office',
      'an app',
    ]) {
      const played = await interview(request, recommended);
      expect(played.outcome.action, request).toBe('complete');
      const ids = played.decisions.map((decision) => decision.decisionId);
      expect(new Set(ids).size, request).toBe(ids.length);
      expect(played.readiness.at(-1)).toBeGreaterThan(played.readiness[0] ?? 0);
      expect(played.blueprint.entities.length, request).toBeGreaterThan(0);
    }
  });

  it('skipping every question completes with each default applied as an assumption', async () => {
    const played = await interview('an app for my team', () => ({ kind: 'skip' }));
    expect(played.outcome.action).toBe('complete');
    const assumptions = played.ledger.filter((fact) => fact.kind === 'assumption');
    expect(assumptions.map((fact) => fact.text)).toEqual(
      played.questions.map((question) => question.assumptionIfSkipped),
    );
    // The records question's default is a real list to build.
    expect(played.blueprint.entities[0]?.sourceFactIds).toContain(assumptions[0]?.id);
  });

  it('an answer to "what should it keep a list of?" that names nothing takes the stated default', async () => {
    const played = await interview('an app', () => ({
      kind: 'answer',
      optionIds: [],
      text: "I don't know",
    }));
    expect(played.questions[0]?.text).toBe('What should this app keep a list of?');
    expect(played.blueprint.entities.map((entity) => entity.name)).toEqual(['Task']);
    expect(played.ledger).toContainEqual(
      expect.objectContaining({ kind: 'assumption', text: played.questions[0]?.assumptionIfSkipped }),
    );
    expect(played.outcome.action).toBe('complete');
  });

  it('a vague request hits the cap with reason question_limit', async () => {
    const played = await interview(
      'an app',
      () => ({ kind: 'answer', optionIds: [], text: 'hmm, not sure' }),
      {
        maxQuestions: 2,
      },
    );
    expect(played.outcome).toEqual({ action: 'complete', reason: 'question_limit' });
    expect(played.questions).toHaveLength(2);
  });

  it('an answer that means "just build it" ends the interview as skipped', async () => {
    const played = await interview('an app for my team', () => ({
      kind: 'answer',
      optionIds: [],
      text: 'just build it',
    }));
    expect(played.outcome).toEqual({ action: 'complete', reason: 'skipped' });
    expect(played.questions).toHaveLength(1);
  });

  it("a free-text answer about an entity's fields adds them to that entity, in the person's words", async () => {
    const played = await interview('Our club keeps a list of members', (question, index) =>
      index === 0 && question.kind !== 'text'
        ? { kind: 'answer', optionIds: [], text: 'email, phone number and membership level' }
        : recommended(question, index),
    );
    const member = fieldsOf(played.blueprint, /member/i);
    expect(Object.keys(member)).toEqual(
      expect.arrayContaining(['Email', 'Phone Number', 'Membership Level']),
    );
    expect(member.Email?.type).toBe('email');
    const answerFacts = played.ledger.filter((fact) => fact.source.kind === 'answer');
    expect(member.Email?.sourceFactIds.some((id) => answerFacts.some((fact) => fact.id === id))).toBe(true);
  });

  it('a concrete change request builds without questions; a vague one asks what to change', async () => {
    const base = (
      await firstTurn(
        'A complaint log for our hotel front desk: guest name, room number, category (noise, cleanliness, billing), severity low, medium or high, and whether it was resolved.',
      )
    ).blueprint;
    const concrete = await interview('add a due date to each complaint', recommended, {
      kind: 'change',
      base,
    });
    expect(concrete.questions).toEqual([]);
    expect(Object.keys(fieldsOf(concrete.blueprint, /complaint/i))).toContain('Due Date');
    const vague = await interview('make it better', () => ({ kind: 'skip' }), { kind: 'change', base });
    expect(vague.questions[0]?.text).toMatch(/what should change/i);
  });
});
