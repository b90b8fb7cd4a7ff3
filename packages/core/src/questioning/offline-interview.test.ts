import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '../job.ts';
import type { Fact, FactTopic } from '../ledger.ts';
import { createOfflineModel } from '../providers/offline/offline-model.ts';
import type { Question } from '../question.ts';
import { runQuestioningTurn } from './run-questioning-turn.ts';
import type { TurnInput } from './turn-contract.ts';

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

/** What the db hands back: facts and questions as plain columns, without the advisory `topic`. */
function throughStorage<T extends { topic?: unknown }>(rows: readonly T[]): T[] {
  return rows.map(({ topic: _topic, ...row }) => row as T);
}

/** Plays a whole interview against the offline model, the way the worker and UI would. */
async function interview(
  request: string,
  reply: Reply,
  maxQuestions = 5,
  kind: JobKind = 'create',
  currentVersion: { files: { path: string; content: string }[]; ledger: Fact[] } | null = null,
  keepTopics = false,
) {
  let ledger: Fact[] = [];
  const questions: Question[] = [];
  let latest: TurnInput = { kind: 'request' };
  const ledgers: Fact[][] = [];
  for (let turn = 0; turn <= maxQuestions; turn++) {
    const result = await runQuestioningTurn(
      { model, newId: randomUUID },
      {
        request,
        kind,
        currentVersion,
        questions: keepTopics ? structuredClone(questions) : throughStorage(questions),
        ledger: keepTopics ? ledger : throughStorage(ledger),
        latest,
        maxQuestions,
      },
    );
    ledger = result.ledger;
    ledgers.push(ledger);
    if (result.outcome.action === 'complete')
      return { outcome: result.outcome, questions, ledger, ledgers, readiness: result.readiness };
    const question: Question = {
      ...result.outcome.question,
      id: randomUUID(),
      number: questions.length + 1,
      status: 'open',
      answer: null,
    };
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

const requests = [
  'a tracker for our support tickets with priorities',
  'an app for my team',
  'A scheduling tool for our dental clinic receptionists to manage patient appointments and track no-shows.',
  'a place to keep track of the plants in our office and when to water them',
  'an app',
];

describe('offline interview end to end', () => {
  it.each(requests)('answering the recommended option completes within maxQuestions: %s', async (request) => {
    const { outcome, questions, ledger, ledgers } = await interview(request, recommended);
    expect(questions.length).toBeLessThanOrEqual(5);
    expect(outcome.action).toBe('complete');
    const topics = questions.map((question) => question.topic);
    expect(new Set(topics).size).toBe(topics.length);
    // Every answer landed in the ledger, attributed to its question.
    for (const question of questions)
      expect(ledger.some((fact) => fact.source.questionId === question.id)).toBe(true);
    // Nothing asked is still listed as unknown.
    for (const topic of topics)
      expect(ledger.some((fact) => fact.kind === 'unknown' && fact.topic === topic)).toBe(false);
    // Ids are stable: every non-unknown fact of one turn is still there, same id and text, in the next.
    for (const [index, before] of ledgers.slice(0, -1).entries()) {
      const after = ledgers[index + 1] ?? [];
      for (const fact of before.filter((f) => f.kind !== 'unknown')) {
        expect(after).toContainEqual(
          expect.objectContaining({ id: fact.id, text: fact.text, kind: fact.kind }),
        );
      }
    }
    // Exactly one unknown per still-open topic, never duplicated across turns.
    const unknownTopics = ledger.filter((fact) => fact.kind === 'unknown').map((fact) => fact.topic);
    expect(new Set(unknownTopics).size).toBe(unknownTopics.length);
  });

  it('asks the same questions whether or not storage keeps topics', async () => {
    const request = 'a tracker for our support tickets with priorities';
    const stored = await interview(request, recommended);
    const kept = await interview(request, recommended, 5, 'create', null, true);
    expect(stored.questions.map((question) => question.text)).toEqual(
      kept.questions.map((question) => question.text),
    );
    expect(stored.readiness).toBe(kept.readiness);
    expect(stored.outcome).toEqual(kept.outcome);
  });

  it('skipping every question completes with assumptions, never re-asking a skipped topic', async () => {
    const { outcome, questions, ledger } = await interview('an app for my team', () => ({ kind: 'skip' }));
    expect(outcome.action).toBe('complete');
    const topics = questions.map((question) => question.topic);
    expect(new Set(topics).size).toBe(topics.length);
    const assumptions = ledger.filter((fact) => fact.kind === 'assumption');
    expect(assumptions).toHaveLength(questions.length);
    for (const fact of assumptions) expect(fact.source.kind).toBe('skip');
  });

  it('a vague request hits the cap with reason question_limit', async () => {
    const { outcome, questions } = await interview('an app', recommended, 3);
    expect(questions).toHaveLength(3);
    expect(outcome).toEqual({ action: 'complete', reason: 'question_limit' });
  });

  it('an answer that means "just build it" ends the interview as skipped', async () => {
    const { outcome, questions } = await interview('an app for my team', (_question, index) =>
      index === 0 ? recommended(_question, index) : { kind: 'answer', optionIds: [], text: 'just build it' },
    );
    expect(questions).toHaveLength(2);
    expect(outcome).toEqual({ action: 'complete', reason: 'skipped' });
  });

  it('free-text answers are kept verbatim and can settle other topics too', async () => {
    const { questions, ledger } = await interview('an app for my team', (question, index) =>
      index === 0
        ? { kind: 'answer', optionIds: [], text: 'Equipment loans, and we need a calendar' }
        : recommended(question, index),
    );
    expect(ledger.some((fact) => fact.text.includes('Equipment loans, and we need a calendar'))).toBe(true);
    const asked: (FactTopic | undefined)[] = questions.map((question) => question.topic);
    expect(asked).not.toContain('views');
    expect(questions[1]?.text).toContain('asset');
  });

  it('a concrete change request builds without questions; a vague one asks what to change', async () => {
    const currentVersion = { files: [{ path: 'src/App.tsx', content: '' }], ledger: [] };
    const concrete = await interview(
      'add CSV export to the tickets table',
      recommended,
      5,
      'change',
      currentVersion,
    );
    expect(concrete.questions).toHaveLength(0);
    expect(concrete.outcome).toEqual({ action: 'complete', reason: 'enough_information' });

    const vague = await interview('make it better', recommended, 5, 'change', currentVersion);
    expect(vague.questions.map((question) => question.topic)).toEqual(['change']);
    expect(vague.outcome.action).toBe('complete');
  });
});
