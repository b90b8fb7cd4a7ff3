import type { Entity } from '../../../blueprint/blueprint.ts';
import type { Design } from './design.ts';
import { readFieldList } from './field-list.ts';
import { isPlural, pluralize, singularize, titleCase } from './inflect.ts';
import { entityNameOf, nounPhraseAt } from './noun-phrase.ts';
import { readCopula } from './read-copula.ts';
import { addItems } from './read-declarations.ts';
import { findWord, surface, type Token } from './tokens.ts';
import { determiners, groupNouns, outsideParties, relationVerbs, staffRoles } from './words.ts';

const particles = new Set(['out', 'up', 'for', 'in', 'into', 'on', 'to', 'back', 'onto']);
const organisationSubjects = new Set(['we', 'i', 'they', 'us']);

/** The relation verb at `index`, if the words around it make it one ("check … out", "sign up"). */
function relationAt(clause: readonly Token[], index: number): string | null {
  const token = clause[index];
  if (!token) return null;
  // The person's spelling first: "enrol" makes an Enrolment, not wink's "enroll".
  const stem = token.word.replace(/(ing|s|ed|d)$/, '');
  const lemma = relationVerbs.has(stem) ? stem : relationVerbs.has(token.word) ? token.word : token.lemma;
  const key = relationVerbs.has(lemma) ? lemma : token.word === 'lent' ? 'lend' : null;
  if (!key) return null;
  // "teams signing up for our hackathon" is the relation; "a booking", "the rentals" are records.
  const gerund =
    /ing$/.test(token.word) &&
    isPlural(clause[index - 1]?.word ?? '') &&
    particles.has(clause[index + 1]?.word ?? '');
  if ((/ing$|ings$/.test(token.word) && !gerund) || /(ment|tion|al|als)$/.test(token.word)) return null;
  const after = clause.slice(index + 1, index + 5).map((next) => next.word);
  if (key === 'check' && !after.includes('out')) return null;
  if (key === 'sign' && after[0] !== 'up') return null;
  const previous = clause[index - 1];
  const passive = previous && ['are', 'is', 'get', 'gets', 'be', 'been'].includes(previous.word);
  // "Our makerspace lends …": an organisation's own verb.
  const objectFollows =
    isPlural(clause[index + 1]?.word ?? '') || determiners.has(clause[index + 1]?.word ?? '');
  const organisation =
    (token.pos === 'VERB' || objectFollows) &&
    ['our', 'we'].includes(clause[0]?.word ?? '') &&
    clause.slice(1, index).every((word) => word.pos === 'NOUN' || word.pos === 'PROPN');
  // "staff borrow keys" (a verb), not "vet visits with …" (a record).
  const people =
    previous !== undefined &&
    token.pos === 'VERB' &&
    (groupNouns.has(previous.word) || staffRoles.has(previous.word));
  const subjectLike =
    previous &&
    (people ||
      previous.word === 'to' ||
      isPlural(previous.word) ||
      organisationSubjects.has(previous.word) ||
      passive ||
      organisation);
  if (!subjectLike) return null;
  return key;
}

/** The noun phrase that ends just before `end` ("Our food bank volunteers" → volunteers). */
function phraseBefore(clause: readonly Token[], end: number): Token[] {
  let start = end;
  while (start > 0) {
    const token = clause[start - 1] as Token;
    if (token.punct && token.word !== '-' && token.word !== "'s") break;
    if (
      ['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(token.pos) ||
      token.word === '-' ||
      token.word === "'s" ||
      determiners.has(token.word) ||
      organisationSubjects.has(token.word)
    )
      start--;
    else break;
  }
  return clause.slice(start, end).filter((token) => !determiners.has(token.word));
}

function isOrganisation(tokens: readonly Token[]): boolean {
  const head = tokens[tokens.length - 1];
  if (!head) return true;
  if (groupNouns.has(head.word) || staffRoles.has(head.word)) return false;
  return organisationSubjects.has(head.word) || !isPlural(head.word);
}

/** Entity for a plural noun phrase naming people or things; only the head for people ("food bank volunteers" → Volunteer). */
function entityFor(design: Design, tokens: readonly Token[], source: string): Entity | null {
  const found = design.findEntity(surface(tokens));
  if (found) return found;
  const head = tokens[tokens.length - 1];
  if (!head) return null;
  const name = entityNameOf(tokens.length > 1 && isPlural(head.word) ? [head] : tokens);
  return name ? design.entity(name, source) : null;
}

/**
 * "members check tools out and back in" → Tool, Member and a Loan with a reference to each and
 * its dates; "Students enrol in classes" → an Enrolment; "microscopes and centrifuges are booked
 * by researchers for a date and a start and end time" → the booking's fields; "the bikes we rent
 * out" → a Rental of a Bike.
 */
export function readRelation(clause: readonly Token[], design: Design): boolean {
  if (readCopula(clause, design)) return true;
  for (let index = 0; index < clause.length; index++) {
    const verb = relationAt(clause, index);
    if (!verb) continue;
    const meaning = relationVerbs.get(verb);
    if (!meaning) continue;
    const text = surface(clause);
    const source = design.say('requirement', text);
    const previous = clause[index - 1];
    const passive = previous !== undefined && ['are', 'is', 'get', 'gets', 'be'].includes(previous.word);
    // "Our volunteers need a way to sign up": the clause's subject signs up.
    let subject =
      previous?.word === 'to'
        ? (nounPhraseAt(clause, 0)?.tokens ?? [])
        : phraseBefore(clause, passive ? index - 1 : index);
    let objectStart = index + 1;
    while (
      objectStart < clause.length &&
      (particles.has(clause[objectStart]?.word ?? '') || determiners.has(clause[objectStart]?.word ?? ''))
    )
      objectStart++;
    let object = nounPhraseAt(clause, objectStart)?.tokens ?? [];
    if (object.length === 0 && actsOnRecords(clause, objectStart, meaning.returns, subject, design))
      return true;
    // "the bikes we rent out": the object is the phrase the clause hangs off.
    if (
      subject.length > 0 &&
      organisationSubjects.has(subject[subject.length - 1]?.word ?? '') &&
      object.length === 0
    ) {
      const before = phraseBefore(clause, index - 1);
      if (before.length > 0) {
        object = before;
        subject = [];
      }
    }
    if (passive) {
      const join = joinRecord(design, meaning.record, source);
      // "microscopes and centrifuges are booked by researchers for a date …"
      const things = clause.slice(0, index - 1).filter((token) => !determiners.has(token.word));
      const kinds = things.filter(
        (token) => token.word !== 'and' && token.word !== 'or' && token.word !== ',' && !token.punct,
      );
      if (kinds.length > 1 && things.some((token) => token.word === 'and' || token.word === 'or')) {
        const label = join.name.split(' ').length > 1 ? join.name.split(' ').slice(0, -1).join(' ') : 'Type';
        design.addField(
          join,
          { name: label, type: 'choice', options: kinds.map((kind) => titleCase(singularize(kind.text))) },
          source,
        );
      } else if (kinds.length > 0) {
        const thing = entityFor(design, kinds, source);
        if (thing && thing !== join) design.addReference(join, thing.name, thing, source);
      }
      const by = findWord(clause, 'by', index);
      const agent = by >= 0 ? nounPhraseAt(clause, by + 1) : null;
      if (agent) {
        const agentName = titleCase(singularize(surface(agent.tokens.slice(-1))));
        design.addField(join, { name: agentName, type: 'person' }, source);
      }
      const forAt = findWord(clause, 'for', index);
      if (forAt >= 0) addItems(design, join, readFieldList(clause.slice(forAt + 1)), source);
      return true;
    }
    // "customers rent tents, stoves and kayaks": kinds of what is rented, not records of their own.
    const objectEnd = objectStart + object.length;
    const kinds =
      clause[objectEnd]?.word === ',' || clause[objectEnd]?.word === 'and'
        ? kindsFrom(clause, objectStart)
        : null;
    // "Meeting rooms: … Members book them": the pronoun is the records already named.
    const pronoun = ['them', 'it'].includes(clause[objectStart]?.word ?? '') ? design.main : null;
    const thing = kinds ? null : object.length > 0 ? entityFor(design, object, source) : pronoun;
    const toAt = findWord(clause, 'to', objectStart);
    const recipientPhrase = toAt >= 0 ? nounPhraseAt(clause, toAt + 1) : null;
    const personTokens = recipientPhrase?.tokens ?? (isOrganisation(subject) ? [] : subject);
    const person = personTokens.length > 0 ? entityFor(design, personTokens, source) : null;
    const join = joinRecord(design, meaning.record, source);
    if (thing && thing !== join) design.addReference(join, thing.name, thing, source);
    if (person && person !== join && person !== thing) design.addReference(join, person.name, person, source);
    if (kinds) {
      const label = join.name.split(' ').length > 1 ? join.name.split(' ').slice(0, -1).join(' ') : 'Type';
      design.addField(join, { name: label, type: 'choice', options: kinds.options }, source);
    }
    // "… for a start date and an end date, and pay a deposit".
    const forAt = findWord(clause, 'for', kinds?.end ?? objectEnd);
    if (forAt >= 0 && forAt <= (kinds?.end ?? objectEnd) + 1)
      addItems(design, join, readFieldList(clause.slice(forAt + 1, payIndex(clause, forAt))), source);
    const pay = clause.findIndex((token, at) => at > index && /^pays?$/.test(token.word));
    const paid = pay >= 0 ? nounPhraseAt(clause, pay + 1) : null;
    if (paid) design.addField(join, { name: titleCase(surface(paid.tokens)), type: 'money' }, source);
    // One pair of out / back dates per loan, unless the person gave its dates.
    if (meaning.returns && join.fields.filter((field) => field.type === 'date').length < 2) {
      for (const name of [meaning.out, meaning.back]) {
        const known = design.findField(join, name);
        const field = design.addField(join, { name, type: 'date' }, source);
        if (!known) design.suppliedDates.add(field.id);
      }
    }
    if (!join.sourceFactIds.includes(source)) join.sourceFactIds.push(source);
    return true;
  }
  return false;
}

/** Staff words for people who are also the clientele: "members book them" is their own booking. */
const clientele = new Set(['member', 'student', 'pupil', 'volunteer', 'hire', 'intern']);

/**
 * "Receptionists book them", "the coordinator schedules them": staff making the records already
 * named (the appointments are what is booked), so no join record and no entity for who does it;
 * they are the app's users, read by the audience reader. Not for lending ("members check them out"
 * is a loan of them), nor for the clientele ("Classes: … Members book them" is a member's booking).
 */
function actsOnRecords(
  clause: readonly Token[],
  objectStart: number,
  returns: boolean,
  subject: readonly Token[],
  design: Design,
): boolean {
  if (returns || !['them', 'it', 'these', 'those'].includes(clause[objectStart]?.word ?? '')) return false;
  if (!design.main) return true;
  const head = singularize(subject[subject.length - 1]?.word ?? '');
  if (clientele.has(head) || outsideParties.has(head)) return false;
  // A title the lexicon does not know, shaped like one ("groomers", "florists", "librarians").
  return staffRoles.has(head) || /.{3}(er|or|ist|ian)$/.test(head);
}

/** Where "pay(s) …" starts, or the clause's end. */
function payIndex(clause: readonly Token[], from: number): number {
  const at = clause.findIndex((token, index) => index > from && /^pays?$/.test(token.word));
  if (at < 0) return clause.length;
  return clause[at - 1]?.word === 'and' ? at - 1 : at;
}

/** "tents, stoves and kayaks" after a verb: the kinds, and where the run ends. */
function kindsFrom(clause: readonly Token[], start: number): { options: string[]; end: number } | null {
  const options: string[] = [];
  let index = start;
  while (index < clause.length) {
    const phrase = nounPhraseAt(clause, index);
    // Kinds are plural nouns: "tents, stoves and kayaks", not "keys and return them".
    if (!phrase || phrase.tokens.length > 2 || !isPlural(phrase.tokens[phrase.tokens.length - 1]?.word ?? ''))
      break;
    options.push(titleCase(singularize(surface(phrase.tokens))));
    index = phrase.end;
    const next = clause[index]?.word;
    if (next !== ',' && next !== 'and' && next !== 'or') break;
    index++;
    if (clause[index]?.word === 'and' || clause[index]?.word === 'or') index++;
  }
  return options.length > 1 ? { options, end: index } : null;
}

/** The record a relation makes: the main record when it already is one ("Car wash bookings"), else its own. */
function joinRecord(design: Design, record: string, source: string): Entity {
  const main = design.mainEntity();
  const recordKey = record.toLowerCase();
  if (main && singularize(main.name.toLowerCase().split(' ').pop() ?? '') === recordKey) return main;
  const existing = design.findEntityExactly(record);
  if (existing) return existing;
  return design.entity({ name: record, pluralName: pluralize(record) }, source);
}

export function pluralHead(tokens: readonly Token[]): boolean {
  const head = tokens[tokens.length - 1];
  return head !== undefined && isPlural(head.word);
}
