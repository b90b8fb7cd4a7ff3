import type { Design } from './design.ts';
import { readFieldList, segmentsOf, splitOptions } from './field-list.ts';
import { fieldPhrase } from './field-phrase.ts';
import { resolveReferences } from './finalize.ts';
import { isPlural, singularize, titleCase } from './inflect.ts';
import { listLeadIn } from './list-lead-in.ts';
import { type EntityName, entityNameOf, nounPhraseAt, recordsAfterContainer } from './noun-phrase.ts';
import { readActivity } from './read-activities.ts';
import { addItems, declareEach, declareHave, declareList, declareWith } from './read-declarations.ts';
import { type Head, readHead, skipLeadIn } from './read-head.ts';
import { readList } from './read-lists.ts';
import { readAudience, readSharing } from './read-people.ts';
import { readRelation } from './read-relations.ts';
import { readSorting } from './read-sorting.ts';
import { readTask } from './read-tasks.ts';
import { readViews } from './read-views.ts';
import { addWorkflow, takeWorkflow } from './read-workflow.ts';
import { clausesOf, findWord, surface, type Token } from './tokens.ts';
import { groupNouns, staffRoles, trackingVerbs, vagueNouns } from './words.ts';

const viewNouns = new Set(['chart', 'graph', 'calendar', 'board', 'kanban', 'table']);

/** A clause that states records, relations or what people do with them. */
function readStatement(clause: readonly Token[], design: Design): boolean {
  if (declareEach(clause, design)) return true;
  if (declareHave(clause, design)) return true;
  if (declareListOf(clause, design)) {
    readActivity(clause, design);
    return true;
  }
  if (readRelation(clause, design)) return true;
  if (readActivity(clause, design)) return true;
  if (declareWith(clause, design)) return true;
  return readTask(clause, design);
}

/** "also keep a list of staff": a record type, when the list names nothing known and no condition. */
function declareListOf(clause: readonly Token[], design: Design): boolean {
  const at = clause.findIndex(
    (token, index) =>
      token.word === 'list' &&
      clause[index + 1]?.word === 'of' &&
      ['keep', 'track', 'add', 'maintain', 'have', 'need', 'want', 'store'].some((verb) =>
        clause.slice(Math.max(0, index - 4), index).some((word) => word.word === verb),
      ),
  );
  if (at < 0) return false;
  const phrase = nounPhraseAt(clause, at + 2);
  if (!phrase || design.findEntity(surface(phrase.tokens))) return false;
  const next = clause[phrase.end];
  if (next && ['that', 'which', 'who', 'whose', 'past', 'due'].includes(next.word)) return false;
  const name = entityNameOf(phrase.tokens);
  if (!name) return false;
  const source = design.say('goal', `Tracks ${name.pluralName.toLowerCase()}`);
  const entity = design.entity(name, source);
  // "a list of found items with where each one was found, the date, …": what each one has.
  if (next?.word === 'with') addItems(design, entity, readFieldList(clause.slice(phrase.end + 1)), source);
  return true;
}

/**
 * A clause with nothing but a noun phrase, or a tracking verb and one: "Students and their
 * grades", "A guest list for my wedding", "Track the trainings our staff have completed".
 */
function readBare(clause: readonly Token[], design: Design): void {
  // "Show bookings on a calendar": an imperative about views, never a record.
  if (['show', 'see', 'list', 'view', 'display', 'give'].includes(clause[0]?.word ?? '')) return;
  // "get on top of our jobs", "keep track of inventory": the records follow the phrase.
  const onTop = clause.findIndex((token, index) => token.word === 'top' && clause[index + 1]?.word === 'of');
  let start = onTop > 0 ? onTop + 2 : skipLeadIn(clause);
  let phrase = nounPhraseAt(clause, start);
  // "A log of our delivery van's fuel stops": the container's records follow "of" ("a calendar of …" is a view).
  if (phrase && clause[phrase.end]?.word === 'of' && viewNouns.has(clause[phrase.end - 1]?.word ?? ''))
    return;
  const records = phrase ? recordsAfterContainer(clause, phrase) : -1;
  if (records > 0) {
    start = records;
    phrase = nounPhraseAt(clause, start);
  }
  if (!phrase) return;
  const head = phrase.tokens[phrase.tokens.length - 1];
  if (
    !head ||
    viewNouns.has(head.word) ||
    (phrase.tokens.some((token) => viewNouns.has(token.word)) && clause[phrase.end]?.word === 'of')
  )
    return;
  const tracked =
    (start > 0 && clause.slice(0, start).some((token) => trackingVerbs.has(token.word))) || onTop > 0;
  // "Treatment notes per appointment.": what each known record has, not a record type of its own.
  if (clause[phrase.end]?.word === 'per') {
    const each = nounPhraseAt(clause, phrase.end + 1);
    const owner = each ? design.findEntity(surface(each.tokens)) : null;
    if (owner) {
      design.addPhrase(owner, fieldPhrase(phrase.tokens), design.say('requirement', surface(clause)));
      return;
    }
  }
  const name = entityNameOf(phrase.tokens);
  if (!name) return;
  if (
    !tracked &&
    clause.slice(phrase.end).some((token) => token.pos === 'VERB' && !['and', 'for'].includes(token.word)) &&
    clause[phrase.end]?.word !== 'and' &&
    clause[phrase.end]?.word !== 'for'
  )
    return;
  if (staffRoles.has(singularize(head.word)) && !isPlural(head.word) && !tracked) return;
  // "organise my life", "keep our team organised": no records named, only whose the app is.
  // "a repair ticket tracker": the container goes and the records stay; "a tracker" alone says nothing.
  const nameHead = name.name.toLowerCase().split(' ').pop() ?? '';
  const vague = vagueNouns.has(head.word) && nameHead === singularize(head.word.toLowerCase());
  if (vague || groupNouns.has(head.word)) return;
  const source = design.say('goal', `Tracks ${name.pluralName.toLowerCase()}`);
  const entity = design.entity(name, source);
  // "Students and their grades": what each one has.
  const their = clause.findIndex(
    (token, index) => index >= phrase.end && (token.word === 'their' || token.word === 'its'),
  );
  if (their > 0) addItems(design, entity, readFieldList(clause.slice(their + 1)), source);
  // "maintenance for our machines": the thing each record is for.
  const forAt = findWord(clause, 'for', phrase.end);
  const target = forAt >= 0 ? nounPhraseAt(clause, forAt + 1) : null;
  const targetHead = target?.tokens[target.tokens.length - 1];
  if (
    target &&
    targetHead &&
    isPlural(targetHead.word) &&
    !staffRoles.has(singularize(targetHead.word)) &&
    tracked
  )
    design.addField(
      entity,
      { name: titleCase(singularize(targetHead.text.toLowerCase())), type: 'text' },
      source,
    );
}

/**
 * "site, cleaner, date of visit, bins emptied, …, supervisor sign off": a run of three or more short
 * items is a field list, never a statement, whatever verbs its items hold ("sign off" is no activity).
 */
function isFieldRun(tokens: readonly Token[]): boolean {
  const segments = segmentsOf(tokens);
  const first = segments[0] ? depthFree(segments[0].tokens) : [];
  return (
    segments.length >= 3 &&
    segments.every((segment) => {
      const outside = depthFree(segment.tokens).filter((token) => !token.punct);
      // "laptops and monitors with serial number, …", "each with a title": a declaration.
      return (
        outside.length <= fieldRunWords &&
        !outside.some((token) => token.word === 'with') &&
        !['each', 'every'].includes(outside[0]?.word ?? '')
      );
    }) &&
    // "employees ask for vacation, sick or parental leave": a sentence opens with its subject and verb.
    !first.slice(0, -1).some((token, index) => index > 0 && (token.pos === 'VERB' || token.pos === 'AUX'))
  );
}

const fieldRunWords = 6;

/** The tokens outside brackets. */
function depthFree(tokens: readonly Token[]): Token[] {
  let depth = 0;
  return tokens.filter((token) => {
    if (token.word === '(') depth++;
    const outside = depth === 0;
    if (token.word === ')') depth = Math.max(0, depth - 1);
    return outside;
  });
}

/**
 * "Customers (name, address, email) and Installations (customer, panel count, …)": record types
 * coordinated, each a plural head with its fields in brackets. Two at least; null otherwise.
 */
function bracketDeclarations(clause: readonly Token[]): { head: Token[]; list: Token[] }[] | null {
  const parts: { head: Token[]; list: Token[] }[] = [];
  let start = 0;
  let index = 0;
  while (index < clause.length) {
    const open = clause.findIndex((token, at) => at >= index && token.word === '(');
    if (open < 0) break;
    const close = clause.findIndex((token, at) => at > open && token.word === ')');
    if (close < 0) return null;
    const head = clause.slice(start, open);
    const last = head[head.length - 1];
    if (!last || !isPlural(last.word) || !['NOUN', 'PROPN'].includes(last.pos)) return null;
    const list = clause.slice(open + 1, close);
    if (!list.some((token) => token.word === ',')) return null;
    parts.push({ head, list });
    index = close + 1;
    while (clause[index] && [',', 'and', '&', ';'].includes(clause[index]?.word ?? '')) index++;
    start = index;
  }
  return parts.length >= 2 && start >= clause.length ? parts : null;
}

/** "Item, Serial No., Owner": the first column's words, when they are a noun and no measure of something. */
function firstColumn(list: readonly Token[]): Token[] {
  const [first] = segmentsOf(list);
  const words = first?.tokens.filter((token) => !token.punct) ?? [];
  return words.length > 0 &&
    words.length <= 2 &&
    words.every((token) => ['NOUN', 'PROPN'].includes(token.pos))
    ? words
    : [];
}

/**
 * A lead-in whose first words name no records, with no records named before it: "We run a small
 * cattery and need to keep track of stays:", "For our conference we get talk submissions:" name
 * them last, right before the list; "When an animal comes in we note …" names one with "a/an".
 */
function headOrTail(head: Head, tokens: readonly Token[], design: Design): Head {
  if (head.entity || design.main || design.pendingMain || tokens.length === 0) return head;
  const kept = keptInSheet(tokens);
  if (kept) return { ...head, entity: kept, weak: false };
  const tail = tailPhrase(tokens);
  const tailName = tail ? entityNameOf(tail) : null;
  if (tail && tailName && isPlural(tail[tail.length - 1]?.word ?? ''))
    return { ...head, entity: tailName, weak: false };
  const one = tokens.findIndex(
    (token, index) => ['a', 'an', 'each', 'every'].includes(token.word) && nounPhraseAt(tokens, index + 1),
  );
  const found = one >= 0 ? nounPhraseAt(tokens, one + 1) : null;
  // "an animal comes in": the tagger's verb ends the phrase.
  const verb = found ? found.tokens.findIndex((token, index) => index > 0 && token.pos === 'VERB') : -1;
  const phrase = found && verb > 0 ? { ...found, tokens: found.tokens.slice(0, verb) } : found;
  const name = phrase ? entityNameOf(phrase.tokens) : null;
  if (phrase && name && !viewNouns.has(phrase.tokens[phrase.tokens.length - 1]?.word ?? ''))
    return { ...head, entity: name, weak: false };
  return head;
}

const sheetWords = new Set(['spreadsheet', 'sheet', 'excel', 'workbook', 'notebook', 'book', 'csv']);

/**
 * "Our auction house keeps lots in a spreadsheet:": what is kept in the sheet are the records. The
 * plural right before "in" counts whatever the tagger calls it ("lots" reads as an adverb).
 */
function keptInSheet(tokens: readonly Token[]): EntityName | null {
  const at = tokens.findIndex(
    (token, index) =>
      ['in', 'on', 'into'].includes(token.word) &&
      tokens.slice(index + 1, index + 5).some((word) => sheetWords.has(word.word)),
  );
  const records = tokens[at - 1];
  if (at <= 1 || !records || !isPlural(records.word) || ['VERB', 'AUX', 'PRON', 'DET'].includes(records.pos))
    return null;
  let start = at - 1;
  while (
    start > 0 &&
    ['NOUN', 'PROPN', 'ADJ'].includes(tokens[start - 1]?.pos ?? '') &&
    !tokens[start - 1]?.punct
  )
    start--;
  return entityNameOf(tokens.slice(start, at));
}

/** The noun phrase that ends the tokens ("… keep track of stays", "we get talk submissions"). */
function tailPhrase(tokens: readonly Token[]): Token[] | null {
  for (let start = Math.max(0, tokens.length - 4); start < tokens.length; start++) {
    const previous = tokens[start - 1];
    // Only a phrase that opens after a verb, a preposition or a determiner: never half a compound.
    if (previous && ['NOUN', 'PROPN', 'ADJ'].includes(previous.pos)) continue;
    const phrase = nounPhraseAt(tokens, start);
    if (phrase && phrase.end === tokens.length) return phrase.tokens;
  }
  return null;
}

/** A workflow or a lone choice ("Statuses: a / b", "orders go a -> b") is read apart from the rest. */
function readClause(clause: readonly Token[], design: Design): void {
  // "… a spreadsheet with columns: item, owner, …": the columns are fields, never one choice's options.
  const columns = listLeadIn(clause)?.firstColumnNamesRows !== undefined;
  const workflow = columns ? null : takeWorkflow(clause);
  if (workflow?.rest) readClauseBody(workflow.rest, design);
  else if (!workflow) readClauseBody(clause, design);
  if (workflow) addWorkflow(workflow, design, surface(clause));
}

function readClauseBody(clause: readonly Token[], design: Design): void {
  const declarations = bracketDeclarations(clause);
  if (declarations) {
    for (const { head, list } of declarations) declareList(readHead(head), list, design, surface(clause));
    return;
  }
  const lead = listLeadIn(clause);
  if (lead) {
    const rest = lead.list;
    const head = headOrTail(
      readHead(
        lead.firstColumnNamesRows && !design.main && !design.pendingMain ? firstColumn(rest) : lead.head,
      ),
      lead.head,
      design,
    );
    if (head.entity && !design.main && !head.weak) {
      design.pendingMain = head.entity;
    }
    // Only after a colon may a statement follow ("Rentals: each bike has …"); the other lead-ins are lists.
    const colon = findWord(clause, ':') > 0;
    if (colon && !isFieldRun(rest) && readStatement(rest, design)) return;
    declareList(head, rest, design, surface(clause));
    const kinds = lead.kinds.length > 0 ? splitOptions(lead.kinds) : [];
    const entity = head.entity ? design.findEntity(head.entity.name) : null;
    // "each kit item (shirt, shorts, socks)": the kinds of the record.
    if (entity && kinds.length >= 2)
      design.addField(
        entity,
        { name: 'Type', type: 'choice', options: kinds },
        entity.sourceFactIds[0] ?? null,
      );
    return;
  }
  if (readStatement(clause, design)) return;
  readBare(clause, design);
}

/** The app's name from the request's first words: "Complaint Log", "Marketing Campaigns". */
function titleFrom(clauses: readonly Token[][], design: Design): string | null {
  const first = clauses[0];
  if (!first) return null;
  const colon = findWord(first, ':');
  if (colon > 0) {
    const head = readHead(first.slice(0, colon));
    if (head.title && head.title.split(' ').length <= 6) return head.title;
  }
  const main = design.main;
  return main ? main.pluralName : null;
}

/** Reads a request (or an answer, or the descriptive part of a change) into the design. */
export function readRequest(text: string, design: Design, options: { setTitle: boolean }): void {
  const clauses = clausesOf(text);
  for (const clause of clauses) readClause(clause, design);
  // Fields named like a record point at it before views look for links ("bookings have a … performance").
  resolveReferences(design);
  // Views second: they name fields any clause may have declared.
  for (const clause of clauses) {
    readViews(clause, design);
    readList(clause, design);
  }
  for (const clause of clauses) readSorting(clause, design);
  for (const clause of clauses) readAudience(clause, design);
  readSharing(text, design);
  if (options.setTitle) {
    const title = titleFrom(clauses, design);
    if (title) design.blueprint.title = title.slice(0, 120);
    if (!design.blueprint.summary)
      design.blueprint.summary = text.replace(/\s+/g, ' ').trim().slice(0, 2_000);
  }
}
