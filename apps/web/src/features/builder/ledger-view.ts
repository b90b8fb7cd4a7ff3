import type { Fact, FactKind } from '@app/core/schemas';

export const factGroups: { kind: FactKind; title: string }[] = [
  { kind: 'goal', title: 'Goals' },
  { kind: 'requirement', title: 'Requirements' },
  { kind: 'ui', title: 'UI' },
  { kind: 'assumption', title: 'Assumptions' },
  { kind: 'unknown', title: 'Unknowns' },
];

/** Where a fact came from, in the words the ledger shows under it. */
export function factSourceLabel(
  source: Fact['source'],
  questionNumbers: ReadonlyMap<string, number>,
): string {
  const number = source.questionId ? questionNumbers.get(source.questionId) : undefined;
  switch (source.kind) {
    case 'request':
      return 'from your request';
    case 'answer':
      return number ? `from your answer to Q${number}` : 'from an earlier answer';
    case 'skip':
      return number ? `assumed when you skipped Q${number}` : 'assumed when you skipped a question';
    case 'edit':
      return 'edited by you';
  }
}

/** The same fact stated twice adds nothing on screen: the key says what a fact is, not its id. */
export function factKey(fact: Pick<Fact, 'kind' | 'text'>): string {
  return `${fact.kind}\u0000${fact.text.trim().toLowerCase()}`;
}

export type FactGroup = { kind: FactKind; title: string; facts: Fact[] };

/** Facts in the ledger's display order, repeated statements shown once (the first keeps its source). */
export function groupLedger(ledger: readonly Fact[]): FactGroup[] {
  const seen = new Set<string>();
  const unique = ledger.filter((fact) => {
    const key = factKey(fact);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return factGroups
    .map((group) => ({ ...group, facts: unique.filter((fact) => fact.kind === group.kind) }))
    .filter((group) => group.facts.length > 0);
}

/** Keys of facts that were not in the previous ledger (to highlight what a turn just learned). */
export function newFactKeys(previous: readonly Fact[], next: readonly Fact[]): Set<string> {
  const before = new Set(previous.map(factKey));
  return new Set(next.map(factKey).filter((key) => !before.has(key)));
}
