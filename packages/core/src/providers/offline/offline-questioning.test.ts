import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runQuestioningTurn } from '../../questioning/run-questioning-turn.ts';
import { createOfflineModel } from './offline-model.ts';

const model = createOfflineModel();

/** Fact ids in order (`00000000-…-000000000001`, …): two runs can be compared whole. */
const counter = () => {
  let next = 0;
  return () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
};

async function firstTurn(request: string, newId: () => string = randomUUID) {
  return runQuestioningTurn(
    { model, newId },
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
}

describe('the offline model answering questioning tasks', () => {
  it('every question card it writes is about the open decision, with 2–4 options (one recommended) and a default', async () => {
    for (const request of [
      'an app for my team',
      'Our club keeps a list of members',
      'A repair log where each repair has a status and a technician',
      'Track the books in our office library',
    ]) {
      const result = await firstTurn(request);
      if (result.outcome.action !== 'ask_question') continue;
      const question = result.outcome.question;
      if (question.kind !== 'text') {
        expect(question.options.length, request).toBeGreaterThanOrEqual(2);
        expect(question.options.length).toBeLessThanOrEqual(4);
        expect(question.options.filter((option) => option.recommended)).toHaveLength(1);
      }
      expect(result.outcome.decision?.options.map((option) => option.optionId)).toEqual(
        question.options.map((option) => option.id),
      );
      expect(question.assumptionIfSkipped).toMatch(/^I'll /);
      expect(question.text).not.toMatch(/host|deploy|framework/i);
    }
  });

  it('does not invent: a bare request yields only its goal, unknowns and an empty design', async () => {
    const result = await firstTurn('an app');
    expect(result.ledger.filter((fact) => fact.kind !== 'unknown').map((fact) => fact.text)).toEqual([
      'an app',
    ]);
    expect(result.blueprint.entities).toEqual([]);
    expect(result.readiness).toBeLessThan(20);
  });

  it('is deterministic: the same request gives the same card', async () => {
    const [a, b] = await Promise.all([
      firstTurn('a tracker for our support tickets', counter()),
      firstTurn('a tracker for our support tickets', counter()),
    ]);
    expect(a.outcome).toEqual(b.outcome);
    expect(a.blueprint).toEqual(b.blueprint);
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
