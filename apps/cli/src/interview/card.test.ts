import type { Question } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import { plainStyle } from '../terminal/style.ts';
import type { Key } from '../terminal/terminal.ts';
import { cardKey, describeDecision, initialCursor, recommendedDecision, renderCard } from './card.ts';

const question: Question = {
  id: '00000000-0000-4000-8000-000000000001',
  number: 2,
  text: 'Which stages does a Loan go through?',
  why: 'They become the board columns.',
  kind: 'single',
  options: [
    { id: 'out-back', label: 'Out, Back', recommended: false },
    { id: 'requested-out-back', label: 'Requested, Out, Back', recommended: true },
    { id: 'out-late-back', label: 'Out, Late, Back', recommended: false },
  ],
  assumptionIfSkipped: "I'll go with: Out, Back.",
  status: 'open',
  answer: null,
};
const key = (sequence: string, name?: string): Key => ({ sequence, name, ctrl: false });

describe('question cards', () => {
  it('numbers the options, marks the recommended one, shows why and the skip default', () => {
    const card = renderCard(question, initialCursor(question), plainStyle, 40);
    expect(card).toContain('Question 2 · readiness 40%');
    expect(card).toContain('why: They become the board columns.');
    expect(card).toContain('  1) Out, Back\n› 2) Requested, Out, Back (recommended)\n  3) Out, Late, Back');
    expect(card).toContain("s) Skip — I'll assume: I'll go with: Out, Back.");
    expect(card).toContain('b) Build now');
  });

  it('maps keys: a number picks, Enter takes the recommendation or the moved cursor, s skips, b builds', () => {
    const start = initialCursor(question);
    expect(cardKey(question, start, key('3'))).toEqual({ kind: 'answer', optionIds: ['out-late-back'] });
    expect(cardKey(question, start, key('\r', 'return'))).toEqual({
      kind: 'answer',
      optionIds: ['requested-out-back'],
    });
    const down = cardKey(question, start, key('\u001b[B', 'down'));
    expect(down).toEqual({ index: 2, moved: true });
    expect(cardKey(question, { index: 2, moved: true }, key('\r', 'return'))).toEqual({
      kind: 'answer',
      optionIds: ['out-late-back'],
    });
    expect(cardKey(question, start, key('\u001b[A', 'up'))).toEqual({ index: 0, moved: true });
    expect(cardKey(question, start, key('s', 's'))).toEqual({ kind: 'skip' });
    expect(cardKey(question, start, key('b', 'b'))).toEqual({ kind: 'build' });
    // A number past the options and other keys change nothing.
    expect(cardKey(question, start, key('7'))).toBe(start);
    expect(cardKey(question, start, key('x', 'x'))).toBe(start);
  });

  it('takes every recommended option of a multi question, and skips when nothing is recommended', () => {
    const multi: Question = {
      ...question,
      kind: 'multi',
      options: question.options.map((option) => ({ ...option, recommended: option.id !== 'out-back' })),
    };
    expect(recommendedDecision(multi)).toEqual({
      kind: 'answer',
      optionIds: ['requested-out-back', 'out-late-back'],
    });
    expect(recommendedDecision({ ...question, kind: 'text', options: [] })).toEqual({ kind: 'skip' });
    expect(describeDecision(question, { kind: 'skip' })).toBe("skipped — assuming: I'll go with: Out, Back.");
    expect(describeDecision(question, { kind: 'answer', optionIds: ['requested-out-back'] })).toBe(
      'Requested, Out, Back (recommended)',
    );
  });
});
