import {
  Blueprint,
  type Entity,
  type Field,
  type FieldType,
  type View,
} from '../../../blueprint/blueprint.ts';
import { nameKey } from '../../../blueprint/validate-blueprint.ts';
import { addSource, type Design } from './design.ts';
import { readFieldList, splitOptions } from './field-list.ts';
import { isPlural, pluralize, singularize, titleCase } from './inflect.ts';
import { addItems } from './read-declarations.ts';
import { readList } from './read-lists.ts';
import { readViews } from './read-views.ts';
import { clausesOf, findWord, surface, type Token, tokensOf } from './tokens.ts';
import type { UnderstandingFocus } from './understand-text.ts';
import { fieldNamed } from './view-fields.ts';

const leadWords = new Set([
  'also',
  'please',
  'and',
  'then',
  'now',
  'just',
  'can',
  'could',
  'you',
  'i',
  'want',
  'to',
  "let's",
  'lets',
  'we',
  'would',
  'like',
  'need',
  'should',
]);
const titleMaxLength = Blueprint.shape.title.maxLength ?? 120;
const viewNouns = new Set(['calendar', 'board', 'chart', 'graph', 'kanban', 'table', 'list', 'view']);
const typeWords: ReadonlyMap<string, FieldType> = new Map([
  ['text', 'text'],
  ['number', 'number'],
  ['count', 'number'],
  ['money', 'money'],
  ['amount', 'money'],
  ['price', 'money'],
  ['date', 'date'],
  ['time', 'time'],
  ['datetime', 'dateTime'],
  ['checkbox', 'boolean'],
  ['yes/no', 'boolean'],
  ['boolean', 'boolean'],
  ['choice', 'choice'],
  ['dropdown', 'choice'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['link', 'url'],
  ['url', 'url'],
  ['person', 'person'],
]);
const kindWords = new Set([
  'field',
  'column',
  'entity',
  'record',
  'records',
  'type',
  'view',
  'option',
  'the',
  'a',
  'an',
  'each',
  'every',
  'all',
]);

/** The clause without its polite lead-in ("Also, could you please rename …" → "rename …"). */
function command(clause: readonly Token[]): Token[] {
  let start = 0;
  while (start < clause.length && (leadWords.has(clause[start]?.word ?? '') || clause[start]?.punct)) start++;
  return clause.slice(start);
}

function phraseText(tokens: readonly Token[]): string {
  return surface(tokens.filter((token) => !kindWords.has(token.word) && !token.punct)).trim();
}

type Target =
  | { kind: 'title' }
  | { kind: 'entity'; entity: Entity }
  | { kind: 'field'; entity: Entity; field: Field }
  | { kind: 'view'; view: View }
  | { kind: 'option'; field: Field; option: string };

/** What a phrase names in the design: the app, a record type, a field (the focus first), a view or an option. */
function resolve(
  design: Design,
  phrase: string,
  scope: Entity | null,
  hint: 'field' | 'entity' | 'view' | 'option' | null,
): Target | null {
  const key = nameKey(phrase);
  if (!key) return null;
  if (['it', 'the app', 'app', 'this app', 'this'].includes(key)) return { kind: 'title' };
  const entities = design.blueprint.entities;
  const fieldIn = (entity: Entity) =>
    entity.fields.find(
      (field) => nameKey(field.name) === key || nameKey(field.name) === nameKey(singularize(phrase)),
    );
  if (hint !== 'field' && hint !== 'option') {
    const entity = design.findEntityExactly(phrase) ?? design.findEntityExactly(singularize(phrase));
    if (entity) return { kind: 'entity', entity };
    const view = design.blueprint.views.find((candidate) => nameKey(candidate.title) === key);
    if (view) return { kind: 'view', view };
  }
  if (hint !== 'option') {
    const ordered = scope ? [scope, ...entities.filter((entity) => entity !== scope)] : entities;
    for (const entity of ordered) {
      const field = fieldIn(entity);
      if (field) return { kind: 'field', entity, field };
    }
    for (const entity of ordered) {
      const field = fieldNamed(entity, phrase);
      if (field && hint === 'field') return { kind: 'field', entity, field };
    }
  }
  for (const entity of entities)
    for (const field of entity.fields) {
      const option = field.options.find((candidate) => nameKey(candidate) === key);
      if (option) return { kind: 'option', field, option };
    }
  if (hint === null) {
    const entity = design.findEntity(phrase);
    if (entity) return { kind: 'entity', entity };
  }
  return null;
}

function hintOf(tokens: readonly Token[]): 'field' | 'entity' | 'view' | 'option' | null {
  const words = tokens.map((token) => token.word);
  if (words.includes('field') || words.includes('column')) return 'field';
  if (words.includes('option')) return 'option';
  if (words.includes('view')) return 'view';
  if (words.includes('entity') || words.includes('records')) return 'entity';
  return null;
}

/**
 * Where a new name ends in the person's raw text: a full stop, a newline or a double quote, a "?"
 * / "!" that ends the sentence, or the next command ("…; add a notes field", "… and remove the
 * Notes field"). Nothing else does — a semicolon, a comma or "and" are otherwise part of what they
 * typed ("Rename it to Desk; Chairs" is that title). The new name is data: whatever it holds,
 * generation only ever writes it into the data module as a literal.
 */
const commandVerbs = 'rename|call|name|add|remove|delete|drop|make|change|turn|set';
const nameEnd = new RegExp(
  `[.\\n"”]|[!?](?=\\s|$)|;\\s*(?:(?:and|then|also|please)\\s+)*(?:${commandVerbs})\\b|,?\\s+(?:and|then)\\s+(?:(?:then|also|please)\\s+)*(?:${commandVerbs})\\s+(?:a|an|the|it|this|each|every)\\b`,
  'iu',
);
const quotePairs: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['“', '”'],
  ["'", "'"],
  ['‘', '’'],
]);

/** The new name at the start of `raw`: quoted, up to its closing quote; else up to `nameEnd`. */
function nameAt(raw: string): { name: string; length: number } {
  const open = raw.charAt(0);
  const close = quotePairs.get(open);
  if (close !== undefined) {
    const at = raw.indexOf(close, 1);
    if (at > 1) return { name: raw.slice(1, at).trim(), length: at + 1 };
  }
  const at = raw.search(nameEnd);
  const length = at < 0 ? raw.length : at;
  return { name: raw.slice(0, length).trim(), length };
}

/** Words before a command that keep it a command: polite lead-ins, or the end of another command. */
function commandLeadIn(before: string): boolean {
  const words = before.toLowerCase().match(/[\p{L}']+|[,;:]/gu) ?? [];
  const last = words[words.length - 1];
  if (last === undefined || last === ',' || last === ';' || last === ':' || last === 'and' || last === 'then')
    return true;
  return words.every((word) => leadWords.has(word) || word === ',');
}

interface RawRename {
  /** Where the command starts and ends in the raw text. */
  start: number;
  end: number;
  from: string;
  name: string;
}

/**
 * "rename Tools to Equipment", "rename the Condition field to State", "call it Desk", "name the
 * app Desk": found on the raw text, before clauses are split and whitespace folded, so the new
 * name is exactly what the person typed up to the end of the sentence (a U+2028 or a semicolon
 * in it stays).
 */
function rawRenames(raw: string): RawRename[] {
  const found: RawRename[] = [];
  const verbs = /(?<![\p{L}\p{N}_])(rename|call|name)(?=\s)/giu;
  for (let match = verbs.exec(raw); match !== null; match = verbs.exec(raw)) {
    const sentenceStart = Math.max(raw.lastIndexOf('.', match.index), raw.lastIndexOf('\n', match.index)) + 1;
    const previous = found[found.length - 1];
    const from = Math.max(sentenceStart, previous?.end ?? 0);
    if (!commandLeadIn(raw.slice(from, match.index))) continue;
    const verb = (match[1] ?? '').toLowerCase();
    const after = raw.slice(match.index + match[0].length);
    const head =
      verb === 'rename'
        ? /^\s+(.+?)\s+(?:to|as|into)\s+/isu.exec(after)
        : /^\s+((?:the\s+|this\s+)?(?:it|app|this)|[^\s.,;:!?]+)\s+/iu.exec(after);
    if (!head || nameEnd.test(head[1] ?? '')) continue;
    const rest = after.slice(head[0].length);
    const { name, length } = nameAt(rest);
    if (!name) continue;
    const end = match.index + match[0].length + head[0].length + length;
    found.push({ start: match.index, end, from: (head[1] ?? '').trim(), name });
    verbs.lastIndex = end;
  }
  return found;
}

/** Applies one rename to the design; false when its "from" names nothing there. */
function applyRename(design: Design, rename: RawRename, source: string, scope: Entity | null): boolean {
  const from = tokensOf(rename.from.replace(/\s+/g, ' '));
  const target = resolve(design, phraseText(from) || rename.from, scope, hintOf(from));
  if (!target) return false;
  // The app's title is the person's exact words; names of records, fields, views and options are
  // title-cased like every other name in the blueprint.
  const newName =
    target.kind === 'title'
      ? rename.name.slice(0, titleMaxLength)
      : titleCase(rename.name.replace(/\s+/g, ' ')).slice(0, 120);
  if (!newName.trim()) return false;
  if (target.kind === 'title') design.blueprint.title = newName;
  else if (target.kind === 'entity') renameEntity(design, target.entity, newName, source);
  else if (target.kind === 'field') {
    target.field.name = newName;
    addSource(target.field.sourceFactIds, source);
  } else if (target.kind === 'view') {
    target.view.title = newName;
    addSource(target.view.sourceFactIds, source);
  } else {
    target.field.options = target.field.options.map((option) =>
      option === target.option ? newName : option,
    );
    addSource(target.field.sourceFactIds, source);
  }
  return true;
}

function renameEntity(design: Design, entity: Entity, newName: string, source: string): void {
  const oldName = entity.name;
  const oldPlural = entity.pluralName;
  const plural = isPlural(newName.split(' ').pop() ?? '');
  entity.name = plural ? singularize(newName) : newName;
  entity.pluralName = plural ? newName : pluralize(newName);
  addSource(entity.sourceFactIds, source);
  // The table named after the records and links named after them follow the rename.
  for (const view of design.blueprint.views)
    if (view.entityId === entity.id && nameKey(view.title) === nameKey(oldPlural))
      view.title = entity.pluralName;
  for (const other of design.blueprint.entities)
    for (const field of other.fields)
      if (
        field.type === 'reference' &&
        field.referenceEntityId === entity.id &&
        nameKey(field.name) === nameKey(oldName)
      )
        field.name = entity.name;
}

/** "remove the Condition field", "delete Members", "drop the Past Due list", "remove Oak from Room". */
function remove(design: Design, tokens: readonly Token[], scope: Entity | null): boolean {
  if (
    !['remove', 'delete', 'drop'].includes(tokens[0]?.word ?? '') &&
    !(tokens[0]?.word === 'get' && tokens[1]?.word === 'rid')
  )
    return false;
  let rest = tokens.slice(tokens[0]?.word === 'get' ? 3 : 1);
  const fromAt = findWord(rest, 'from');
  const owner = fromAt > 0 ? resolve(design, phraseText(rest.slice(fromAt + 1)), scope, null) : null;
  if (fromAt > 0) rest = rest.slice(0, fromAt);
  const names = splitOptions(rest.filter((token) => !kindWords.has(token.word)));
  let removed = false;
  for (const name of names) {
    const ownerEntity = owner?.kind === 'entity' ? owner.entity : scope;
    if (owner?.kind === 'field') {
      const before = owner.field.options.length;
      owner.field.options = owner.field.options.filter((option) => nameKey(option) !== nameKey(name));
      removed ||= owner.field.options.length < before;
      continue;
    }
    const target = resolve(design, name, ownerEntity, hintOf(tokens));
    if (!target || target.kind === 'title') continue;
    removed = true;
    if (target.kind === 'field') removeField(design, target.entity, target.field);
    else if (target.kind === 'entity') removeEntity(design, target.entity);
    else if (target.kind === 'view')
      design.blueprint.views = design.blueprint.views.filter((view) => view !== target.view);
    else target.field.options = target.field.options.filter((option) => option !== target.option);
  }
  return removed;
}

function usesField(view: View, fieldId: string): boolean {
  const filter = view.filter;
  const inFilter =
    filter !== null &&
    Object.entries(filter).some(
      ([key, value]) => key !== 'kind' && key !== 'relatedEntityId' && value === fieldId,
    );
  return (
    view.groupByFieldId === fieldId ||
    view.dateFieldId === fieldId ||
    view.aggregate?.fieldId === fieldId ||
    inFilter
  );
}

function removeField(design: Design, entity: Entity, field: Field): void {
  entity.fields = entity.fields.filter((candidate) => candidate !== field);
  if (entity.statusFieldId === field.id) entity.statusFieldId = null;
  design.blueprint.views = design.blueprint.views.filter((view) => !usesField(view, field.id));
}

function removeEntity(design: Design, entity: Entity): void {
  design.blueprint.entities = design.blueprint.entities.filter((candidate) => candidate !== entity);
  for (const other of design.blueprint.entities)
    for (const field of other.fields.filter((candidate) => candidate.referenceEntityId === entity.id))
      removeField(design, other, field);
  design.blueprint.views = design.blueprint.views.filter(
    (view) =>
      view.entityId !== entity.id &&
      !(view.filter?.kind === 'relatedCountBelow' && view.filter.relatedEntityId === entity.id),
  );
  if (design.main === entity) design.main = design.blueprint.entities[0] ?? null;
}

/** "make Condition a choice of good, worn or broken", "make Seats a number", "change Due to a date". */
function retype(design: Design, tokens: readonly Token[], source: string, scope: Entity | null): boolean {
  const verb = tokens[0]?.word ?? '';
  if (!['make', 'change', 'turn', 'set'].includes(verb)) return false;
  const at = tokens.findIndex(
    (token, index) =>
      index > 1 &&
      (['a', 'an', 'into', 'to', 'required', 'optional'].includes(token.word) || typeWords.has(token.word)),
  );
  if (at < 0) return false;
  const target = resolve(design, phraseText(tokens.slice(1, at)), scope, 'field');
  if (target?.kind !== 'field') return false;
  const field = target.field;
  const rest = tokens.slice(at);
  const words = rest.map((token) => token.word);
  addSource(field.sourceFactIds, source);
  if (words.includes('required') || words.includes('optional')) {
    field.required = words.includes('required');
    return true;
  }
  const of = findWord(rest, 'of');
  if ((words.includes('choice') || words.includes('dropdown') || words.includes('one')) && of >= 0) {
    field.type = words.includes('multiple') ? 'multiChoice' : 'choice';
    field.options = splitOptions(rest.slice(of + 1));
    field.referenceEntityId = null;
    field.range = null;
    return true;
  }
  const type = words.map((word) => typeWords.get(word)).find((candidate) => candidate !== undefined);
  if (!type) return false;
  field.type = type;
  if (type !== 'choice' && type !== 'multiChoice') field.options = [];
  if (type !== 'number') field.range = null;
  field.referenceEntityId = null;
  return true;
}

const fieldNouns = new Set(['field', 'fields', 'column', 'columns']);
const segmentEnds = new Set(['and', 'or', 'to', 'for', 'on', 'with']);

/**
 * "a notes field", "phone and email columns", "a field called Notes": "field" says what kind of
 * thing is added, it is not part of the name.
 */
function withoutKindWords(tokens: readonly Token[]): Token[] {
  return tokens.filter((token, index) => {
    const next = tokens[index + 1];
    const previous = tokens[index - 1];
    if (['called', 'named'].includes(token.word) && fieldNouns.has(previous?.word ?? '')) return false;
    if (!fieldNouns.has(token.word)) return true;
    // "a field called Notes" / "a column named Notes": the name follows.
    if (next && (next.word === 'called' || next.word === 'named')) return false;
    const endsItem = next === undefined || next.punct || segmentEnds.has(next.word);
    // Alone ("add a field") it is the only word there is.
    const named =
      previous !== undefined && !previous.punct && !['a', 'an', 'the', 'new'].includes(previous.word);
    return !(endsItem && named);
  });
}

/** "add a due date to each loan", "add phone and email to members", "add a calendar of loans by due date". */
function add(design: Design, tokens: readonly Token[], source: string, scope: Entity | null): boolean {
  if (tokens[0]?.word !== 'add') return false;
  const rest = tokens.slice(1);
  if (
    rest.some((token) => viewNouns.has(token.word)) &&
    (rest.some((token) => ['calendar', 'board', 'chart', 'graph', 'kanban'].includes(token.word)) ||
      findWord(rest, 'of') >= 0)
  ) {
    return readViews(tokens, design) || readList(tokens, design);
  }
  const toAt = rest.findIndex((token) => token.word === 'to' || token.word === 'for' || token.word === 'on');
  const owner = toAt >= 0 ? resolve(design, phraseText(rest.slice(toAt + 1)), scope, 'entity') : null;
  const entity = owner?.kind === 'entity' ? owner.entity : owner?.kind === 'field' ? owner.entity : scope;
  if (!entity) return false;
  addItems(design, entity, readFieldList(withoutKindWords(toAt >= 0 ? rest.slice(0, toAt) : rest)), source);
  addSource(entity.sourceFactIds, source);
  return true;
}

/**
 * The commands of a change request or an answer, applied to the design in place; returns the text
 * that is not a command (descriptions, new records), for the request reader. `raw` is the person's
 * text as typed (renames read it before whitespace is folded).
 */
export function readChangeRequest(raw: string, design: Design, focus: UnderstandingFocus | null): string {
  const rest: string[] = [];
  const scope = focus?.entityId
    ? (design.blueprint.entities.find((entity) => entity.id === focus.entityId) ?? null)
    : design.main;
  let remaining = '';
  let cursor = 0;
  for (const rename of rawRenames(raw)) {
    const known = design.statements.length;
    const source = design.say('requirement', raw.slice(rename.start, rename.end));
    if (applyRename(design, rename, source, scope)) {
      // The rename's words are read; a sentence break keeps the text around it apart.
      remaining += `${raw.slice(cursor, rename.start)}\n`;
      cursor = rename.end;
    } else if (design.statements.length > known) design.statements.pop();
  }
  remaining += raw.slice(cursor);
  for (const clause of clausesOf(remaining)) {
    const tokens = command(clause);
    if (tokens.length === 0) continue;
    const known = design.statements.length;
    const source = design.say('requirement', surface(tokens));
    const handled =
      remove(design, tokens, scope) ||
      retype(design, tokens, source, scope) ||
      add(design, tokens, source, scope);
    if (!handled) {
      // Not a command: the request reader states it in its own words.
      if (design.statements.length > known) design.statements.pop();
      rest.push(surface(clause));
    }
  }
  return rest.join('. ');
}
