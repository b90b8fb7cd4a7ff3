import type { Design } from './design.ts';
import { readFieldList, splitOptions } from './field-list.ts';
import { fieldPhrase } from './field-phrase.ts';
import { isPlural, singularize } from './inflect.ts';
import { entityNameOf, nounPhraseAt } from './noun-phrase.ts';
import { addItems } from './read-declarations.ts';
import { findWord, surface, type Token } from './tokens.ts';
import { containerNouns, determiners, vagueNouns } from './words.ts';

const copulas = new Set(['is', 'are']);
/** "each order is for one customer", "each loan is to a borrowing institution". */
const linkPrepositions = new Set(['for', 'to']);
const quantifiers = new Set(['each', 'every', 'one', 'a', 'an', 'single']);
/** Subjects that name the app or nothing, never a record: "it is for our team", "this is for …". */
const appWords = new Set(['app', 'application', 'tool', 'system', 'this', 'it', 'that', 'thing', 'idea']);

/**
 * A copula that says what a record is, read before the "X with a, b and c" reading takes the whole
 * sentence for a record's name ("Order Is for One Customer"):
 * - "An order is for one customer with a delivery date and a total" → Order gets Customer (a
 *   reference when Customer is a record) and the listed fields;
 * - "Each loan is to a borrowing institution with a start date" → Loan gets Borrowing Institution;
 * - "Translators are freelancers with a name, email and a day rate" → Translator gets the fields
 *   ("freelancers" only describes them).
 * The subject opens the clause; a bare "X are a / b / c" (options) is left to the list readers.
 */
export function readCopula(clause: readonly Token[], design: Design): boolean {
  let start = 0;
  const opener = clause[0]?.word ?? '';
  const quantified = ['each', 'every', 'a', 'an'].includes(opener);
  while (
    start < clause.length &&
    (determiners.has(clause[start]?.word ?? '') || quantifiers.has(clause[start]?.word ?? ''))
  )
    start++;
  const subject = nounPhraseAt(clause, start);
  if (!subject || subject.start !== start) return false;
  const verb = clause[subject.end];
  if (!verb || !copulas.has(verb.word)) return false;
  const head = subject.tokens[subject.tokens.length - 1];
  if (!head || appWords.has(head.word) || vagueNouns.has(head.word) || containerNouns.has(head.word))
    return false;
  if (readFieldOptions(clause, subject.tokens, subject.end + 1, design)) return true;
  const known = design.findEntity(surface(subject.tokens));
  const preposition = clause[subject.end + 1];
  const withAt = findWord(clause, 'with', subject.end + 1);
  if (preposition && linkPrepositions.has(preposition.word)) {
    // "The deposit is for damage": only a record the text named, or one introduced as such.
    if (!known && !quantified) return false;
    const name = known ? null : entityNameOf(subject.tokens);
    const owner = known ?? (name ? design.entity(name, null) : null);
    if (!owner) return false;
    const source = design.say('requirement', surface(clause));
    if (!owner.sourceFactIds.includes(source)) owner.sourceFactIds.push(source);
    const complement = clause.slice(subject.end + 2, withAt < 0 ? clause.length : withAt);
    const target = nounPhraseAt(
      complement.filter((token) => !quantifiers.has(token.word)),
      0,
    );
    const linked = target ? design.findEntity(surface(target.tokens)) : null;
    if (linked && linked !== owner) design.addReference(owner, linked.name, linked, source);
    else if (target) design.addPhrase(owner, fieldPhrase(target.tokens), source);
    if (withAt >= 0) addItems(design, owner, readFieldList(clause.slice(withAt + 1)), source);
    return true;
  }
  // "Translators are freelancers with …": a description of the records, then what each one has.
  if (withAt < 0 || !isPlural(head.word)) return false;
  const described = clause.slice(subject.end + 1, withAt).filter((token) => !determiners.has(token.word));
  const description = nounPhraseAt(described, 0);
  if (!description || description.end !== described.length) return false;
  const name = known ? null : entityNameOf(subject.tokens);
  const owner = known ?? (name ? design.entity(name, null) : null);
  if (!owner) return false;
  const source = design.say('requirement', surface(clause));
  if (!owner.sourceFactIds.includes(source)) owner.sourceFactIds.push(source);
  addItems(design, owner, readFieldList(clause.slice(withAt + 1)), source);
  return true;
}

/**
 * "Classes are Ballet, Tap, Jazz and Contemporary", "The sizes are S, M or L": a copula that
 * lists the options of a field already named (a column of the list before), not a record type.
 */
function readFieldOptions(
  clause: readonly Token[],
  subject: readonly Token[],
  from: number,
  design: Design,
): boolean {
  const name = surface(subject).toLowerCase();
  const names = new Set([name, singularize(name)]);
  let rest = clause.slice(from);
  if (['either', 'one'].includes(rest[0]?.word ?? '')) rest = rest.slice(rest[1]?.word === 'of' ? 2 : 1);
  if (rest.length === 0 || rest.some((token) => token.word === 'with' || copulas.has(token.word)))
    return false;
  const options = splitOptions(rest);
  if (options.length < 2 || options.some((option) => option.split(' ').length > 4)) return false;
  for (const entity of design.blueprint.entities) {
    const field = entity.fields.find(
      (candidate) =>
        names.has(candidate.name.toLowerCase()) &&
        candidate.options.length === 0 &&
        ['text', 'choice', 'multiChoice'].includes(candidate.type),
    );
    if (!field) continue;
    design.addField(
      entity,
      { name: field.name, type: 'choice', options },
      design.say('requirement', surface(clause)),
    );
    return true;
  }
  return false;
}
