import type { Design } from './design.ts';
import { readFieldList } from './field-list.ts';
import { fieldPhrase } from './field-phrase.ts';
import { isPlural, singularize, titleCase } from './inflect.ts';
import { entityNameOf, nounPhraseAt, withoutOwner } from './noun-phrase.ts';
import { addItems } from './read-declarations.ts';
import { findWord, surface, type Token } from './tokens.ts';
import { groupNouns, outsideParties, staffRoles } from './words.ts';

/** "need to", "want to", "have to": what follows is the task. */
const wishVerbs = new Set(['need', 'needs', 'want', 'wants', 'have', 'has', 'got', 'able']);
/** Verbs of perceiving or being: what follows is a view or a state, not the records acted on. */
const notTasks = new Set([
  'see',
  'know',
  'find',
  'look',
  'view',
  'be',
  'have',
  'get',
  'make',
  'do',
  'go',
  'understand',
  'tell',
  'remember',
  'stay',
  'keep',
]);
/** Verbs that send a record to someone: "assign repair jobs to technicians". */
const handOverVerbs = new Set([
  'assign',
  'allocate',
  'dispatch',
  'give',
  'send',
  'hand',
  'route',
  'delegate',
]);

const isPeople = (word: string) =>
  groupNouns.has(word) ||
  staffRoles.has(word) ||
  staffRoles.has(singularize(word)) ||
  outsideParties.has(word);

/** The verb of the task: after "need(s) to", or right after the people who do it ("dispatchers assign …"). */
function taskVerbAt(clause: readonly Token[]): number {
  for (let index = 1; index < clause.length; index++) {
    const token = clause[index] as Token;
    const previous = clause[index - 1] as Token;
    const before = clause[index - 2]?.word ?? '';
    // "need to assign …"; "a tool for our receptionists to manage …": what the people are to do.
    if (previous.word === 'to' && (wishVerbs.has(before) || (isPlural(before) && isPeople(before))))
      return index;
    const wish = wishVerbs.has(token.word) && clause[index + 1]?.word === 'to';
    if (!wish && token.pos === 'VERB' && isPlural(previous.word) && isPeople(previous.word)) return index;
  }
  return -1;
}

/**
 * "Our dispatchers need to assign repair jobs to technicians, with the address, a due date and a
 * priority" → Repair Job (Address, Due Date, Priority, Technician); "teachers need to grade essays
 * with a score and feedback" → Essay. The records are the object of what the people need to do;
 * "… to <people>" after a verb that hands a record over says who it goes to.
 */
export function readTask(clause: readonly Token[], design: Design): boolean {
  const verbAt = taskVerbAt(clause);
  const verb = clause[verbAt];
  if (!verb || verb.punct || notTasks.has(verb.lemma || verb.word) || notTasks.has(verb.word)) return false;
  const object = nounPhraseAt(clause, verbAt + 1);
  if (!object) return false;
  const owned = withoutOwner(object.tokens);
  const head = owned[owned.length - 1];
  const each = ['each', 'every'].includes(clause[verbAt + 1]?.word ?? '');
  // Records are named in the plural ("repair jobs") or one at a time ("each repair job"); people are
  // who uses the app or who a record goes to, not the records.
  if (!head || !(isPlural(head.word) || each) || isPeople(head.word)) return false;
  const name = entityNameOf(object.tokens);
  if (!name) return false;
  const text = surface(clause);
  const source = design.say('goal', text);
  const entity = design.entity(name, source);
  // "to manage patient appointments, treatments and invoices": each plural record type named.
  let end = object.end;
  while ([',', 'and'].includes(clause[end]?.word ?? '')) {
    let next = end + 1;
    if (clause[end]?.word === ',' && clause[next]?.word === 'and') next++;
    const more = nounPhraseAt(clause, next);
    const moreHead = more?.tokens[more.tokens.length - 1];
    const moreName = more ? entityNameOf(more.tokens) : null;
    if (!more || !moreHead || !moreName || !isPlural(moreHead.word) || isPeople(moreHead.word)) break;
    design.entity(moreName, source);
    end = more.end;
  }
  const withAt = findWord(clause, 'with', object.end);
  if (withAt >= 0) addItems(design, entity, readFieldList(clause.slice(withAt + 1)), source);
  const lemma = verb.lemma || verb.word;
  if ((handOverVerbs.has(lemma) || handOverVerbs.has(verb.word)) && clause[object.end]?.word === 'to') {
    const to = nounPhraseAt(clause, object.end + 1);
    const toTokens = to ? withoutOwner(to.tokens) : [];
    const person = toTokens[toTokens.length - 1];
    if (person) {
      const who = titleCase(singularize(person.text.toLowerCase()));
      const target = design.findEntityExactly(who);
      if (target && target !== entity) design.addReference(entity, who, target, source);
      else if (isPeople(person.word)) design.addField(entity, { name: who, type: 'person' }, source);
      else design.addPhrase(entity, fieldPhrase(toTokens), source);
    }
  }
  return true;
}
