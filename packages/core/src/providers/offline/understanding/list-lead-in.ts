import { segmentsOf } from './field-list.ts';
import { nounPhraseAt } from './noun-phrase.ts';
import { findWord, type Token } from './tokens.ts';

/**
 * Where a clause introduces a list of fields, and what names the records: the words before a
 * colon are the classic lead-in, but people also write "X (a, b, c)", "X — a, b and c",
 * "X - a, b, c", "Record the a, the b and the c" or "Track each X (kinds), a and b".
 */
export interface ListLeadIn {
  /** The words that name the records (may be empty: the request's main records). */
  head: Token[];
  /** The list itself. */
  list: Token[];
  /** The head names a record one at a time ("each kit item (shirt, shorts)"): its brackets are its kinds. */
  kinds: Token[];
  /** "a spreadsheet with columns: Item, Serial No., …" names no records: its first column may name the rows. */
  firstColumnNamesRows?: boolean;
}

/** Verbs that introduce what is written down about each record. */
const recordingVerbs = new Set([
  'record',
  'records',
  'note',
  'notes',
  'log',
  'logs',
  'capture',
  'captures',
  'store',
  'stores',
  'track',
  'tracks',
  'collect',
  'collects',
  'enter',
  'jot',
  'write',
]);

/** Verbs that introduce a list only after "for each X": "we need", "I want to save", "we keep". */
const keepingVerbs = new Set(['need', 'want', 'save', 'keep', 'have', 'know', 'register', 'list', 'put']);

/** At least this many items: two ("a name and a date") are as often a sentence as a list. */
const listItems = 3;
/** Items this long or longer are clauses, not fields. */
const itemWords = 7;

export function listLeadIn(clause: readonly Token[]): ListLeadIn | null {
  const colon = findWord(clause, ':');
  // "Customer name, phone, …, and status: waiting, in progress, …": the colon gives the last item
  // its options; the whole clause is a list of the records the request named before.
  if (colon > 0 && isShortList(clause.slice(0, colon))) return { head: [], list: [...clause], kinds: [] };
  const columns = columnsLeadIn(clause);
  if (columns) return columns;
  if (colon > 0) return { head: clause.slice(0, colon), list: clause.slice(colon + 1), kinds: [] };
  return trailingBrackets(clause) ?? dashLeadIn(clause) ?? recordingVerbLeadIn(clause) ?? bareList(clause);
}

/** Four items at least: "Customer name, phone, bike make/model, what's wrong" standing as a sentence. */
const bareListItems = 4;

/**
 * A sentence that is nothing but a list of fields ("Customer name, phone, bike make/model, what's
 * wrong, …" after "Can you make a repair ticket tracker?") lists the fields of the records named
 * before. Its first item is singular and verbless: "Tools, parts, suppliers and orders" names record
 * types, and "members borrow tools, …" is a sentence.
 */
function bareList(clause: readonly Token[]): ListLeadIn | null {
  if (!isShortList(clause, bareListItems)) return null;
  const [first] = segmentsOf(clause);
  const words = first ? outsideBrackets(first.tokens).filter((token) => !token.punct) : [];
  const last = words[words.length - 1];
  // "Suppliers with a name, …" is a declaration (declareWith), not a bare list.
  if (
    !last ||
    /s$/i.test(last.word) ||
    // "Judges score each cake on taste, …": a field name is a few words, with no "each" or preposition.
    words.length > 3 ||
    words.some(
      (token) =>
        token.pos === 'VERB' ||
        token.pos === 'AUX' ||
        token.pos === 'ADP' ||
        ['with', 'each', 'every'].includes(token.word),
    )
  )
    return null;
  return { head: [], list: [...clause], kinds: [] };
}

/** A short-item run of three or more: "the date, the type of drill and who attended". */
export function isShortList(tokens: readonly Token[], minimum = listItems): boolean {
  const segments = segmentsOf(tokens);
  return (
    segments.length >= minimum &&
    segments.every(
      (segment) =>
        // "whether the queen was seen, …" runs to the list's end (field-list.ts): a field however long.
        segment.tokens[0]?.word === 'whether' ||
        outsideBrackets(segment.tokens).filter((token) => !token.punct).length < itemWords,
    )
  );
}

/** "Sample inventory for the lab (sample ID, freezer, shelf)": brackets that close the clause after a noun. */
function trailingBrackets(clause: readonly Token[]): ListLeadIn | null {
  if (clause[clause.length - 1]?.word !== ')') return null;
  let depth = 0;
  let open = -1;
  for (let index = clause.length - 1; index >= 0; index--) {
    const word = clause[index]?.word;
    if (word === ')') depth++;
    if (word === '(') depth--;
    if (depth === 0) {
      open = index;
      break;
    }
  }
  const before = clause[open - 1];
  // "Guest list with name, plus one (yes/no), …, and RSVP (yes, no, maybe)": the brackets close the
  // last item of a list already running, and are that item's options, not the list.
  if (clause.slice(0, open).some((token) => token.word === ',' || token.word === 'with')) return null;
  if (open <= 0 || !before || !['NOUN', 'PROPN'].includes(before.pos)) return null;
  const list = clause.slice(open + 1, -1);
  if (!isShortList(list)) return null;
  return { head: objectHead(clause.slice(0, open)), list, kinds: [] };
}

/**
 * "Teams submit a project (…)", "Members book a court (…)": a head whose last words are an object
 * ("a project" after a word that is no preposition) names that object. The tagger reads many verbs
 * as nouns in lower case ("book"), so the determiner marks the object, not the verb. "Sample
 * inventory for the lab" (the object of "for") is read as it stands.
 */
function objectHead(head: readonly Token[]): Token[] {
  for (let index = head.length - 2; index > 0; index--) {
    const token = head[index];
    if (!token || !['a', 'an'].includes(token.word)) continue;
    if (['ADP', 'DET', 'PRON'].includes(head[index - 1]?.pos ?? '') || head[index - 1]?.punct) break;
    const object = nounPhraseAt(head, index + 1);
    if (object && object.end === head.length) return head.slice(index + 1);
    break;
  }
  return [...head];
}

const columnNouns = new Set(['column', 'columns', 'headings', 'headers', 'fields']);
const sheetNouns = new Set(['spreadsheet', 'sheet', 'excel', 'workbook', 'table', 'csv', 'doc']);

/**
 * "Our expense claims live in a spreadsheet with columns Date, Employee, …", "we keep our stock in
 * a google sheet, columns: origin, …": the columns are the fields, and what lives in the sheet
 * (the noun phrase right before "in a … sheet") are the records. With nothing before the sheet
 * ("We have a spreadsheet with columns …") the head is empty: the request's main records.
 */
function columnsLeadIn(clause: readonly Token[]): ListLeadIn | null {
  const at = clause.findIndex(
    (token, index) =>
      columnNouns.has(token.word) && (index === 0 || !columnNouns.has(clause[index - 1]?.word ?? '')),
  );
  if (at < 0) return null;
  const sheet = clause.findIndex((token, index) => index < at && sheetNouns.has(token.word));
  if (sheet < 0) return null;
  let list = clause.slice(at + 1);
  while (list[0] && [':', 'for', 'of', 'are', 'is', 'like'].includes(list[0].word)) list = list.slice(1);
  if (!isShortList(list)) return null;
  // The preposition that puts the records in the sheet: "live in a spreadsheet", "kept on a sheet".
  let preposition = sheet - 1;
  while (preposition > 0 && !['in', 'on', 'into'].includes(clause[preposition]?.word ?? '')) preposition--;
  // "claims live in", "bookings are kept in": the records are the subject of the verb.
  let end = preposition;
  while (end > 0 && ['VERB', 'AUX', 'ADV', 'PART'].includes(clause[end - 1]?.pos ?? '')) end--;
  let start = end;
  while (
    start > 0 &&
    ['NOUN', 'PROPN', 'ADJ'].includes(clause[start - 1]?.pos ?? '') &&
    !clause[start - 1]?.punct
  )
    start--;
  const head = preposition > 0 ? clause.slice(start, end) : [];
  return { head, list, kinds: [], firstColumnNamesRows: head.length === 0 };
}

/** "log training drills — the date, …", "donations - who donated, what, how many kg": a spaced dash. */
function dashLeadIn(clause: readonly Token[]): ListLeadIn | null {
  const dash = clause.findIndex((_token, index) => index > 0 && isSpacedDash(clause, index));
  if (dash <= 0) return null;
  const list = clause.slice(dash + 1);
  if (!isShortList(list)) return null;
  // "we note the species, the condition, and the outcome - released or died": the dash gives the
  // last item of a list already running its options, and is not the list's lead-in.
  if (clause.slice(0, dash).filter((token) => token.word === ',').length >= 2) return null;
  // "the equipment itself — each item has a name, size and daily price": a declaration, not a list.
  if (['each', 'every'].includes(list[0]?.word ?? '')) return null;
  return { head: clause.slice(0, dash), list, kinds: [] };
}

function isSpacedDash(clause: readonly Token[], index: number): boolean {
  const token = clause[index];
  if (!token) return false;
  if (token.text === '—' || token.text === '–') return true;
  if (token.text !== '-' || !token.at) return false;
  const { source, start, end } = token.at;
  return /\s/.test(source[start - 1] ?? '') && /\s/.test(source[end] ?? '');
}

/**
 * "Record the client name, the opposing party, …", "At each inspection we note the date, …",
 * "Track each kit item (shirt, shorts, socks), the size, which player has it": a verb of writing
 * things down with a list as its object. A first item that is "each X" names the records.
 */
function recordingVerbLeadIn(clause: readonly Token[]): ListLeadIn | null {
  // "For each horse I want to save …", "For every visit we need …": once the clause has named the
  // records one at a time, any verb of keeping or needing introduces what each one holds.
  const perRecord =
    ['for', 'at', 'on', 'after'].includes(clause[0]?.word ?? '') &&
    ['each', 'every'].includes(clause[1]?.word ?? '');
  const verb = clause.findIndex(
    (token, index) =>
      (recordingVerbs.has(token.word) || (perRecord && keepingVerbs.has(token.word))) &&
      (index === 0 ||
        ['we', 'i', 'to', 'they', 'you', 'also', 'and'].includes(clause[index - 1]?.word ?? '')),
  );
  if (verb < 0) return null;
  let list = clause.slice(verb + 1);
  if (list[0]?.word === 'down') list = list.slice(1);
  // "I want to save the name, …": the verb's own infinitive is no field.
  while (
    list[0]?.word === 'to' &&
    list[1] &&
    (recordingVerbs.has(list[1].word) || keepingVerbs.has(list[1].word))
  )
    list = list.slice(2);
  if (!isShortList(list)) return null;
  const [first] = segmentsOf(list);
  // "Track tickets with a status, a priority and a size": the verb's object is the records, and
  // what follows "with" their fields — the "X with a, b and c" reading's, not a list of fields.
  if (first?.tokens.some((token) => token.word === 'with' || token.word === 'having')) return null;
  if (first && ['each', 'every'].includes(first.tokens[0]?.word ?? '')) {
    const open = first.tokens.findIndex((token) => token.word === '(');
    const close = first.tokens.findIndex((token) => token.word === ')');
    const named = open > 0 ? first.tokens.slice(0, open) : first.tokens;
    const kinds = open > 0 && close > open ? first.tokens.slice(open + 1, close) : [];
    const after = list.indexOf(first.tokens[first.tokens.length - 1] as Token) + 1;
    return { head: named, list: list.slice(after), kinds };
  }
  return { head: clause.slice(0, verb), list, kinds: [] };
}

function outsideBrackets(tokens: readonly Token[]): Token[] {
  let depth = 0;
  return tokens.filter((token) => {
    if (token.word === '(') depth++;
    const outside = depth === 0;
    if (token.word === ')') depth = Math.max(0, depth - 1);
    return outside;
  });
}
