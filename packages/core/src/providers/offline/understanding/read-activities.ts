import type { Entity } from '../../../blueprint/blueprint.ts';
import type { Design } from './design.ts';
import { readFieldList, splitOptions } from './field-list.ts';
import { fieldPhrase } from './field-phrase.ts';
import { inferType, noHints } from './field-type.ts';
import { isPlural, pastParticiple, singularize, titleCase } from './inflect.ts';
import { entityNameOf, nounPhraseAt } from './noun-phrase.ts';
import { addItems, optionsBeforeHead } from './read-declarations.ts';
import { findPhrase, findWord, surface, type Token } from './tokens.ts';
import { determiners } from './words.ts';

/** The subject before `index` ("Facilities managers", "their manager"), determiners dropped. */
function subjectBefore(clause: readonly Token[], index: number): Token[] {
  let start = index;
  while (
    start > 0 &&
    ['NOUN', 'PROPN', 'ADJ', 'DET', 'PRON'].includes(clause[start - 1]?.pos ?? '') &&
    !clause[start - 1]?.punct
  )
    start--;
  return clause.slice(start, index).filter((token) => !determiners.has(token.word) && token.pos !== 'PRON');
}

function ownerOf(design: Design, tokens: readonly Token[]): Entity | null {
  if (tokens.length > 0) {
    const found = design.findEntity(surface(tokens));
    if (found) return found;
  }
  return design.mainEntity();
}

/** "consultants" → a Consultant field (a person when they are staff) on the record they act on. */
function addActor(design: Design, entity: Entity, subject: readonly Token[], source: string): void {
  const head = subject[subject.length - 1];
  if (!head || head.pos === 'PRON' || ['we', 'i', 'they'].includes(head.word)) return;
  const name = titleCase(singularize(head.text.toLowerCase()));
  if (design.findEntity(name) === entity) return;
  const target = design.findEntityExactly(name);
  if (target && target !== entity) design.addReference(entity, name, target, source);
  else design.addPhrase(entity, fieldPhrase([{ ...head, text: name, word: name.toLowerCase() }]), source);
}

const verbOf = (token: Token | undefined): string => (token ? token.lemma || token.word : '');

/** Who a thing is assigned to: "assigned to a technician", "assigned to one of them". */
function readAssigned(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = findPhrase(clause, 'assigned to');
  if (at < 0) return false;
  let subjectEnd = at;
  while (
    subjectEnd > 0 &&
    ['are', 'is', 'be', 'get', 'gets', 'been'].includes(clause[subjectEnd - 1]?.word ?? '')
  )
    subjectEnd--;
  const owner = ownerOf(design, subjectBefore(clause, subjectEnd));
  if (!owner) return false;
  const rest = clause.slice(at + 2);
  const restWords = rest.map((token) => token.word);
  if (restWords[0] === 'one' || restWords[0] === 'them' || restWords[0] === 'it') {
    const target = [...design.blueprint.entities].reverse().find((entity) => entity !== owner);
    if (target) design.addReference(owner, 'Assigned To', target, source());
    else design.addField(owner, { name: 'Assigned To', type: 'person' }, source());
    return true;
  }
  const phrase = nounPhraseAt(rest, 0);
  if (!phrase) return false;
  const name = titleCase(singularize(surface(phrase.tokens)));
  const target = design.findEntityExactly(name);
  if (target && target !== owner) design.addReference(owner, name, target, source());
  else design.addField(owner, { name, type: 'person' }, source());
  return true;
}

/** "marked open, in progress or fixed" → the statuses; "mark bookings as done" → a yes/no. */
function readMarked(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = clause.findIndex((token) => ['marked', 'mark', 'marks', 'flagged'].includes(token.word));
  if (at < 0) return false;
  const asAt = findWord(clause, 'as', at);
  if (asAt > at) {
    const object = clause.slice(at + 1, asAt);
    const owner =
      ownerOf(
        design,
        object.filter((token) => !determiners.has(token.word)),
      ) ?? ownerOf(design, subjectBefore(clause, at));
    const state = clause.slice(asAt + 1).filter((token) => !token.punct);
    if (!owner || state.length === 0) return false;
    const options = splitOptions(state);
    if (options.length > 1) addStatus(design, owner, options, source());
    else design.addField(owner, { name: titleCase(surface(state)), type: 'boolean' }, source());
    return true;
  }
  let subjectEnd = at;
  while (
    subjectEnd > 0 &&
    ['are', 'is', 'and', 'reviewed', 'be', 'get'].includes(clause[subjectEnd - 1]?.word ?? '')
  )
    subjectEnd--;
  const owner = ownerOf(design, subjectBefore(clause, subjectEnd));
  const options = splitOptions(clause.slice(at + 1));
  if (!owner || options.length < 2) return false;
  addStatus(design, owner, options, source());
  return true;
}

function addStatus(design: Design, owner: Entity, options: readonly string[], source: string): void {
  const existing = owner.statusFieldId
    ? owner.fields.find((field) => field.id === owner.statusFieldId)
    : null;
  const field = existing ?? design.addField(owner, { name: 'Status', type: 'choice', options }, source);
  if (existing && existing.options.length === 0) existing.options = [...options];
  owner.statusFieldId = field.id;
}

/** "snags go through open, fixed and verified". */
function readGoesThrough(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = clause.findIndex(
    (token, index) =>
      ['go', 'goes', 'move', 'moves', 'pass', 'passes'].includes(token.word) &&
      clause[index + 1]?.word === 'through',
  );
  // "a status that goes through …" is an item of a field list, read there.
  if (at < 0 || ['that', 'which'].includes(clause[at - 1]?.word ?? '')) return false;
  const owner = ownerOf(design, subjectBefore(clause, at));
  let start = at + 2;
  if (clause[start]?.word === 'the') start++;
  if (['stages', 'steps', 'statuses', 'states'].includes(clause[start]?.word ?? '')) start++;
  const options = splitOptions(clause.slice(start));
  if (!owner || options.length < 2) return false;
  addStatus(design, owner, options, source());
  return true;
}

/** "their manager approves or rejects", "Managers approve timesheets weekly". */
function readApproval(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = clause.findIndex(
    (token) => verbOf(token) === 'approve' && token.pos !== 'NOUN' && /^approves?$/.test(token.word),
  );
  if (at < 0) return false;
  const subject = subjectBefore(clause, at);
  const rejects = clause.slice(at + 1, at + 4).some((token) => /^rejects?$|^declines?$/.test(token.word));
  const objectStart = at + 1 + (rejects ? 2 : 0);
  const object = nounPhraseAt(clause, objectStart);
  const owner = ownerOf(design, object ? object.tokens : []);
  if (!owner) return false;
  if (rejects) {
    const rejectWord = clause
      .slice(at + 1, at + 4)
      .find((token) => /^rejects?$|^declines?$/.test(token.word));
    addStatus(
      design,
      owner,
      ['Approved', titleCase(pastParticiple(verbOf(rejectWord) || 'reject'))],
      source(),
    );
  } else design.addField(owner, { name: 'Approved', type: 'boolean' }, source());
  // "their manager": one person per record, so a field; "Managers" are the app's users.
  const head = subject[subject.length - 1];
  if (head && !isPlural(head.word) && clause[at - subject.length - 1]?.word === 'their')
    addActor(design, owner, subject, source());
  return true;
}

const scoreNouns: ReadonlyMap<string, string> = new Map([
  ['score', 'Score'],
  ['rate', 'Rating'],
  ['grade', 'Grade'],
  ['rank', 'Rank'],
]);

/** "Recruiters score each interview 1 to 5", "teachers give a grade from 1 to 10". */
function readScore(clause: readonly Token[], design: Design, source: () => string): boolean {
  const range = rangeIn(clause);
  if (!range) return false;
  // A verb with its doers before it ("Recruiters score …", "teachers give …"), not "a score from 0 to 10".
  const at = clause.findIndex(
    (token, index) =>
      (scoreNouns.has(verbOf(token)) || token.word === 'give' || token.word === 'gives') &&
      index > 0 &&
      isPlural(clause[index - 1]?.word ?? ''),
  );
  if (at < 0) return false;
  const word = verbOf(clause[at]);
  if (readCriteria(clause, design, at, range, source)) return true;
  const found = nounPhraseAt(clause, at + 1);
  const objectTokens = found?.tokens.filter((token) => token.pos !== 'NUM') ?? [];
  const object = objectTokens.length > 0 ? { tokens: objectTokens } : null;
  const owner = design.mainEntity();
  if (!owner) return false;
  let name: string;
  if (word === 'give' || word === 'gives') name = object ? titleCase(surface(object.tokens)) : 'Score';
  else {
    const target = object ? design.findEntity(surface(object.tokens)) : null;
    name =
      target || !object
        ? (scoreNouns.get(word) ?? 'Score')
        : `${titleCase(surface(object.tokens))} ${scoreNouns.get(word) ?? 'Score'}`;
  }
  design.addField(owner, { name, type: 'number', range }, source());
  return true;
}

/**
 * "Judges score each project on innovation, execution and presentation, each 1 to 10", "Examiners
 * rate every essay for clarity and argument from 1 to 5": one number per criterion on the scoring
 * record, which points at what is scored and names who scored it.
 */
function readCriteria(
  clause: readonly Token[],
  design: Design,
  at: number,
  range: { min: number; max: number },
  source: () => string,
): boolean {
  let start = at + 1;
  while (['each', 'every', 'the', 'a', 'an'].includes(clause[start]?.word ?? '')) start++;
  const object = nounPhraseAt(clause, start);
  const on = object ? clause[object.end] : undefined;
  if (!object || !on || !['on', 'for', 'against'].includes(on.word)) return false;
  const criteria: Token[][] = [[]];
  for (const token of clause.slice(object.end + 1)) {
    if (token.pos === 'NUM' || ['from', 'out', 'each', 'between'].includes(token.word)) break;
    if ([',', 'and', 'or'].includes(token.word)) criteria.push([]);
    else if (!token.punct && !determiners.has(token.word)) criteria[criteria.length - 1]?.push(token);
  }
  const named = criteria.filter((words) => words.length > 0 && words.length <= 3);
  if (named.length < 2) return false;
  const scored = design.findEntity(surface(object.tokens));
  const owner = design.mainEntity();
  if (!owner) return false;
  if (scored && scored !== owner) design.addReference(owner, scored.name, scored, source());
  for (const words of named)
    design.addField(owner, { name: titleCase(surface(words)), type: 'number', range }, source());
  // Who scored it: a person (a judge, an examiner), whatever the lexicon knows of the title.
  const scorer = subjectBefore(clause, at).pop();
  if (scorer && scorer.pos !== 'PRON' && !['we', 'i', 'they'].includes(scorer.word)) {
    const name = titleCase(singularize(scorer.text.toLowerCase()));
    const target = design.findEntityExactly(name);
    if (target && target !== owner) design.addReference(owner, name, target, source());
    else if (!target) design.addField(owner, { name, type: 'person' }, source());
  }
  return true;
}

function rangeIn(clause: readonly Token[]): { min: number; max: number } | null {
  for (let index = 0; index + 2 < clause.length; index++) {
    const low = Number(clause[index]?.word);
    const high = Number(clause[index + 2]?.word);
    if (
      clause[index]?.pos === 'NUM' &&
      clause[index + 1]?.word === 'to' &&
      Number.isFinite(low) &&
      Number.isFinite(high)
    )
      return { min: Math.min(low, high), max: Math.max(low, high) };
  }
  return null;
}

/** "Chefs tick items off as they're done", "students hand them in". */
function readTickOff(clause: readonly Token[], design: Design, source: () => string): boolean {
  const tick = clause.findIndex((token) => /^ticks?$|^checks?$|^crosse?s?$/.test(token.word));
  const off = tick >= 0 ? findWord(clause, 'off', tick) : -1;
  if (tick >= 0 && off > tick) {
    const owner = design.mainEntity();
    if (!owner) return false;
    const done = clause
      .slice(off + 1)
      .filter(
        (token) =>
          !['as', 'when', 'once'].includes(token.word) &&
          token.pos !== 'PRON' &&
          token.pos !== 'AUX' &&
          !['are', 'is'].includes(token.word) &&
          !token.punct,
      );
    design.addField(
      owner,
      { name: done.length > 0 ? titleCase(surface(done)) : 'Done', type: 'boolean' },
      source(),
    );
    return true;
  }
  const hand = clause.findIndex((token) => /^hands?$/.test(token.word));
  if (hand > 0 && clause.slice(hand + 1, hand + 4).some((token) => token.word === 'in')) {
    const owner = design.mainEntity();
    if (!owner) return false;
    addActor(design, owner, subjectBefore(clause, hand), source());
    design.addField(owner, { name: 'Handed In', type: 'boolean' }, source());
    return true;
  }
  return false;
}

/** "consultants log hours per client project per day, with a billable flag"; "Lawyers log billable hours against cases". */
function readLogging(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = clause.findIndex(
    (token, index) =>
      index > 0 && /^(log|logs|record|records)$/.test(token.word) && isPlural(clause[index - 1]?.word ?? ''),
  );
  if (at < 0) return false;
  const subject = subjectBefore(clause, at);
  const stop = clause.findIndex(
    (token, index) => index > at && (token.word === ',' || token.word === 'with'),
  );
  const object = clause.slice(at + 1, stop < 0 ? clause.length : stop);
  const parts: Token[][] = [[]];
  for (const token of object) {
    if (['per', 'against', 'for', 'by', 'on'].includes(token.word)) parts.push([]);
    else parts[parts.length - 1]?.push(token);
  }
  const [what, ...keys] = parts
    .map((part) => part.filter((token) => !determiners.has(token.word)))
    .filter((part) => part.length > 0);
  if (!what) return false;
  const linked = keys.map((key) => design.findEntity(surface(key)));
  const main = design.main;
  let owner: Entity | null;
  if (linked.some((entity) => entity !== null) && main) {
    // The logged things are records of their own, linked to what they are logged against.
    const name = entityNameOf(what, { keepContainer: true });
    owner = name ? design.entity(name, source()) : null;
    if (!owner) return false;
    const last = what[what.length - 1] as Token;
    design.addField(
      owner,
      {
        name: titleCase(last.text.toLowerCase()),
        type: inferType(last.word, noHints) === 'number' ? 'number' : 'text',
      },
      source(),
    );
    linked.forEach((entity) => {
      if (entity && owner && entity !== owner) design.addReference(owner, entity.name, entity, source());
    });
  } else {
    owner = design.mainEntity();
    if (!owner) return false;
    design.addPhrase(owner, fieldPhrase(what), source());
    // "per client project": each word names its own field.
    for (const key of keys) {
      const words = key.filter((token) => token.pos === 'NOUN' || token.pos === 'PROPN');
      for (const word of words.length > 1 && words.every((token) => !isPlural(token.word))
        ? words.map((token) => [token])
        : [key])
        design.addPhrase(owner, fieldPhrase(word), source());
    }
  }
  addActor(design, owner, subject, source());
  const withAt = findWord(clause, 'with', at);
  if (withAt > 0) addItems(design, owner, readFieldList(clause.slice(withAt + 1)), source());
  return true;
}

/** "teachers report problems with a device (…), the classroom, and a description". */
function readReport(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = clause.findIndex(
    (token, index) =>
      index > 0 &&
      /^(reports?|submits?|raises?|files?)$/.test(token.word) &&
      isPlural(clause[index - 1]?.word ?? ''),
  );
  const withAt = at >= 0 ? findWord(clause, 'with', at) : -1;
  if (at < 0 || withAt < 0) return false;
  const object = clause.slice(at + 1, withAt).filter((token) => !determiners.has(token.word));
  const name = entityNameOf(object);
  if (!name) return false;
  const owner = design.entity(name, source());
  addItems(design, owner, readFieldList(clause.slice(withAt + 1)), source());
  addActor(design, owner, subjectBefore(clause, at), source());
  return true;
}

/** "customers pick a service (…), a date and a time slot"; "employees ask for vacation, sick or parental leave with a start and end date". */
function readChoosing(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = clause.findIndex(
    (token, index) =>
      index > 0 &&
      /^(picks?|chooses?|selects?|asks?|requests?|enters?|provides?)$/.test(token.word) &&
      isPlural(clause[index - 1]?.word ?? ''),
  );
  if (at < 0) return false;
  const owner = design.mainEntity();
  if (!owner) return false;
  let start = at + 1;
  if (clause[start]?.word === 'for') start++;
  const withAt = findWord(clause, 'with', start);
  const object = clause.slice(start, withAt < 0 ? clause.length : withAt);
  addActor(design, owner, subjectBefore(clause, at), source());
  const kinds = optionsBeforeHead(object);
  if (kinds && owner.name.toLowerCase().includes(kinds.head.toLowerCase())) {
    design.addField(
      owner,
      { name: `${titleCase(kinds.head)} Type`, type: 'choice', options: kinds.options },
      source(),
    );
  } else addItems(design, owner, readFieldList(object), source());
  if (withAt >= 0) addItems(design, owner, readFieldList(clause.slice(withAt + 1)), source());
  return true;
}

/** "each week one engineer is primary and one is backup, with start and end dates". */
function readRoles(clause: readonly Token[], design: Design, source: () => string): boolean {
  const at = clause.findIndex(
    (token, index) => token.word === 'one' && ['is', 'are'].includes(clause[index + 2]?.word ?? ''),
  );
  if (at < 0) return false;
  const owner = design.mainEntity();
  if (!owner) return false;
  for (let index = at; index < clause.length; index++) {
    if (clause[index]?.word !== 'is') continue;
    const role = clause[index + 1];
    if (role && !role.punct)
      design.addField(owner, { name: titleCase(role.text.toLowerCase()), type: 'person' }, source());
  }
  const withAt = findWord(clause, 'with', at);
  if (withAt > 0) addItems(design, owner, readFieldList(clause.slice(withAt + 1)), source());
  return true;
}

/** "Our language school runs classes": the organisation's records. */
function readRuns(clause: readonly Token[], design: Design, source: () => string): boolean {
  if (clause[0]?.word !== 'our' && clause[0]?.word !== 'we') return false;
  const at = clause.findIndex((token) =>
    /^(runs|offers|sells|organises|organizes|hosts|holds|run|offer|sell)$/.test(token.word),
  );
  if (at < 0) return false;
  const object = nounPhraseAt(clause, at + 1);
  const last = object?.tokens[object.tokens.length - 1];
  if (!object || !last || !isPlural(last.word) || object.end < clause.length) return false;
  const name = entityNameOf(object.tokens);
  if (!name) return false;
  design.entity(name, source());
  return true;
}

/** A clause about what people do with the records; true when it produced something. */
export function readActivity(clause: readonly Token[], design: Design): boolean {
  let id: string | null = null;
  const source = () => {
    id ??= design.say('requirement', surface(clause));
    return id;
  };
  const readers = [
    readRuns,
    readReport,
    readLogging,
    readChoosing,
    readRoles,
    readApproval,
    readScore,
    readTickOff,
    readGoesThrough,
  ];
  let read = false;
  for (const reader of readers) if (reader(clause, design, source)) read = true;
  // Both can be in one clause: "tickets are assigned to a technician and marked open, in progress or fixed".
  if (readAssigned(clause, design, source)) read = true;
  if (readMarked(clause, design, source)) read = true;
  return read;
}
