import type { Fact } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import { factSourceLabel, groupLedger, newFactKeys } from './ledger-view.ts';

const q1 = '00000000-0000-4000-8000-000000000001';
const q3 = '00000000-0000-4000-8000-000000000003';
const numbers = new Map([
  [q1, 1],
  [q3, 3],
]);

function fact(kind: Fact['kind'], text: string, source: Fact['source'] = { kind: 'request' }): Fact {
  return { id: crypto.randomUUID(), kind, text, source };
}

describe('factSourceLabel', () => {
  it('names the request, the answered question or the skipped one', () => {
    expect(factSourceLabel({ kind: 'request' }, numbers)).toBe('from your request');
    expect(factSourceLabel({ kind: 'answer', questionId: q1 }, numbers)).toBe('from your answer to Q1');
    expect(factSourceLabel({ kind: 'skip', questionId: q3 }, numbers)).toBe('assumed when you skipped Q3');
  });

  it('still reads well for a question of an earlier job', () => {
    expect(factSourceLabel({ kind: 'answer', questionId: crypto.randomUUID() }, numbers)).toBe(
      'from an earlier answer',
    );
  });
});

describe('groupLedger', () => {
  it('orders groups Goals, Requirements, UI, Assumptions, Unknowns and drops empty ones', () => {
    const groups = groupLedger([
      fact('unknown', 'Who uses it'),
      fact('assumption', 'Shared data'),
      fact('goal', 'Track tickets'),
      fact('requirement', 'Priorities'),
    ]);
    expect(groups.map((group) => group.title)).toEqual(['Goals', 'Requirements', 'Assumptions', 'Unknowns']);
  });

  it('shows a fact stated twice once', () => {
    const groups = groupLedger([fact('unknown', 'Who uses it'), fact('unknown', 'who uses it ')]);
    expect(groups[0]?.facts).toHaveLength(1);
  });
});

describe('newFactKeys', () => {
  it('finds what a turn added, regardless of fact ids', () => {
    const before = [fact('goal', 'Track tickets')];
    const after = [fact('goal', 'Track tickets'), fact('requirement', 'Statuses: Open → Done')];
    expect([...newFactKeys(before, after)]).toHaveLength(1);
  });
});
