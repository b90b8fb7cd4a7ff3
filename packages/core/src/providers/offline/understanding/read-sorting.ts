import type { Design } from './design.ts';
import { fieldPhrase } from './field-phrase.ts';
import { nounPhraseAt } from './noun-phrase.ts';
import { surface, type Token } from './tokens.ts';

const orderingWords = new Set([
  'sorted',
  'sort',
  'ordered',
  'order',
  'grouped',
  'group',
  'arranged',
  'organised',
  'organized',
]);

/**
 * "Sorted by scene would be handy", "grouped by supplier", "ordered by due date": the records are
 * put in order by something, so each one has it. A field the request never listed is added to the
 * main records (a view of the order is the view readers' matter).
 */
export function readSorting(clause: readonly Token[], design: Design): boolean {
  const at = clause.findIndex(
    (token, index) => orderingWords.has(token.word) && clause[index + 1]?.word === 'by',
  );
  if (at < 0) return false;
  const phrase = nounPhraseAt(clause, at + 2);
  const entity = design.mainEntity();
  if (!phrase || !entity) return false;
  const named = phrase.tokens.filter((token) => !['the', 'a', 'an', 'their', 'its'].includes(token.word));
  if (named.length === 0 || named.length > 3) return false;
  const field = fieldPhrase(named);
  if (design.findField(entity, field.name)) return false;
  design.addPhrase(entity, field, design.say('ui', surface(clause)));
  return true;
}
