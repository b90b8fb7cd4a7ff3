import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FactTopic } from '../../ledger.ts';
import { runQuestioningTurn } from '../../questioning/run-questioning-turn.ts';
import { createOfflineModel } from './offline-model.ts';

const model = createOfflineModel();

async function firstTurn(request: string) {
  return runQuestioningTurn(
    { model, newId: randomUUID },
    {
      request,
      kind: 'create',
      currentVersion: null,
      questions: [],
      ledger: [],
      latest: { kind: 'request' },
      maxQuestions: 5,
    },
  );
}

interface Case {
  request: string;
  /** Topics the request settles: the offline model must record them and never ask about them. */
  known: FactTopic[];
  /** Words a fact must contain (what the request said, kept). */
  mentions: string[];
  firstQuestion: FactTopic;
  /** Words the first question's options must contain (drawn from the app type). */
  options: string[];
}

const cases: Case[] = [
  {
    request:
      'A scheduling tool for our dental clinic receptionists to manage patient appointments and track no-shows.',
    known: ['audience', 'records', 'workflow'],
    mentions: ['receptionists', 'appointments', 'no-show'],
    firstQuestion: 'views',
    options: ['Calendar'],
  },
  {
    request: 'a tracker for our support tickets with priorities',
    known: ['records'],
    mentions: ['support tickets', 'priorities'],
    firstQuestion: 'workflow',
    options: ['Open → In progress → Resolved'],
  },
  {
    request: 'An inventory app for our warehouse with low-stock alerts',
    known: ['records', 'workflow'],
    mentions: ['inventory', 'low-stock'],
    firstQuestion: 'views',
    options: ['low-stock'],
  },
  {
    request: 'CRM for our sales team to track leads through a pipeline board',
    known: ['records', 'audience', 'workflow', 'views'],
    mentions: ['leads', 'sales team', 'board'],
    firstQuestion: 'fields',
    options: ['deal value'],
  },
  {
    request: 'I want to track my daily habits and see a streak calendar',
    known: ['records', 'audience', 'views', 'sharing'],
    mentions: ['habits', 'calendar'],
    firstQuestion: 'workflow',
    options: ['Done today'],
  },
  {
    request: 'an app for my team',
    known: ['audience'],
    mentions: ['team'],
    firstQuestion: 'records',
    options: ['Tasks and to-dos', 'support tickets'],
  },
  {
    request: 'Help our HR team run hiring: candidates, interview stages and offer letters',
    known: ['records', 'audience', 'workflow'],
    mentions: ['candidates', 'HR team'],
    firstQuestion: 'views',
    options: ['Pipeline board by stage'],
  },
  {
    request: 'Expense reports that managers approve, with a monthly chart',
    known: ['records', 'audience', 'workflow', 'views'],
    mentions: ['expense reports', 'managers', 'chart'],
    firstQuestion: 'fields',
    options: ['amount'],
  },
  {
    request: 'Content calendar for our marketing team to plan blog posts and social media',
    known: ['records', 'audience', 'views'],
    mentions: ['blog posts', 'marketing team'],
    firstQuestion: 'workflow',
    options: ['Published'],
  },
  {
    request:
      'Log maintenance requests for our apartment buildings. Each request has a unit number, a photo and a description.',
    known: ['records', 'fields'],
    mentions: ['maintenance requests', 'unit number', 'photo'],
    firstQuestion: 'workflow',
    options: ['Reported → Assigned → In progress → Done'],
  },
  {
    request: 'Timesheets for contractors with hours per project and a weekly table',
    known: ['records', 'audience', 'views'],
    mentions: ['timesheets', 'contractors', 'table'],
    firstQuestion: 'workflow',
    options: ['Approved'],
  },
  {
    request: 'a place to keep track of the plants in our office and when to water them',
    known: ['records'],
    mentions: ['plants', 'water them'],
    firstQuestion: 'workflow',
    options: ['To do → In progress → Done'],
  },
];

describe('offline model: first turn on varied requests', () => {
  it.each(cases)('$request', async ({ request, known, mentions, firstQuestion, options }) => {
    const result = await firstTurn(request);
    const facts = result.ledger.filter((fact) => fact.kind !== 'unknown');
    const factText = facts
      .map((fact) => fact.text)
      .join('\n')
      .toLowerCase();

    for (const topic of known) expect(facts.map((fact) => fact.topic)).toContain(topic);
    for (const word of mentions) expect(factText).toContain(word.toLowerCase());
    // The whole request survives as the goal, so nothing said is dropped.
    expect(facts[0]).toMatchObject({ kind: 'goal', source: { kind: 'request' } });
    expect(result.ledger.every((fact) => fact.source.kind === 'request')).toBe(true);

    expect(result.outcome.action).toBe('ask_question');
    if (result.outcome.action !== 'ask_question') return;
    const question = result.outcome.question;
    expect(question.topic).toBe(firstQuestion);
    expect(known).not.toContain(question.topic);
    const labels = question.options.map((option) => option.label).join(' | ');
    for (const word of options) expect(labels.toLowerCase()).toContain(word.toLowerCase());
    expect(question.options.length).toBeGreaterThanOrEqual(2);
    expect(question.options.length).toBeLessThanOrEqual(4);
    expect(question.options.filter((option) => option.recommended)).toHaveLength(1);
    expect(question.why.length).toBeGreaterThan(10);
    expect(question.assumptionIfSkipped).toMatch(/^I'll /);
    expect(question.text).not.toMatch(/host|deploy|framework/i);
  });

  it('does not invent: a bare request yields only its goal and unknowns', async () => {
    const result = await firstTurn('an app');
    expect(result.ledger.filter((fact) => fact.kind !== 'unknown').map((fact) => fact.text)).toEqual([
      'An app',
    ]);
    expect(result.readiness).toBe(0);
  });

  it('is deterministic: the same request gives the same card', async () => {
    const [a, b] = await Promise.all([
      firstTurn('a tracker for our support tickets'),
      firstTurn('a tracker for our support tickets'),
    ]);
    expect(a.outcome).toEqual(b.outcome);
    expect(a.ledger.map(({ id: _id, ...fact }) => fact)).toEqual(
      b.ledger.map(({ id: _id, ...fact }) => fact),
    );
  });

  it('reports zero usage under its own model name', async () => {
    const result = await firstTurn('a tracker for our support tickets');
    expect(model.describe()).toBe('offline:builder-1');
    expect(result.usage.length).toBeGreaterThan(0);
    for (const usage of result.usage) {
      expect(usage).toEqual({
        phase: 'questioning',
        model: 'offline:builder-1',
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      });
    }
  });

  it('refuses tasks it does not know with an unavailable error', async () => {
    await expect(
      model.call({
        phase: 'generation',
        task: 'nope',
        instructions: '',
        input: {},
        schema: (await import('zod')).z.object({}),
        schemaName: 'x',
      }),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });
});
