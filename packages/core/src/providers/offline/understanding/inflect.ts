import { lemmaPhrase } from '../../../text/english.ts';

/** Words kept lower-case inside a title-cased name ("Date of Birth", "Out for Delivery"). */
const smallWords = new Set(['of', 'in', 'for', 'and', 'or', 'to', 'the', 'a', 'an', 'on', 'at', 'by', 'per']);

/**
 * Title case in the person's words: "room number" → "Room Number". Words the person cased
 * themselves (DHL, LinkedIn, TikTok, CPR, A4) keep their casing; hyphenated parts are each
 * capitalised ("no-show" → "No-Show").
 */
export function titleCase(phrase: string): string {
  const parts = phrase.trim().replace(/\s+/g, ' ').split(' ');
  return parts
    .map((part, index) => {
      const lower = part.toLowerCase();
      if (index > 0 && index < parts.length - 1 && smallWords.has(lower)) return lower;
      if (/[A-Z]/.test(part.slice(1)) || /^[A-Z0-9]+$/.test(part)) return part;
      return part
        .split('-')
        .map((piece) => (piece ? piece.charAt(0).toUpperCase() + piece.slice(1) : piece))
        .join('-');
    })
    .join(' ');
}

const invariant = new Set([
  'staff',
  'equipment',
  'species',
  'series',
  'news',
  'data',
  'software',
  'feedback',
  'inventory',
  'stock',
  'personnel',
  'furniture',
  'information',
  'homework',
  'downtime',
  'maintenance',
  'media',
  'sheep',
  'fish',
  'police',
  'research',
  'mail',
  'on-call',
]);
const irregularPlurals: ReadonlyMap<string, string> = new Map([
  ['person', 'people'],
  ['child', 'children'],
  ['man', 'men'],
  ['woman', 'women'],
  ['foot', 'feet'],
  ['tooth', 'teeth'],
  ['mouse', 'mice'],
  ['analysis', 'analyses'],
  ['criterion', 'criteria'],
  ['life', 'lives'],
  ['knife', 'knives'],
  ['leaf', 'leaves'],
  ['shelf', 'shelves'],
  ['half', 'halves'],
  ['wife', 'wives'],
  ['thesis', 'theses'],
]);
const irregularSingulars: ReadonlyMap<string, string> = new Map(
  [...irregularPlurals].map(([singular, plural]) => [plural, singular]),
);

function lastWord(phrase: string): { head: string; last: string } {
  const index = phrase.lastIndexOf(' ');
  return index < 0
    ? { head: '', last: phrase }
    : { head: phrase.slice(0, index + 1), last: phrase.slice(index + 1) };
}

function keepCase(model: string, word: string): string {
  if (model === model.toUpperCase() && /[A-Z]/.test(model)) return word.toUpperCase();
  if (model.charAt(0) === model.charAt(0).toUpperCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/** The plural of a name's last word: "Loan" → "Loans", "Class" → "Classes", "Category" → "Categories". */
export function pluralize(name: string): string {
  const { head, last } = lastWord(name);
  const lower = last.toLowerCase();
  if (invariant.has(lower) || /[^a-z]$/i.test(lower)) return name;
  if (/^[A-Z0-9]+$/.test(last) && last.length > 1) return `${name}s`;
  const irregular = irregularPlurals.get(lower);
  if (irregular) return head + keepCase(last, irregular);
  if (/[^aeiou]y$/.test(lower)) return `${head}${last.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${name}es`;
  return `${name}s`;
}

/** The singular of a plural name: "Tools" → "Tool", "Categories" → "Category", "RSVPs" → "RSVP". */
export function singularize(name: string): string {
  const { head, last } = lastWord(name);
  const lower = last.toLowerCase();
  if (invariant.has(lower) || lower.length < 3) return name;
  if (/^[A-Z0-9]+s$/.test(last)) return head + last.slice(0, -1);
  const irregular = irregularSingulars.get(lower);
  if (irregular) return head + keepCase(last, irregular);
  if (!lower.endsWith('s') || /(ss|us|is)$/.test(lower)) return name;
  const lemma = lemmaPhrase(lower);
  // The lemma only when it is the word's own stem ("licences" must not become "license").
  const stem = lemma.endsWith('y') ? lemma.slice(0, -1) : lemma;
  if (
    lemma &&
    lemma !== lower &&
    !lemma.includes(' ') &&
    lower.startsWith(stem) &&
    lower.length - stem.length <= 3
  )
    return head + keepCase(last, lemma);
  if (/ies$/.test(lower)) return `${head}${last.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zes)$/.test(lower)) return head + last.slice(0, -2);
  return head + last.slice(0, -1);
}

export function isPlural(word: string): boolean {
  const lower = word.toLowerCase();
  return !invariant.has(lower) && singularize(lower) !== lower;
}

const irregularParticiples: ReadonlyMap<string, string> = new Map([
  ['do', 'done'],
  ['give', 'given'],
  ['send', 'sent'],
  ['pay', 'paid'],
  ['write', 'written'],
  ['hold', 'held'],
  ['lend', 'lent'],
  ['hand', 'handed'],
  ['take', 'taken'],
  ['make', 'made'],
  ['sell', 'sold'],
  ['buy', 'bought'],
  ['see', 'seen'],
]);

/** "approve" → "approved", "reject" → "rejected", "ship" → "shipped", "tick" → "ticked". */
export function pastParticiple(verb: string): string {
  const lower = verb.toLowerCase();
  const known = irregularParticiples.get(lower);
  if (known) return known;
  if (lower.endsWith('e')) return `${lower}d`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][bdgmnpt]$/.test(lower)) return `${lower}${lower.slice(-1)}ed`;
  return `${lower}ed`;
}

/** A deterministic id from a name: "Due Date" → "due-date". */
export function slug(text: string): string {
  const value = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return value || 'item';
}
