import { isPlural } from './inflect.ts';

/**
 * The layout of a request as the readers understand it. People write lists as lines: a lead-in
 * ("For each appointment:") and bullets or numbers under it, one item a line, or one record type a
 * numbered line ("1. Dogs: name, breed"). Collapsing the whitespace first glued those lines into one
 * run ("any notes 2. Walkers", "Mobile 3"), so this pass turns the layout into prose units first:
 * one unit a line of the result, each a sentence (or a lead-in with its list) for `clausesOf`.
 */

/** "- x", "* x", "• x", "1. x", "2) x", "a) x": the marker and the item after it. */
const bulletPattern = /^(?:[-*•·‣▪–—+]|\(?\d{1,2}[.)]|\(?[a-z][)])\s+(.*)$/i;

/** A line that runs on into the next: it ends with a comma or a word that needs what follows. */
const runsOn = /(?:[,&(/]|\b(?:and|or|with|of|the|a|an|for|to|in|on|by|plus))$/i;

/** Words with a full stop that does not end a sentence ("etc. and", "approx. weekly"). */
const abbreviations = new Set([
  'etc',
  'vs',
  'incl',
  'approx',
  'eg',
  'ie',
  'dept',
  'misc',
  'est',
  'esp',
  'ref',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'co',
]);

/** At most this many words outside brackets, and no colon: an item that names a field. */
const fieldItemWords = 8;

/**
 * The request as units, one a line: each prose line and each sentence in it; a list of short
 * items joined to its lead-in ("For each appointment: pet name, species (dog, cat), …"); a list
 * of statements or declarations ("Dogs: name, breed") one unit an item.
 */
export function layoutText(raw: string): string {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    // "deposit paid? yes/no": a question mark that only asks for a yes or no ends no sentence.
    .map((line) => line.replace(/\?\s*(?=\(?\s*(?:yes|no|y|n)\s*(?:\/|or)\s*(?:yes|no|y|n)\b)/gi, ' '));
  const units: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    index++;
    if (!line) continue;
    const items: string[] = [];
    while (index < lines.length) {
      const item = bulletPattern.exec(lines[index] ?? '')?.[1];
      if (item === undefined) break;
      items.push(item.replace(/[.;,]+$/, '').trim());
      index++;
    }
    const bullet = bulletPattern.exec(line)?.[1];
    if (bullet !== undefined) {
      // A list with no lead-in line: its first item opens it.
      items.unshift(bullet.replace(/[.;,]+$/, '').trim());
      units.push(...listUnits(null, items.filter(Boolean)));
      continue;
    }
    if (items.length > 0) {
      units.push(...listUnits(line, items.filter(Boolean)));
      continue;
    }
    // "… we track the name,\nthe date": a line broken mid-sentence is one line.
    let joined = line;
    while (
      runsOn.test(joined) &&
      index < lines.length &&
      lines[index] &&
      !bulletPattern.test(lines[index] ?? '')
    ) {
      joined = `${joined} ${lines[index]}`;
      index++;
    }
    units.push(...sentenceUnits(joined));
  }
  return units.join('\n');
}

function listUnits(lead: string | null, items: string[]): string[] {
  // Each record item as "Properties: address, number of units.", its head a lead-in however short its list.
  if (declaresRecords(items))
    return [
      ...(lead ? sentenceUnits(lead) : []),
      ...items.map((item) => {
        const [, head, bracket, dashed] = recordItem.exec(item) ?? [];
        return `${head?.trim()}: ${bracket ?? dashed}.`;
      }),
    ];
  const fieldLike = items.length > 0 && items.every(isFieldItem);
  if (!fieldLike) {
    const leadUnits = lead ? sentenceUnits(lead) : [];
    return [...leadUnits, ...items.flatMap((item) => sentenceUnits(item))];
  }
  const list = items.join(', ');
  if (!lead) return [`${list}.`];
  const leadUnits = sentenceUnits(lead);
  // The list belongs to the sentence right before it, whether or not that ends with a colon.
  const last = (leadUnits.pop() ?? '').replace(/[.:;!?]+$/, '');
  return [...leadUnits, `${last}: ${list}.`];
}

/** "Properties (address, number of units)", "Repair requests – who reported it, cost": a record type and its fields. */
const recordItem = /^([^():,]+?)\s*(?:\((.*,.*)\)|\s[-–—]\s(.*,.*))$/;

/**
 * "1. Properties (address, …)\n2. Tenants (name, …)\n3. Repair requests – …": when every item is
 * a plural head with its own list, each item declares a record type (one unit an item), where a
 * field list's items are mostly bare ("size", "serviced yes/no").
 */
function declaresRecords(items: readonly string[]): boolean {
  return (
    items.length >= 2 &&
    items.every((item) => {
      const head = recordItem.exec(item)?.[1]?.trim().split(/\s+/) ?? [];
      return head.length > 0 && head.length <= 3 && isPlural((head[head.length - 1] ?? '').toLowerCase());
    })
  );
}

/**
 * Short, and no colon of its own: "species (dog, cat, rabbit)", "bins emptied, floors mopped" — or
 * a short name, a colon and its options: "status: waiting -> in progress -> done", "size: S / M / L".
 */
function isFieldItem(item: string): boolean {
  const outside = item.replace(/\([^)]*\)/g, ' ');
  const colon = outside.indexOf(':');
  if (colon >= 0) {
    const name = outside.slice(0, colon).trim().split(/\s+/).filter(Boolean);
    const options = outside.slice(colon + 1);
    // A plural head declares a record type with its fields ("Horses: name, stable"), as its own line.
    return (
      name.length > 0 &&
      name.length <= 3 &&
      !isPlural((name[name.length - 1] ?? '').toLowerCase()) &&
      !outside.slice(colon + 1).includes(':') &&
      /,|\/|->|→|\bor\b/.test(options)
    );
  }
  // "bins emptied, floors mopped - each a tick box": a run of fields is counted item by item.
  const parts = outside.split(/,|\s[-–—]\s/);
  return parts.every((part) => part.trim().split(/\s+/).filter(Boolean).length <= fieldItemWords);
}

/**
 * A line's sentences where the sentence splitter does not see them: a full stop before a lower-case
 * word ("paid yes/no. show me a chart") ends a sentence unless it follows an abbreviation or a
 * dotted word ("e.g. dogs", "etc. and").
 */
export function sentenceUnits(line: string): string[] {
  const units: string[] = [];
  let start = 0;
  const boundary = /([A-Za-z][\w'’-]*)\.\s+(?=[a-z])/g;
  for (let match = boundary.exec(line); match; match = boundary.exec(line)) {
    const word = match[1] ?? '';
    const before = line[match.index - 1];
    if (abbreviations.has(word.toLowerCase()) || word.length < 2 || before === '.') continue;
    units.push(line.slice(start, match.index + word.length + 1).trim());
    start = match.index + match[0].length;
  }
  units.push(line.slice(start).trim());
  return units.flatMap(splitAfterYesNo).filter(Boolean);
}

/**
 * "deposit paid y/n. Also the equipment …", "attended yes/no. Treatment notes …": the tokenizer
 * runs the two sentences together; a full stop right after a yes/no choice ends one.
 */
function splitAfterYesNo(unit: string): string[] {
  return unit.split(/(?<=\b(?:[a-z]|yes|no)\/(?:[a-z]|yes|no)\.)\s+(?=[A-Z])/i);
}
