import type { Design } from './design.ts';
import { splitOptions } from './field-list.ts';
import { type FieldPhrase, fieldPhrase } from './field-phrase.ts';
import { isPlural, singularize, titleCase } from './inflect.ts';
import { entityNameOf } from './noun-phrase.ts';
import { findChain, motionVerbs } from './option-chain.ts';
import { findWord, surface, type Token } from './tokens.ts';
import { choiceHeads, containerNouns, determiners, pronouns } from './words.ts';

/** Nouns that name a workflow's steps: "Statuses: …", "the stages are …". */
const workflowNouns = new Set(['status', 'stage', 'state', 'phase', 'step', 'workflow', 'pipeline']);
/** Words that put records or a view before "goes": the records are then the main ones. */
const boardNouns = new Set(['kanban', 'board', 'pipeline', 'tracker', 'process', 'workflow', 'flow']);
const longestOption = 5;

/** A workflow (or a single choice) a clause states apart from any field list. */
export interface Workflow {
  /** Whose workflow it is ("Orders" in "Orders go …"); empty for "it", a board, or "Statuses: …". */
  subject: Token[];
  field: FieldPhrase;
  /** The clause without the workflow, for the other readers; null when nothing else is left in it. */
  rest: Token[] | null;
}

/**
 * "Statuses: received / assigned / delivered", "the stages are new, open and closed", "Priority:
 * low, medium, high" — a clause that is nothing but a field's options (a colon after a status
 * word would otherwise make "Status" a record type). "Orders go placed -> baked -> delivered", "a
 * kanban going idea / contacted / booked with …", "it goes mash -> ferment" — a verb of motion and
 * a chain. "…, the date and the outcome: clear, conflict or pending" — a choice closing a list.
 */
export function takeWorkflow(clause: readonly Token[]): Workflow | null {
  return optionsClause(clause) ?? movingClause(clause) ?? closingChoice(clause);
}

/** Adds the workflow to its record: the one the subject names, else the main one. */
export function addWorkflow(workflow: Workflow, design: Design, text: string): void {
  const named = workflow.subject.length > 0 ? design.findEntity(surface(workflow.subject)) : null;
  const name = !named && workflow.subject.length > 0 ? entityNameOf(workflow.subject) : null;
  const entity = named ?? (name ? design.entity(name, null) : design.mainEntity());
  if (!entity) return;
  const source = design.say('requirement', text);
  if (!entity.sourceFactIds.includes(source) && name) entity.sourceFactIds.push(source);
  design.addPhrase(entity, workflow.field, source);
}

function content(tokens: readonly Token[]): Token[] {
  return tokens.filter((token) => !determiners.has(token.word) && !token.punct);
}

function shortOptions(options: readonly string[]): boolean {
  return options.length >= 2 && options.every((option) => option.split(' ').length <= longestOption);
}

/** The field a lone head names: "Statuses" → Status (a workflow), "Priority" → Priority (a choice). */
function headField(head: readonly Token[], options: string[]): FieldPhrase | null {
  const last = head[head.length - 1];
  if (!last || head.length > 3) return null;
  const single = singularize(last.word);
  const workflow = workflowNouns.has(single);
  // "Rooms: name, capacity" lists a record's fields; a singular choice word lists its options.
  if (!workflow && !(choiceHeads.has(last.word) && !isPlural(last.word))) return null;
  const phrase = fieldPhrase(head);
  if (workflow) {
    const words = phrase.name.split(' ');
    words[words.length - 1] = ['workflow', 'pipeline', 'step'].includes(single)
      ? 'Status'
      : titleCase(single);
    phrase.name = words.join(' ');
    phrase.typeName = phrase.name;
    phrase.status = true;
  }
  phrase.hints = { ...phrase.hints, options };
  return phrase;
}

function optionsClause(clause: readonly Token[]): Workflow | null {
  let at = findWord(clause, ':');
  let length = 1;
  if (at < 0) {
    at = clause.findIndex((token) => token.word === 'are' || token.word === 'is');
    // "the stages are …" only: "the status is important" names no options.
    if (at < 0 || !workflowNouns.has(singularize(clause[at - 1]?.word ?? ''))) return null;
  }
  if (clause[at + 1]?.word === 'either') length++;
  const head = content(clause.slice(0, at));
  if (head.length === 0 || clause.slice(0, at).some((token) => token.word === ',' || token.word === 'and'))
    return null;
  const options = splitOptions(clause.slice(at + length));
  if (!shortOptions(options)) return null;
  const field = headField(head, options);
  return field ? { subject: [], field, rest: null } : null;
}

function movingClause(clause: readonly Token[]): Workflow | null {
  const verbAt = clause.findIndex((token, index) => index > 0 && motionVerbs.has(token.word));
  if (verbAt < 0) return null;
  let first = verbAt + 1;
  if (['from', ':', 'like'].includes(clause[first]?.word ?? '')) first++;
  const chain = findChain(clause, first - 1) ?? commaRun(clause, first);
  if (!chain || chain.start !== first) return null;
  // The subject: the noun phrase right before the verb ("Orders", "each repair", "it", "a kanban").
  let subjectStart = verbAt;
  while (subjectStart > 0) {
    const token = clause[subjectStart - 1] as Token;
    if (token.punct || ['and', 'or', 'then', 'where', 'that', 'which'].includes(token.word)) break;
    if (token.pos === 'VERB' && !isPlural(token.word)) break;
    subjectStart--;
    if (determiners.has(token.word) || pronouns.has(token.word)) break;
  }
  const subjectTokens = content(clause.slice(subjectStart, verbAt));
  const pronoun = subjectTokens.length > 0 && subjectTokens.every((token) => pronouns.has(token.word));
  const board = subjectTokens.some((token) => boardNouns.has(token.word) || containerNouns.has(token.word));
  // "the status goes booked -> fixed", "each job's stage moves …": the workflow word names the field,
  // its owner (if any) the record; it is never a record type of its own.
  const last = subjectTokens[subjectTokens.length - 1];
  const named = last && workflowNouns.has(singularize(last.word)) ? last : null;
  const owner = named
    ? subjectTokens.slice(0, -1).filter((token) => token.word !== "'s" && !pronouns.has(token.word))
    : [];
  const subject = named ? owner : pronoun || board ? [] : subjectTokens;
  // A board stays in the rest ("a kanban with the guest name …" still names the records' fields).
  const cut = board ? verbAt : subjectStart;
  const rest = trimJoins([...clause.slice(0, cut), ...clause.slice(chain.end)]);
  const onlySubject =
    content(rest).length === 0 ||
    (subject.length > 0 &&
      surface(content(rest)) === surface(subject) &&
      rest.length <= subjectTokens.length + 1);
  const field = fieldPhrase([]);
  const fieldName =
    named && !['workflow', 'pipeline', 'step'].includes(singularize(named.word))
      ? titleCase(singularize(named.word))
      : 'Status';
  field.name = fieldName;
  field.typeName = fieldName;
  field.hints = { ...field.hints, options: chain.options };
  field.status = true;
  return { subject, field, rest: onlySubject ? null : rest };
}

function closingChoice(clause: readonly Token[]): Workflow | null {
  const at = findWord(clause, ':');
  if (at < 2) return null;
  let itemStart = at - 1;
  while (itemStart > 0 && ![',', 'and'].includes(clause[itemStart - 1]?.word ?? '')) itemStart--;
  if (itemStart === 0) return null;
  const head = content(clause.slice(itemStart, at));
  const options = splitOptions(clause.slice(at + 1));
  if (!shortOptions(options)) return null;
  const field = headField(head, options);
  if (!field) return null;
  const rest = trimJoins(clause.slice(0, itemStart));
  return { subject: [], field, rest: rest.length > 0 ? rest : null };
}

/** Drops the commas and "and"s left dangling where the workflow was cut out. */
function trimJoins(tokens: readonly Token[]): Token[] {
  let start = 0;
  let end = tokens.length;
  const join = (token: Token | undefined) =>
    token !== undefined && [',', ';', '.', 'and', 'then'].includes(token.word);
  while (start < end && join(tokens[start])) start++;
  while (end > start && join(tokens[end - 1])) end--;
  return tokens.slice(start, end);
}

/**
 * "Repairs go booked in, waiting for parts, repaired, collected": a run of three or more short
 * steps after the verb of motion, joined by commas (and "then"), to the end of the clause.
 */
function commaRun(
  clause: readonly Token[],
  first: number,
): { start: number; end: number; options: string[] } | null {
  const opener = clause[first];
  if (
    !opener ||
    opener.punct ||
    determiners.has(opener.word) ||
    ['to', 'into', 'on', 'back', 'out'].includes(opener.word)
  )
    return null;
  const rest = clause.slice(first);
  if (!rest.some((token) => token.word === ',')) return null;
  const options = splitOptions(rest);
  if (options.length < 3 || options.some((option) => option.split(' ').length > 4)) return null;
  return { start: first, end: clause.length, options };
}
