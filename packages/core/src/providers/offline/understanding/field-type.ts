import type { FieldType, NumberRange } from '../../../blueprint/blueprint.ts';
import {
  booleanWords,
  chargePeriods,
  dateWords,
  emailWords,
  identifierWords,
  longTextWords,
  moneyWords,
  numberWords,
  optionlessChoices,
  outsideParties,
  phoneWords,
  staffRoles,
  timeWords,
  unitWords,
  urlWords,
} from './words.ts';

/** What the words around a field name say about its type. */
export interface TypeHints {
  options: readonly string[];
  /** Options listed without "or" under a plural name ("dietary needs (vegetarian, vegan)"). */
  multi: boolean;
  /** "in days", "in kg": a measured quantity. */
  unit: string | null;
  range: NumberRange | null;
  /** "whether …", "a billable flag", "approved … or not". */
  yesNo: boolean;
  /** "who booked it", "assigned to a technician": a person. */
  person: boolean;
  /** "when it was last watered", "last done": a moment. */
  moment: boolean;
  /** "price (£)", "rate per word in €", "cost in dollars": an amount of money. */
  currency: boolean;
}

export const noHints: TypeHints = {
  options: [],
  multi: false,
  unit: null,
  range: null,
  yesNo: false,
  person: false,
  moment: false,
  currency: false,
};

const strongNumberWords = new Set(['quantity', 'qty', 'count', 'mileage', 'capacity', 'percentage']);

const participleCounts =
  /^(generated|purchased|used|sold|made|completed|attended|logged|remaining|left|available|needed|booked|won|scored|worked|taken|issued|received|served|delivered)$/;

/**
 * A field's type from its name and the words around it, most specific first: stated options make a
 * choice, "whether" a yes/no, a range a number; then the name's words — its last word weighs most
 * ("purchase price" is money, "purchase date" a date).
 */
export function inferType(name: string, hints: TypeHints): FieldType {
  const words = name
    .toLowerCase()
    .split(/[\s/]+/)
    .filter(Boolean);
  const last = words[words.length - 1] ?? '';
  const has = (group: ReadonlySet<string>) => words.some((word) => group.has(word));
  if (hints.options.length > 0) return hints.multi ? 'multiChoice' : 'choice';
  if (hints.yesNo) return 'boolean';
  if (hints.currency) return 'money';
  if (hints.range) return 'number';
  if (hints.person) return 'person';
  if (has(emailWords)) return 'email';
  if (has(phoneWords)) return 'phone';
  // "site" alone is a place (a building site, a client site); only "web site" is an address.
  const webAddress = urlWords.has(last) && (last !== 'site' || words[words.length - 2] === 'web');
  if (webAddress || (words.includes('link') && !has(dateWords))) return 'url';
  if (last === 'time' && hints.unit) return 'number';
  if (dateWords.has(last) || last === 'birth' || words.includes('date')) return 'date';
  // "membership paid until", "insured till", "valid until": the end of a period is a date.
  if (words.length > 1 && (last === 'until' || last === 'till')) return 'date';
  if (timeWords.has(last) || (words.length > 1 && last === 'start') || (words.length > 1 && last === 'end'))
    return words.includes('time') || timeWords.has(last) ? 'time' : 'date';
  if (hints.moment) return 'date';
  if (last === 'start' || last === 'end' || last === 'when') return 'date';
  // "amount (mg/kg)", "value in litres": a stated unit of measure outweighs a money word.
  // ("price in pounds" is money: pounds are a currency as well as a weight.)
  if (hints.unit && hints.unit !== 'count' && hints.unit !== 'pounds' && has(moneyWords)) return 'number';
  if (has(moneyWords) && !words.includes('terms')) return 'money';
  if (isChargeRate(words) && !hints.unit) return 'money';
  if (booleanWords.has(last)) return 'boolean';
  // "tracking number", "membership number": an identifier; "shirt number", "room number": a number.
  if (last === 'number' || last === 'no' || last === '#')
    return abbreviated(name) ||
      words.some(
        (word) =>
          identifierWords.has(word) ||
          staffRoles.has(singular(word)) ||
          outsideParties.has(singular(word)) ||
          word.endsWith('ship'),
      )
      ? 'text'
      : 'number';
  if (hints.unit) return 'number';
  // "max occupancy", "minimum order", "maximum load": a limit is a quantity.
  if (words.length > 1 && ['max', 'min', 'maximum', 'minimum'].includes(words[0] ?? '')) return 'number';
  if (words.some((word) => strongNumberWords.has(word)) || /\b(on hand|in stock)\b/.test(name.toLowerCase()))
    return 'number';
  // "hours flown", "miles driven", "litres used": a plural unit of measure and what was done with it.
  if (
    words.length === 2 &&
    unitWords.has(words[0] ?? '') &&
    isCountable(words[0] ?? '') &&
    isParticiple(last)
  )
    return 'number';
  if (
    words[0] === 'how' &&
    (words[1] === 'many' || words[1] === 'much' || words[1] === 'often' || words[1] === 'long')
  )
    return 'number';
  if (words.length > 1 && participleCounts.test(last) && words.slice(0, -1).some(isCountable))
    return 'number';
  if (
    numberWords.has(last) &&
    !(last === 'size' && words.length === 1) &&
    !(last === 'level' && words.length === 1)
  )
    return 'number';
  if (longTextWords.has(last) || has(longTextWords)) return 'longText';
  // "next vaccine", "last service", "previous inspection": the one before or after is a moment.
  if (
    words.length > 1 &&
    ['next', 'last', 'previous'].includes(words[0] ?? '') &&
    !['name', 'names', 'of', 'word', 'words'].includes(words[1] ?? '')
  )
    return 'date';
  if (last === 'tags' || last === 'labels') return 'multiChoice';
  if (optionlessChoices.has(last)) return 'choice';
  if (staffRoles.has(singular(last)) && !outsideParties.has(singular(last)))
    return words.length > 1 && words[words.length - 2] === 'contact' ? 'text' : 'person';
  return 'text';
}

/** "day rate", "hourly rate", "rate per page": what is charged for a stretch of work, not a measured rate. */
function isChargeRate(words: readonly string[]): boolean {
  const at = words.lastIndexOf('rate');
  if (at < 0) return false;
  if (words[at + 1] === 'per') return true;
  return at > 0 && chargePeriods.has(words[at - 1] ?? '');
}

/** "UTR Number", "NHS no": a code written in capitals names an identifier, not a count. */
function abbreviated(name: string): boolean {
  return name
    .split(/[\s/]+/)
    .slice(0, -1)
    .some((word) => word.length >= 2 && /^[A-Z0-9]+$/.test(word) && /[A-Z]/.test(word));
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** "flown", "driven", "worked", "spent": a past participle (regular, or an irregular -n / -t form). */
function isParticiple(word: string): boolean {
  return participleCounts.test(word) || /(ed|en|wn|ung|ought|pent|lt)$/.test(word);
}

/** A plural noun counted by a participle after it: "leads generated", "seats used". */
function isCountable(word: string): boolean {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss');
}

/** "yes/no", "y/n", "true/false", "yes or no" (either order): a yes-or-no field, not a choice of two. */
export function isYesNo(options: readonly string[]): boolean {
  if (options.length !== 2) return false;
  const pair = options
    .map((option) => option.toLowerCase())
    .sort()
    .join('/');
  return pair === 'no/yes' || pair === 'n/y' || pair === 'false/true';
}
