import type { NumberRange } from '../../../blueprint/blueprint.ts';
import { borrowHead, type FieldPhrase, fieldPhrase, optionText } from './field-phrase.ts';
import { isYesNo } from './field-type.ts';
import { singularize } from './inflect.ts';
import { findChain, motionVerbs, type OptionChain, splitAtSeparators } from './option-chain.ts';
import type { Token } from './tokens.ts';
import { trimPunctuation } from './tokens.ts';
import { choiceHeads, statusHeads } from './words.ts';

export type Separator = 'start' | 'comma' | 'and' | 'or';

export interface Segment {
  separator: Separator;
  tokens: Token[];
}

/** A field read from a list, or a record type nested in it ("milestones (…) with due dates"). */
export type ListItem =
  | { kind: 'field'; field: FieldPhrase }
  | { kind: 'entity'; nameTokens: Token[]; options: string[]; fields: FieldPhrase[] };

/** Nouns that are plural in the singular sense ("payment terms like 30 days or 60 days"). */
const pluralOnly =
  /\b(terms|needs|goods|savings|earnings|premises|clothes|arrangements|requirements|preferences)$/i;

const introducers = new Set(['like', 'including', ':']);

/**
 * Splits a list at top-level commas and conjunctions, keeping bracketed parts whole. A "whether"
 * item takes the rest of the list ("whether their laptop, badge and accounts are ready").
 */
export function segmentsOf(tokens: readonly Token[]): Segment[] {
  const segments: Segment[] = [];
  let current: Token[] = [];
  let separator: Separator = 'start';
  let pending: Separator | null = null;
  let depth = 0;
  let rest = false;
  const flush = () => {
    const trimmed = trimPunctuation(current);
    if (trimmed.length > 0) segments.push({ separator, tokens: trimmed });
    current = [];
  };
  tokens.forEach((token, index) => {
    if (token.word === '(') depth++;
    if (token.word === ')') depth = Math.max(0, depth - 1);
    const atTop = depth === 0 && !rest;
    // "injury yes or no": the answer written out after its field is no second item.
    const answerPair =
      token.word === 'or' && isYesNo([tokens[index - 1]?.word ?? '', tokens[index + 1]?.word ?? '']);
    if (
      atTop &&
      !answerPair &&
      (token.word === ',' || token.word === 'and' || token.word === 'or' || token.word === '&')
    ) {
      if (current.length > 0) {
        flush();
        separator = 'comma';
      }
      const kind: Separator = token.word === ',' ? 'comma' : token.word === 'or' ? 'or' : 'and';
      pending = kind === 'comma' ? (pending ?? 'comma') : kind;
      separator = pending;
      return;
    }
    if (current.length === 0) {
      pending = null;
      if (token.word === 'whether') rest = true;
    }
    if (depth === 0 && token.word === 'through') rest = true;
    current.push(token);
    // "whether the queen was seen (yes/no), number of frames": the answer's bracket ends the question.
    if (rest && token.word === ')' && depth === 0 && current[0]?.word === 'whether') rest = false;
  });
  flush();
  // "…, and a chart of spending per month": a view named inside a list is no field.
  return segments.filter((segment) => !namesView(segment.tokens));
}

const viewNouns = new Set(['chart', 'graph', 'calendar', 'board', 'kanban']);

function namesView(tokens: readonly Token[]): boolean {
  const words = tokens
    .map((token) => token.word)
    .filter((word) => !['a', 'an', 'the', 'and', 'also'].includes(word));
  return (
    viewNouns.has(words[0] ?? '') || ((words[0] === 'list' || words[0] === 'table') && words[1] === 'of')
  );
}

function rangeAt(tokens: readonly Token[]): NumberRange | null {
  for (let index = 0; index + 2 < tokens.length; index++) {
    const low = Number(tokens[index]?.word);
    const joiner = tokens[index + 1]?.word;
    const high = Number(tokens[index + 2]?.word);
    if (
      tokens[index]?.pos === 'NUM' &&
      (joiner === 'to' || joiner === '-') &&
      Number.isFinite(low) &&
      Number.isFinite(high)
    )
      return { min: Math.min(low, high), max: Math.max(low, high) };
  }
  return null;
}

/** "scored 1 to 10" after "how I felt": a range for the item before it, not a field. */
function isRangeModifier(segment: Segment): boolean {
  const range = rangeAt(segment.tokens);
  return (
    range !== null &&
    segment.tokens.every(
      (token) =>
        token.pos === 'NUM' ||
        ['VERB', 'ADP', 'PART'].includes(token.pos) ||
        ['to', 'from', 'of', 'between', '-'].includes(token.word),
    )
  );
}

function introducerAt(tokens: readonly Token[]): { at: number; length: number } | null {
  let depth = 0;
  for (let index = 1; index < tokens.length; index++) {
    const word = tokens[index]?.word ?? '';
    if (word === '(') depth++;
    if (word === ')') depth--;
    if (depth !== 0) continue;
    if (introducers.has(word)) return { at: index, length: 1 };
    // "the shelf - top, middle or bottom": a spaced dash after the name introduces its options.
    if (optionDash(tokens, index)) return { at: index, length: 1 };
    if (word === 'such' && tokens[index + 1]?.word === 'as') return { at: index, length: 2 };
    if (word === 'e.g.' || word === 'eg') return { at: index, length: 1 };
  }
  return null;
}

/** A dash with a space on each side and words after it ("0–10", "check-in" are no lead-in). */
function optionDash(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  const next = tokens[index + 1];
  if (!token?.at || !next || next.pos === 'NUM' || !['-', '–', '—'].includes(token.text)) return false;
  const { source, start, end } = token.at;
  return /\s/.test(source[start - 1] ?? '') && /\s/.test(source[end] ?? '');
}

/** The prefix ending with a choice head ("approval status", "severity"), when more words follow it. */
function headSplit(tokens: readonly Token[]): number {
  for (let index = Math.min(tokens.length - 2, 3); index >= 0; index--) {
    const word = tokens[index]?.word ?? '';
    if (choiceHeads.has(word) || statusHeads.has(word)) return index + 1;
  }
  return -1;
}

/** Following segments that continue an option run: short, comma- or "or"-joined, until the "or". */
function takeRun(
  segments: readonly Segment[],
  from: number,
  toEnd: boolean,
): { options: string[]; next: number; sawOr: boolean } {
  const options: string[] = [];
  let index = from;
  let sawOr = false;
  while (index < segments.length) {
    const segment = segments[index] as Segment;
    const short =
      segment.tokens.length <= 4 &&
      !segment.tokens.some((token) => token.word === '(' || token.word === 'whether');
    if (!toEnd && (!short || segment.separator === 'and' || segment.separator === 'start')) break;
    if (toEnd && !short) break;
    options.push(optionText(segment.tokens));
    index++;
    if (segment.separator === 'or') {
      sawOr = true;
      if (!toEnd) break;
    }
  }
  return { options, next: index, sawOr };
}

/**
 * A list of fields as a person writes it: "guest name, room number, category (noise, cleanliness,
 * billing), severity low, medium or high, and whether it was resolved". Options stay in the
 * person's order; a bare "a, b or c" run after a choice word is that choice's options.
 */
export function readFieldList(tokens: readonly Token[]): ListItem[] {
  const segments = segmentsOf(tokens);
  const items: ListItem[] = [];
  const lastField = (): FieldPhrase | null => {
    const last = items[items.length - 1];
    return last?.kind === 'field' ? last.field : null;
  };
  let index = 0;
  while (index < segments.length) {
    const segment = segments[index] as Segment;
    const words = segment.tokens.map((token) => token.word);
    index++;

    if (words.length === 1 && words[0] === 'not' && segment.separator === 'or') {
      const previous = lastField();
      if (previous) {
        previous.hints = { ...previous.hints, yesNo: true, person: false, options: [] };
        previous.name = previous.name.replace(/ by .*$/i, '');
      }
      continue;
    }
    if (isRangeModifier(segment) && lastField()) {
      const previous = lastField() as FieldPhrase;
      previous.hints = { ...previous.hints, range: rangeAt(segment.tokens) };
      continue;
    }

    // "milestones (…) with due dates": a record type inside the list.
    const withAt = words.indexOf('with');
    if (withAt > 0 && withAt < words.length - 1 && !words.includes('whether')) {
      const head = segment.tokens.slice(0, withAt);
      const open = head.findIndex((token) => token.word === '(');
      const nameTokens = open >= 0 ? head.slice(0, open) : head;
      const options =
        open >= 0
          ? splitOptions(
              head.slice(
                open + 1,
                head.findIndex((token) => token.word === ')'),
              ),
            )
          : [];
      // The nested list runs to the end of this item only: later items belong to the outer record.
      const innerTokens = segment.tokens.slice(withAt + 1);
      items.push({ kind: 'entity', nameTokens, options, fields: fieldsOf(readFieldList(innerTokens)) });
      continue;
    }

    // "bins emptied, floors mopped, kitchen wiped - each a tick box": yes/no for the run it closes.
    const marker = eachMarkerAt(segment.tokens);
    if (marker > 0) {
      const phrase = fieldPhrase(segment.tokens.slice(0, marker));
      phrase.hints = { ...phrase.hints, yesNo: true, options: [], person: false };
      markRun(
        items,
        segment.tokens.slice(0, marker).some((token) => token.pos === 'VERB'),
      );
      items.push({ kind: 'field', field: phrase });
      continue;
    }

    const chained = chainField(segment.tokens);
    if (chained) {
      items.push({ kind: 'field', field: chained });
      continue;
    }

    const introducer = introducerAt(segment.tokens);
    if (introducer && words[0] !== 'whether' && words[0] !== 'through') {
      const nameTokens = segment.tokens.slice(0, introducer.at);
      const first = segment.tokens.slice(introducer.at + introducer.length);
      const run = takeRun(segments, index, false);
      index = run.next;
      const options = [optionText(first), ...run.options].filter(Boolean);
      const phrase = fieldPhrase(nameTokens);
      const plural = /s$/i.test(phrase.name) && !run.sawOr;
      phrase.hints = {
        ...phrase.hints,
        options,
        multi: plural && options.length > 0 && !segment.tokens.some((t) => t.word === 'or'),
      };
      if (/s$/i.test(phrase.name) && !phrase.hints.multi && !pluralOnly.test(phrase.name))
        phrase.name = singularName(phrase.name);
      items.push({ kind: 'field', field: phrase });
      continue;
    }

    const through = words.indexOf('through');
    if (through >= 0) {
      items.push({ kind: 'field', field: statusRun(segment.tokens, through) });
      continue;
    }

    // "severity low, medium or high", "status idea, drafting, editing, published".
    const split = words.includes('(') ? -1 : headSplit(segment.tokens);
    const following = segments[index];
    if (split > 0 && following && (following.separator === 'comma' || following.separator === 'or')) {
      const head = segment.tokens.slice(0, split);
      const status = head.some((token) => statusHeads.has(token.word));
      const run = takeRun(segments, index, false);
      if (run.sawOr || status) {
        const all = status && !run.sawOr ? takeRun(segments, index, true) : run;
        index = all.next;
        const phrase = fieldPhrase(head);
        // "a result of pass or fail", "status: open": the joining word is not the first option.
        let first = segment.tokens.slice(split);
        while (first.length > 1 && ['of', 'is', ':', 'either', 'as', 'like'].includes(first[0]?.word ?? ''))
          first = first.slice(1);
        phrase.hints = { ...phrase.hints, options: [optionText(first), ...all.options] };
        phrase.status = status;
        items.push({ kind: 'field', field: phrase });
        continue;
      }
    }

    // "paid or unpaid", "home or away": an unnamed either-or.
    if (
      following?.separator === 'or' &&
      words.length <= 2 &&
      !words.includes('(') &&
      following.tokens.length <= 3
    ) {
      const run = takeRun(segments, index, false);
      const options = [optionText(segment.tokens), ...run.options];
      const [first, second] = options.map((option) => option.toLowerCase());
      index = run.next;
      if (
        options.length === 2 &&
        first &&
        second &&
        (second === `un${first}` || second === `not ${first}` || second === `non-${first}`)
      ) {
        const phrase = fieldPhrase(segment.tokens);
        phrase.hints = { ...phrase.hints, yesNo: true };
        items.push({ kind: 'field', field: phrase });
      } else {
        const phrase = fieldPhrase(segment.tokens);
        phrase.name = options.map((option, at) => (at === 0 ? option : option.toLowerCase())).join(' or ');
        phrase.name = phrase.name.charAt(0).toUpperCase() + phrase.name.slice(1);
        phrase.hints = { ...phrase.hints, options };
        items.push({ kind: 'field', field: phrase });
      }
      continue;
    }

    for (const phrase of expandPhrase(segment.tokens)) items.push({ kind: 'field', field: phrase });
  }
  return shareHeads(items);
}

/** "a status that goes through the stages new, assigned, in progress and done". */
function statusRun(tokens: readonly Token[], through: number): FieldPhrase {
  const before = tokens
    .slice(0, through)
    .filter(
      (token) =>
        !['that', 'which', 'goes', 'go', 'going', 'moves', 'move', 'moving', 'passes'].includes(token.word),
    );
  let start = through + 1;
  if (tokens[start]?.word === 'the') start++;
  const named = tokens[start]?.word ?? '';
  if (['stages', 'steps', 'statuses', 'states', 'phases'].includes(named)) start++;
  const phrase = before.length > 0 ? fieldPhrase(before) : fieldPhrase([]);
  if (before.length === 0)
    phrase.name = ['steps', 'statuses', 'states', 'phases'].includes(named) ? 'Status' : 'Stage';
  phrase.hints = { ...phrase.hints, options: splitOptions(tokens.slice(start)) };
  phrase.status = true;
  return phrase;
}

/** "whether their laptop, badge and accounts are ready" is three yes/no fields. */
function expandPhrase(tokens: readonly Token[]): FieldPhrase[] {
  const phrase = fieldPhrase(tokens);
  return phrase.expanded ?? [phrase];
}

/** Options inside brackets or after "through": split at commas, conjunctions, slashes and arrows. */
export function splitOptions(tokens: readonly Token[]): string[] {
  return segmentsOf(tokens)
    .flatMap((segment) => splitAtSeparators(segment.tokens))
    .map((part) => optionText(part))
    .filter(Boolean);
}

/**
 * "paper size A4/A3/A2" (a choice), "paid yes/no" (a yes/no), "it goes mash -> ferment -> packaged"
 * (the workflow). A slash joins alternatives only after a word that takes options or in a run of
 * three: "make/model" is one field's name.
 */
function chainField(tokens: readonly Token[]): FieldPhrase | null {
  const found = findChain(tokens);
  if (!found) return null;
  const chain = splitNamedFirst(tokens, found);
  const head = tokens
    .slice(0, chain.start)
    .filter(
      (token) =>
        !motionVerbs.has(token.word) &&
        !['it', 'they', ':', 'is', 'are', 'that', 'which'].includes(token.word),
    );
  const moving = tokens.slice(0, chain.start).some((token) => motionVerbs.has(token.word));
  const namedStatus = head.some(
    (token) => statusHeads.has(token.word) || statusHeads.has(singularize(token.word)),
  );
  if (isYesNo(chain.options) && head.length > 0) {
    const phrase = fieldPhrase(head);
    phrase.hints = { ...phrase.hints, yesNo: true, options: [] };
    return phrase;
  }
  if (chain.kind === 'arrow' || moving || namedStatus) {
    const phrase = namedStatus ? fieldPhrase(head) : fieldPhrase([]);
    if (!namedStatus) phrase.name = 'Status';
    phrase.typeName = phrase.name;
    phrase.hints = { ...phrase.hints, options: chain.options };
    phrase.status = true;
    return phrase;
  }
  const choice = head.some((token) => choiceHeads.has(token.word));
  if (head.length === 0 || !(choice || chain.options.length >= 3)) return null;
  const phrase = fieldPhrase(head);
  phrase.hints = { ...phrase.hints, options: chain.options };
  return phrase;
}

/**
 * "status reported / being fixed / fixed": the first option reaches back as far as the longest
 * later one ("being fixed"), and so swallows the field's name; a name word that opens the item
 * ("status", "size") is the name, not part of the first option.
 */
function splitNamedFirst(tokens: readonly Token[], chain: OptionChain): OptionChain {
  const opener = tokens[chain.start];
  const [first, ...rest] = chain.options;
  const leading = tokens.slice(0, chain.start).every((token) => ['a', 'an', 'the'].includes(token.word));
  if (!leading || !opener || !first || !(statusHeads.has(opener.word) || choiceHeads.has(opener.word)))
    return chain;
  const without = first.split(' ').slice(1).join(' ');
  if (!without) return chain;
  return {
    ...chain,
    start: chain.start + 1,
    options: [without.charAt(0).toUpperCase() + without.slice(1), ...rest],
  };
}

/**
 * "start and end date" → Start Date, End Date: a lone modifier borrows the next item's head.
 */
function shareHeads(items: ListItem[]): ListItem[] {
  items.forEach((item, index) => {
    const next = items[index + 1];
    if (item.kind !== 'field' || next?.kind !== 'field') return;
    const borrowed = borrowHead(item.field, next.field);
    if (borrowed) item.field = borrowed;
    // "appointment date and time" → Appointment Date, Appointment Time.
    const words = item.field.name.split(' ');
    const nextName = next.field.name.toLowerCase();
    if (
      words.length > 1 &&
      /^(date|time)$/i.test(words[words.length - 1] ?? '') &&
      (nextName === 'time' || nextName === 'date')
    ) {
      const name = [...words.slice(0, -1), next.field.name].join(' ');
      next.field = { ...next.field, name, typeName: name };
    }
  });
  return items;
}

export function fieldsOf(items: readonly ListItem[]): FieldPhrase[] {
  return items.flatMap((item) => (item.kind === 'field' ? [item.field] : []));
}

function singularName(name: string): string {
  if (/ies$/i.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes)$/i.test(name)) return name.slice(0, -2);
  return name.replace(/s$/i, '');
}

const tickWords = new Set([
  'checkbox',
  'tickbox',
  'checkmark',
  'tick',
  'check',
  'box',
  'yes',
  'no',
  '/',
  'y',
  'n',
]);

/** Where "- each a tick box", "(each a checkbox)", ", each yes/no" starts in an item, or -1. */
function eachMarkerAt(tokens: readonly Token[]): number {
  const at = tokens.findIndex(
    (token, index) =>
      token.word === 'each' && index > 1 && ['-', '–', '—', '('].includes(tokens[index - 1]?.word ?? ''),
  );
  if (at < 0) return -1;
  const said = tokens.slice(at + 1).filter((token) => !['a', 'an', 'one', ')', 'as'].includes(token.word));
  const tick = said.length > 0 && said.every((token) => tickWords.has(token.word));
  return tick ? at - 1 : -1;
}

/**
 * The items before a yes/no marker that share the marked item's shape ("floors mopped", "toilets
 * cleaned": a noun and a participle) are the "each" it speaks of; the run stops at the first other.
 */
function markRun(items: ListItem[], participle: boolean): void {
  if (!participle) return;
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    if (item?.kind !== 'field' || item.field.hints.options.length > 0) return;
    const words = item.field.name.split(' ');
    if (words.length < 2 || !words.slice(1).some((word) => /ed$/i.test(word))) return;
    item.field.hints = { ...item.field.hints, yesNo: true, person: false };
  }
}
