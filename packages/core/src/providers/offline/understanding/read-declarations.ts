import type { Entity } from '../../../blueprint/blueprint.ts';
import type { Design } from './design.ts';
import { fieldsOf, type ListItem, readFieldList, segmentsOf, splitOptions } from './field-list.ts';
import { fieldPhrase } from './field-phrase.ts';
import { isPlural, pluralize, singularize, titleCase } from './inflect.ts';
import {
  type EntityName,
  entityNameOf,
  nounPhraseAt,
  recordsAfterContainer,
  withoutOwner,
} from './noun-phrase.ts';
import type { Head } from './read-head.ts';
import { skipLeadIn } from './read-head.ts';
import { readRelation } from './read-relations.ts';
import { findWord, surface, type Token } from './tokens.ts';
import { genericRecordNouns, outsideParties, staffRoles, trackingVerbs } from './words.ts';

const haveVerbs = new Set([
  'has',
  'have',
  'includes',
  'include',
  'contains',
  'contain',
  'records',
  'needs',
  'need',
]);
const getVerbs = new Set(['gets', 'get', 'receives', 'receive']);

/** "Tracks tools: Name, Category, Condition" — the statement a declaration cites. */
export function describeRecords(entity: Entity, fieldIds: readonly string[]): string {
  const fields = entity.fields.filter((field) => fieldIds.includes(field.id));
  const listed = fields.map((field) =>
    field.options.length > 0 ? `${field.name} (${field.options.join(', ')})` : field.name,
  );
  return `Tracks ${entity.pluralName.toLowerCase()}${listed.length > 0 ? `: ${listed.join(', ')}` : ''}`;
}

/** Adds a list's fields (and nested record types) to `entity`; returns the ids of the fields it added. */
export function addItems(
  design: Design,
  entity: Entity,
  items: readonly ListItem[],
  source: string,
): string[] {
  const added: string[] = [];
  for (const item of items) {
    if (item.kind === 'entity') {
      const name = entityNameOf(item.nameTokens);
      if (!name) continue;
      const nested = design.entity(name, source);
      if (item.options.length > 0)
        added.push(
          design.addField(nested, { name: 'Type', type: 'choice', options: item.options }, source).id,
        );
      for (const phrase of item.fields) design.addPhrase(nested, phrase, source);
      if (nested !== entity) design.addReference(nested, entity.name, entity, source);
      continue;
    }
    const owner = (item.field.subject && design.findEntity(item.field.subject)) || entity;
    for (const phrase of item.field.expanded ?? [item.field])
      added.push(design.addPhrase(owner, phrase, source).id);
  }
  return added;
}

function declare(design: Design, name: EntityName, listTokens: readonly Token[], clauseText: string): Entity {
  const entity = design.entity(name, null);
  const items = readFieldList(listTokens);
  const source = design.say(design.main === entity ? 'goal' : 'requirement', clauseText);
  if (!entity.sourceFactIds.includes(source)) entity.sourceFactIds.push(source);
  const added = addItems(design, entity, items, source);
  // The statement reads as the design it produced.
  const statement = design.statements.find((candidate) => candidate.id === source);
  if (
    statement &&
    added.length > 0 &&
    !design.statements.some((other) => other.text === describeRecords(entity, added))
  )
    statement.text = describeRecords(entity, added);
  return entity;
}

/** "Each tool has a name, a category and a condition"; "each employee gets a review from their manager …, with goals". */
export function declareEach(clause: readonly Token[], design: Design): boolean {
  const each = clause.findIndex((token) => token.word === 'each' || token.word === 'every');
  if (each < 0) return false;
  const phrase = nounPhraseAt(clause, each + 1);
  if (!phrase) return false;
  const verb = clause[phrase.end];
  const name = entityNameOf(phrase.tokens) ?? genericEach(clause, each, phrase.tokens, design);
  if (!verb || !name) return false;
  if (haveVerbs.has(verb.word)) {
    declare(design, name, clause.slice(phrase.end + 1), surface(clause));
    return true;
  }
  if (getVerbs.has(verb.word)) {
    // "each employee gets a review from their manager every six months, with goals, …"
    const object = nounPhraseAt(clause, phrase.end + 1);
    const target = (object && design.findEntity(surface(object.tokens))) || design.mainEntity();
    if (!target) return false;
    const source = design.say('requirement', surface(clause));
    design.addPhrase(target, fieldPhrase(phrase.tokens), source);
    const from = findWord(clause, 'from', phrase.end);
    if (from >= 0) {
      const giver = nounPhraseAt(clause, from + 1);
      if (giver) design.addPhrase(target, fieldPhrase(giver.tokens), source);
    }
    const withAt = findWord(clause, 'with', phrase.end);
    if (withAt >= 0) addItems(design, target, readFieldList(clause.slice(withAt + 1)), source);
    return true;
  }
  return false;
}

/**
 * "each item has …", "every entry has …": a word for "a record" names the records spoken of just
 * before it ("the equipment itself — each item has a size"), else the request's main records, else
 * records of that name.
 */
function genericEach(
  clause: readonly Token[],
  each: number,
  tokens: readonly Token[],
  design: Design,
): EntityName | null {
  const last = tokens[tokens.length - 1];
  if (!last || tokens.length !== 1 || !genericRecordNouns.has(last.word)) return null;
  // The nearest phrase before "each": "we hire out equipment — each item …" speaks of the equipment.
  let nearest: EntityName | null = null;
  for (let index = skipLeadIn(clause); index < each; index++) {
    const before = nounPhraseAt(clause, index);
    const named = before && before.end <= each ? entityNameOf(before.tokens) : null;
    if (named) nearest = named;
    if (before) index = Math.max(index, before.end - 1);
  }
  if (nearest) return nearest;
  const main = design.mainEntity();
  if (main) return { name: main.name, pluralName: main.pluralName };
  return {
    name: titleCase(singularize(last.word)),
    pluralName: titleCase(pluralize(singularize(last.word))),
  };
}

/**
 * "volunteers have a name, email and phone", "bookings have a customer, performance, …", and one
 * record spoken of as any one ("A booking has a guest, a room and a date"), its list of two or
 * more. "An order belongs to a customer and has …": the relation before "and" is read as one.
 */
export function declareHave(clause: readonly Token[], design: Design): boolean {
  const start = skipLeadIn(clause);
  const phrase = nounPhraseAt(clause, start);
  if (!phrase || start > 2) return false;
  let verbAt = phrase.end;
  const indefinite = ['a', 'an'].includes(clause[start - 1]?.word ?? '') || clause[0]?.word === 'a';
  // "An order belongs to a customer and has …": a first verb phrase, then "and has".
  if (indefinite && !haveWord(clause[verbAt])) {
    const and = clause.findIndex(
      (token, index) => index > verbAt && token.word === 'and' && haveWord(clause[index + 1]),
    );
    if (and > verbAt && and - verbAt <= 6) {
      readRelation([...clause.slice(0, and)], design);
      verbAt = and + 1;
    }
  }
  const verb = clause[verbAt];
  const last = phrase.tokens[phrase.tokens.length - 1];
  if (!verb || !last || !haveWord(verb)) return false;
  const list = clause.slice(verbAt + 1);
  // "A customer has a question": one thing is a sentence; a list of them is a declaration.
  const listed = segmentsOf(list).length >= 2;
  if (!isPlural(last.word) && !(indefinite && listed)) return false;
  const name = entityNameOf(phrase.tokens);
  if (!name) return false;
  declare(design, name, list, surface(clause));
  return true;
}

function haveWord(token: Token | undefined): boolean {
  return token?.word === 'have' || token?.word === 'has';
}

/** Splits "income and spending entries" into its kinds and head, "laptops and monitors" into kinds. */
function coordination(tokens: readonly Token[]): { kinds: string[]; head: Token[] } | null {
  if (!tokens.some((token) => token.word === 'and' || token.word === 'or')) return null;
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token.word === 'and' || token.word === 'or' || token.word === ',') parts.push([]);
    else parts[parts.length - 1]?.push(token);
  }
  const filled = parts.filter((part) => part.length > 0);
  const last = filled[filled.length - 1] ?? [];
  if (filled.length < 2 || filled.slice(0, -1).some((part) => part.length !== 1)) return null;
  if (last.length >= 2) {
    const head = last.slice(-1);
    return {
      kinds: [...filled.slice(0, -1).map((part) => surface(part)), surface(last.slice(0, -1))].map(titleCase),
      head,
    };
  }
  return { kinds: filled.map((part) => titleCase(singularize(surface(part)))), head: [] };
}

/**
 * "Suppliers with a name, contact person, …", "log incidents with a severity", "a knowledge base
 * of help articles, each with a title, …", "adopters apply with their name, …", "laptops and
 * monitors with serial number, …" (kinds of the main record), "properties with tenants" (each
 * property has tenants: a record type of its own).
 */
export function declareWith(clause: readonly Token[], design: Design): boolean {
  const withAt = findWord(clause, 'with');
  if (withAt <= 0) return false;
  let left = clause.slice(0, withAt);
  while (left.length > 0 && [',', 'each', 'every'].includes(left[left.length - 1]?.word ?? ''))
    left = left.slice(0, -1);
  const start = skipLeadIn(left);
  let subject = left.slice(start);
  // "a tracker for our support tickets with …": the records, not the container.
  const container = nounPhraseAt(subject, 0);
  const records = container ? recordsAfterContainer(subject, container) : -1;
  if (records > 0 && subject[records - 1]?.word === 'for') subject = withoutOwner(subject.slice(records));
  const ofAt = subject.findIndex((token) => token.word === 'of');
  if (ofAt >= 0)
    subject = subject.slice(ofAt + 1).filter((token) => !['a', 'an', 'the'].includes(token.word));
  // "adopters apply with …": a record type that introduces itself with a verb.
  const lastWord = subject[subject.length - 1];
  if (
    subject.length >= 2 &&
    lastWord &&
    (lastWord.pos === 'VERB' || lastWord.word === 'apply' || lastWord.word === 'sign')
  ) {
    const noun = subject[subject.length - 2];
    if (!noun || !isPlural(noun.word) || trackingVerbs.has(lastWord.word)) return false;
    subject = subject.slice(0, -1);
  }
  // A list before "with" ("students, their supervisor, milestones (…) with due dates") or a clause is no record name.
  if (
    subject.length === 0 ||
    subject.some((token, index) => index > 0 && token.pos === 'VERB' && !isPlural(token.word)) ||
    subject.some((token) => [',', 'who', 'that', 'which'].includes(token.word))
  )
    return false;
  const list = clause.slice(withAt + 1);
  const text = surface(clause);
  const kinds = coordination(subject);
  if (kinds) {
    const headName =
      kinds.head.length > 0
        ? (entityNameOf(kinds.head) ?? {
            name: titleCase(singularize(surface(kinds.head))),
            pluralName: titleCase(surface(kinds.head)),
          })
        : null;
    const entity = headName ? design.entity(headName, null) : design.mainEntity();
    if (!entity) return false;
    const source = design.say(design.main === entity ? 'goal' : 'requirement', text);
    if (!entity.sourceFactIds.includes(source)) entity.sourceFactIds.push(source);
    design.addField(entity, { name: 'Type', type: 'choice', options: kinds.kinds }, source);
    addItems(design, entity, readFieldList(list), source);
    return true;
  }
  const name = entityNameOf(subject) ?? genericName(subject);
  if (!name) return false;
  const items = readFieldList(list);
  const only = items.length === 1 ? items[0] : null;
  if (
    only?.kind === 'field' &&
    isPlural(only.field.name.split(' ').pop() ?? '') &&
    isParty(only.field.name)
  ) {
    // "properties with tenants": the tenants are records that each belong to a property.
    const owner = design.entity(name, design.say('goal', text));
    const many = entityNameOf(readFieldListTokens(list));
    if (!many) return false;
    const child = design.entity(many, design.say('goal', text));
    design.addReference(child, owner.name, owner, child.sourceFactIds[0] ?? null);
    return true;
  }
  declare(design, name, list, text);
  return true;
}

function readFieldListTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((token) => !['a', 'an', 'the', 'their', 'its'].includes(token.word));
}

function isParty(name: string): boolean {
  const head = singularize(name.toLowerCase().split(' ').pop() ?? '');
  return outsideParties.has(head) || staffRoles.has(head);
}

function genericName(tokens: readonly Token[]): EntityName | null {
  const last = tokens[tokens.length - 1];
  if (!last || !genericRecordNouns.has(last.word)) return null;
  const written = surface(tokens.filter((token) => !['a', 'an', 'the', 'our', 'my'].includes(token.word)));
  return { name: titleCase(singularize(written)), pluralName: titleCase(written) };
}

/**
 * The list after a colon: fields of the head's record, or — when the head only names a container
 * or an activity ("A reading list …: books we plan to read, …") — of the list's first item.
 */
export function declareList(head: Head, list: readonly Token[], design: Design, text: string): void {
  const items = readFieldList(list);
  const first = items[0];
  const firstName = first?.kind === 'field' && !first.field.hints.options.length ? first.field.name : null;
  const firstWords = firstName?.split(' ') ?? [];
  const firstIsRecords =
    firstName !== null &&
    isPlural(firstWords[firstWords.length - 1] ?? '') &&
    firstWords.length <= 3 &&
    (head.entity === null || head.weak) &&
    !/ (and|or) /i.test(firstName);
  if (firstIsRecords && firstName) {
    const entity = design.entity({ name: singularize(firstName), pluralName: firstName }, null);
    const source = design.say(design.main === entity ? 'goal' : 'requirement', text);
    entity.sourceFactIds.push(source);
    const added = addItems(design, entity, items.slice(1), source);
    renameStatement(design, source, describeRecords(entity, added));
    return;
  }
  const entity = head.entity ? design.entity(head.entity, null) : design.mainEntity();
  if (!entity) return;
  const source = design.say(design.main === entity ? 'goal' : 'requirement', text);
  if (!entity.sourceFactIds.includes(source)) entity.sourceFactIds.push(source);
  const added = addItems(design, entity, items, source);
  renameStatement(design, source, describeRecords(entity, added));
}

function renameStatement(design: Design, id: string, text: string): void {
  const statement = design.statements.find((candidate) => candidate.id === id);
  if (statement && !design.statements.some((other) => other.text === text)) statement.text = text;
}

/** Options written before a noun: "vacation, sick or parental leave" → the kinds and "leave". */
export function optionsBeforeHead(tokens: readonly Token[]): { options: string[]; head: string } | null {
  const or = tokens.findIndex((token) => token.word === 'or');
  if (or < 0) return null;
  const last = tokens.slice(or + 1).filter((token) => !token.punct);
  if (last.length < 2) return null;
  const head = last[last.length - 1] as Token;
  const options = splitOptions([...tokens.slice(0, or + 1), ...last.slice(0, -1)]);
  return options.length >= 2 ? { options, head: head.text } : null;
}

export { fieldsOf };
