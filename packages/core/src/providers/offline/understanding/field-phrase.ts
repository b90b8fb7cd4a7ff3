import { cutTimeClause, describesOne, namesRole, rangeIn } from './field-modifiers.ts';
import { isYesNo, noHints, type TypeHints } from './field-type.ts';
import { isPlural, titleCase } from './inflect.ts';
import { surface, type Token, trimPunctuation, withoutQuestionMark } from './tokens.ts';
import {
  auxiliaries,
  compoundUnitParts,
  currencyWords,
  determiners,
  pronouns,
  sharedHeadModifiers,
  unitWords,
} from './words.ts';

/** One field as the person named it, with what the words around it say about its type. */
export interface FieldPhrase {
  name: string;
  /** The words that decide the type: the name before a trailing phrase ("Operator" of "Operator on Shift"). */
  typeName: string;
  hints: TypeHints;
  /** A workflow: "goes through the stages …", "marked open, in progress or fixed". */
  status: boolean;
  /** "whether each milestone is met": the record the field belongs to, when the person named it. */
  subject: string | null;
  /** A phrase that is several fields ("whether their laptop, badge and accounts are ready"). */
  expanded: FieldPhrase[] | null;
}

const subjectPronouns = new Set(['we', 'i', 'they', 'you', 'he', 'she']);
/** A bracket opening with a subject or a condition is the person's remark: "(we have about 30)". */
const remarkStarts = new Set([...subjectPronouns, 'there', 'if', 'when', 'usually', 'mostly']);
const prepositions = new Set(['of', 'on', 'for', 'in', 'at', 'from', 'with', 'by', 'per', 'against']);
const copulas = new Set(['is', 'are', 'was', 'were', 'be', 'been']);

/** Joining words and hedges before a field: "and maybe a notes bit", "possibly a photo". */
const hedges = new Set(['and', 'or', 'also', 'then', 'maybe', 'perhaps', 'possibly', 'optionally']);

function strip(tokens: readonly Token[]): Token[] {
  let list = withoutQuestionMark(trimPunctuation(tokens));
  for (;;) {
    const first = list[0];
    if (!first) break;
    if (determiners.has(first.word) || hedges.has(first.word)) list = list.slice(1);
    else if (determiners.has(first.word) || ['and', 'or', 'also', 'then'].includes(first.word))
      list = list.slice(1);
    else if (list[1]?.word === "'s" && ['everyone', 'everybody', 'someone', 'its'].includes(first.word))
      list = list.slice(2);
    else break;
  }
  return list;
}

/**
 * An option as the person wrote it. Only articles, possessives and joining words fall away: "this
 * week" and "next month" are options whose first word carries the meaning, and a lone word is the
 * option itself even when it looks like an article ("grade (A, B, C)").
 */
export function optionText(tokens: readonly Token[]): string {
  const trimmed = withoutQuestionMark(trimPunctuation(afterDash(tokens)));
  if (trimmed.length === 1) return titleCase(surface(trimmed));
  let start = 0;
  while (start < trimmed.length - 1 && optionLeadWords.has(trimmed[start]?.word ?? '')) start++;
  return titleCase(surface(trimmed.slice(start)));
}

/**
 * "the stage it's at – sketch": a spaced dash (or a colon) introduces the options, so what comes
 * before it is the lead-in, not the first option. A hyphen inside a word ("follow-up") is no dash.
 */
function afterDash(tokens: readonly Token[]): readonly Token[] {
  for (let index = tokens.length - 2; index > 0; index--) {
    const token = tokens[index] as Token;
    const spaced =
      token.word === '–' ||
      token.word === '—' ||
      token.word === ':' ||
      (token.word === '-' && !touches(tokens[index - 1], token) && !touches(token, tokens[index + 1]));
    if (spaced) return tokens.slice(index + 1);
  }
  return tokens;
}

function touches(left: Token | undefined, right: Token | undefined): boolean {
  if (!left?.at || !right?.at || left.at.source !== right.at.source) return false;
  return left.at.end === right.at.start;
}

const optionLeadWords = new Set([
  'a',
  'an',
  'the',
  'our',
  'my',
  'their',
  'your',
  'its',
  'his',
  'her',
  'each',
  'every',
  'any',
  'and',
  'or',
  'also',
  'then',
  'e.g.',
  'eg',
  'i.e.',
  'ie',
]);

function nameOf(tokens: readonly Token[]): string {
  const kept = tokens.filter((token, index) => index === 0 || !['the', 'a', 'an'].includes(token.word));
  let name = titleCase(surface(kept));
  // "start and end dates" names one date per record.
  name = name.replace(/\b(Dates|Times)$/, (plural) => plural.slice(0, -1));
  return name;
}

function phrase(name: string, hints: Partial<TypeHints> = {}, typeName = name): FieldPhrase {
  return { name, typeName, hints: { ...noHints, ...hints }, status: false, subject: null, expanded: null };
}

/** Cuts a relative clause or an owner phrase off a noun: "the month we read it" → "month". */
function cutClause(tokens: readonly Token[]): Token[] {
  for (let index = 1; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const next = tokens[index + 1];
    const itClause = token.word === 'it' && ['is', 'was', 'has', 'gets', 'will'].includes(next?.word ?? '');
    if (subjectPronouns.has(token.word) || itClause || ['who', 'that', 'which', 'whose'].includes(token.word))
      return tokens.slice(0, index);
    if (prepositions.has(token.word) && next && ['our', 'my', 'their', 'your'].includes(next.word))
      return tokens.slice(0, index);
  }
  return [...tokens];
}

/** Passive verbs that hand a record to its receiver: "the translator it's assigned to". */
const receiverEnds = new Set(['to', 'by']);

/**
 * A noun that a clause says is a person: "the brewer who made it" (a "who" clause names a person),
 * "the translator it's assigned to", "the vet they are seen by" (a record handed to someone, when the
 * noun is one who does: -er, -or, -ist, -ee, -ant, -ian).
 */
function namesPerson(noun: readonly Token[], clause: readonly Token[]): boolean {
  if (clause[0]?.word === 'who') return true;
  const head = noun[noun.length - 1]?.word ?? '';
  const last = clause[clause.length - 1]?.word ?? '';
  const passive = clause.some(
    (token) => auxiliaries.has(token.word) || token.word === 'gets' || token.word === 'got',
  );
  return (
    pronouns.has(clause[0]?.word ?? '') &&
    passive &&
    receiverEnds.has(last) &&
    /(er|or|ist|ee|ant|ian)s?$/.test(head) &&
    head.length > 4
  );
}

/** The type-deciding head: the words before a trailing prepositional phrase. */
function typeHead(tokens: readonly Token[]): string {
  const at = tokens.findIndex((token, index) => index > 0 && prepositions.has(token.word));
  return nameOf(at > 0 ? tokens.slice(0, at) : tokens);
}

/** Words that open a question of their own: "…, and who booked it". */
const questionWords = new Set(['whether', 'who', 'what', 'when', 'where', 'which', 'how', 'if']);
const modals = new Set(['would', 'could', 'should', 'will', 'can', 'might', 'must', 'may']);

/**
 * "whether it sold and the buyer", "whether they've paid us yet and who booked it": once the
 * question's verb has come, a comma or "and" before anything but another verb ("signed and dated")
 * starts the next field. Before the verb they join subjects ("whether the laptop and badge are ready").
 */
function splitAfterPredicate(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let predicate = false;
  let depth = 0;
  tokens.forEach((token, index) => {
    if (token.word === '(') depth++;
    if (token.word === ')') depth = Math.max(0, depth - 1);
    const next = tokens[index + 1];
    const joins = depth === 0 && (token.word === ',' || token.word === 'and');
    const nextIsVerb = next?.pos === 'VERB' || next?.pos === 'AUX';
    if (joins && predicate && next && (questionWords.has(next.word) || !nextIsVerb)) {
      parts.push([]);
      return;
    }
    if (index > 0 && (token.pos === 'VERB' || token.pos === 'AUX' || auxiliaries.has(token.word)))
      predicate = true;
    parts[parts.length - 1]?.push(token);
  });
  return parts.filter((part) => part.length > 0);
}

function whetherPhrase(tokens: readonly Token[]): FieldPhrase {
  const parts = splitAfterPredicate(tokens);
  if (parts.length > 1) {
    const first = whetherPhrase(parts[0] as Token[]);
    const later: FieldPhrase[] = [];
    for (const part of parts.slice(1)) {
      // "…, a calendar would be nice": a clause with a modal is the person's remark, not a field.
      if (part.some((token) => modals.has(token.word))) break;
      const next = fieldPhrase(part);
      later.push(...(next.expanded ?? [next]));
    }
    if (later.length > 0) return { ...first, expanded: [...(first.expanded ?? [first]), ...later] };
    return first;
  }
  let rest = tokens.slice(1);
  let subject: string | null = null;
  if (rest[0]?.word === 'each' || rest[0]?.word === 'every') {
    const verb = rest.findIndex((token) => copulas.has(token.word) || auxiliaries.has(token.word));
    if (verb > 1) {
      subject = surface(rest.slice(1, verb));
      rest = rest.slice(verb);
    }
  }
  const hyphened = (index: number) => rest[index - 1]?.word === '-' || rest[index + 1]?.word === '-';
  const content = rest.filter(
    (token, index) =>
      hyphened(index) ||
      (!pronouns.has(token.word) &&
        !auxiliaries.has(token.word) &&
        !['the', 'a', 'an', 'their', 'our', 'its', 'his', 'her', 'my'].includes(token.word)),
  );
  const copula = rest.findIndex((token) => copulas.has(token.word));
  const before =
    copula > 0
      ? rest.slice(0, copula).filter((token) => !pronouns.has(token.word) && !determiners.has(token.word))
      : [];
  if (before.some((token) => token.word === ',' || token.word === 'and')) {
    const predicate = rest.slice(copula + 1).filter((token) => !auxiliaries.has(token.word));
    const subjects: Token[][] = [[]];
    for (const token of before) {
      if (token.word === ',' || token.word === 'and') subjects.push([]);
      else subjects[subjects.length - 1]?.push(token);
    }
    const fields = subjects
      .filter((part) => part.length > 0)
      .map((part) => phrase(nameOf([...part, ...predicate]), { yesNo: true }));
    const first = fields[0] ?? phrase('Done', { yesNo: true });
    return { ...first, subject, expanded: fields };
  }
  // "approved by the site manager": the yes/no is the verb, who does it is its own matter.
  const by = content.findIndex((token) => token.word === 'by');
  const kept = by > 0 ? content.slice(0, by) : content;
  const result = phrase(kept.length > 0 ? nameOf(kept) : 'Done', { yesNo: true });
  result.subject = subject;
  return result;
}

function whoPhrase(tokens: readonly Token[]): FieldPhrase {
  const rest = tokens.slice(1);
  // "who it is assigned to" → Assigned To.
  if (rest[0] && pronouns.has(rest[0].word)) {
    const words = rest.filter((token) => !pronouns.has(token.word) && !auxiliaries.has(token.word));
    if (words.length > 0) return phrase(nameOf(words), { person: true });
  }
  const verbs = rest.filter(
    (token, index) =>
      index === 0 || (!pronouns.has(token.word) && !determiners.has(token.word) && token.pos !== 'NOUN'),
  );
  // "who was involved", "who is on call": the copula keeps its complement.
  if (rest[0] && copulas.has(rest[0].word) && rest[1] && !pronouns.has(rest[1].word)) {
    const complement = rest
      .slice(1)
      .filter((token) => !determiners.has(token.word))
      .slice(0, 2);
    return phrase(`Who ${nameOf([rest[0], ...complement])}`, { person: true }, 'who');
  }
  const particles = ['to', 'in', 'out', 'up', 'for', 'off'];
  // "who signed it off", "who picked them up": the particle after a pronoun object is the verb's.
  if (rest[0] && rest[1] && pronouns.has(rest[1].word) && particles.includes(rest[2]?.word ?? ''))
    return phrase(`Who ${nameOf([rest[0], rest[2] as Token])}`, { person: true }, 'who');
  const verb = verbs.slice(0, rest[1] && particles.includes(rest[1].word) ? 2 : 1);
  return phrase(`Who ${nameOf(verb)}`, { person: true }, 'who');
}

function howPhrase(tokens: readonly Token[]): FieldPhrase {
  const second = tokens[1]?.word ?? '';
  if (['often', 'many', 'much', 'long'].includes(second)) {
    const rest = tokens.slice(2);
    const nouns = rest.filter(
      (token) =>
        !pronouns.has(token.word) &&
        !auxiliaries.has(token.word) &&
        !determiners.has(token.word) &&
        token.word !== 'need' &&
        token.word !== 'needs',
    );
    const leftAt = nouns.findIndex((token) => token.word === 'left');
    const tail =
      second === 'often'
        ? []
        : leftAt >= 0
          ? nouns.slice(leftAt)
          : nouns.filter((token) => token.pos === 'NOUN').slice(0, 2);
    return phrase(
      nameOf([...tokens.slice(0, 2), ...tail]),
      { unit: second === 'often' ? null : 'count' },
      `how ${second}`,
    );
  }
  return phrase(nameOf(tokens), {}, nameOf(tokens));
}

/**
 * A field phrase into its name in the person's words and its hints: "a number of seats" → Seats
 * (a count), "weight in kg" → Weight (a measure), "when it was last watered" → Last Watered (a
 * date), "who booked it" → Who Booked (a person), "a billable flag" → Billable (yes/no).
 */
export function fieldPhrase(input: readonly Token[]): FieldPhrase {
  let tokens = strip(input);
  const hints: Partial<TypeHints> = {};
  const asking = trimPunctuation(input);
  const askedField = asking[asking.length - 1]?.word === '?' && asking.length > 1;
  const open = tokens.findIndex((token) => token.word === '(');
  if (open >= 0) {
    const close = tokens.findIndex((token, index) => index > open && token.word === ')');
    const inner = tokens.slice(open + 1, close < 0 ? tokens.length : close);
    const innerWords = inner.map((token) => token.word).filter((word) => word !== 'in');
    const bracketOptions = segmentOptions(inner);
    const bracketRange = rangeIn(inner);
    // "site (we have about 30 client sites)", "(if any)": a remark about the field, not its options.
    if (remarkStarts.has(innerWords[0] ?? '')) hints.options = [];
    // "assignee (who's fixing it)", "approved by (who signed it)": the bracket says a person fills it.
    else if (innerWords[0] === 'who') hints.person = true;
    // "signed off by (the engineer)", "contact (a parent)": one noun phrase describing the field.
    else if (describesOne(inner)) hints.person = namesRole(inner[inner.length - 1]?.word ?? '');
    else if (bracketRange && bracketRange.rest.length === 0) hints.range = bracketRange.range;
    else if (innerWords.length === 1 && unitWords.has(innerWords[0] ?? ''))
      hints.unit = innerWords[0] ?? null;
    else if (isCurrency(innerWords)) hints.currency = true;
    else if (isCompoundUnit(innerWords)) hints.unit = surface(inner);
    // "brakes ok (all yes or no)", "(each y/n)": a quantifier before the answers changes nothing.
    else if (
      isYesNo(bracketOptions) ||
      isYesNo(segmentOptions(inner.filter((t) => !quantifiers.has(t.word))))
    )
      hints.yesNo = true;
    // "lead researcher (PI)", "tax year (e.g. 2024/25)": one word in brackets is another name or
    // an example, not a choice of one.
    else if (
      bracketOptions.length >= 2 ||
      (innerWords.length > 1 && !exampleWords.has(innerWords[0] ?? ''))
    ) {
      hints.options = bracketOptions;
      const plural = isPlural(tokens[open - 1]?.word ?? '');
      hints.multi = plural && !inner.some((token) => token.word === 'or');
    }
    tokens = [...tokens.slice(0, open), ...(close < 0 ? [] : tokens.slice(close + 1))];
  }
  // "the price in £ once it's done", "the score when it finished": a clause of time is not the name.
  tokens = cutTimeClause(tokens);
  // "how I felt 1-10", "a rating of 1 to 5", "mood (1-5)": the range, not part of the name.
  const range = rangeIn(tokens);
  if (range) {
    hints.range = range.range;
    tokens = range.rest;
  }
  const first = tokens[0]?.word ?? '';
  if (first === 'whether') return whetherPhrase(tokens);
  if (first === 'who') return withHints(whoPhrase(tokens), hints);
  if (first === 'how') return withHints(howPhrase(tokens), hints);
  if (first === 'when') {
    const rest = tokens.slice(1).filter((token) => !pronouns.has(token.word) && !auxiliaries.has(token.word));
    return withHints(phrase(rest.length > 0 ? nameOf(rest) : 'When', { moment: true }), hints);
  }
  if (first === 'which' || first === 'what') {
    let rest = tokens.slice(1);
    // "what's wrong", "what is missing": the question is the name; "what the fault was": its noun.
    if (copulas.has(rest[0]?.word ?? '')) return withHints(phrase(nameOf(tokens)), hints);
    if (rest.length > 1 && copulas.has(rest[rest.length - 1]?.word ?? '')) rest = strip(rest.slice(0, -1));
    // "which employee it's issued to": the noun before the clause is the field, the clause says whose.
    const clauseAt = rest.findIndex((token) => pronouns.has(token.word));
    if (clauseAt > 0 && rest[0]?.pos === 'NOUN') {
      if (namesPerson(rest.slice(0, clauseAt), rest.slice(clauseAt))) hints.person = true;
      tokens = rest.slice(0, clauseAt);
    } else if (rest.length > 0 && clauseAt < 0) tokens = rest;
  }
  // "requested by", "signed off by": the person who did it.
  if (
    tokens.length >= 2 &&
    tokens.length <= 3 &&
    tokens[tokens.length - 1]?.word === 'by' &&
    tokens[0]?.pos === 'VERB'
  )
    return withHints(phrase(nameOf(tokens), { person: true }), hints);

  // "life jacket given? yes/no": the question mark only says it is a question.
  const asked = tokens.findIndex((token) => token.word === '?');
  if (asked > 0 && asked === tokens.length - 4)
    tokens = [...tokens.slice(0, asked), ...tokens.slice(asked + 1)];
  // "Paid?", "deposit received?": a field named as a question is answered yes or no.
  else if (askedField && !hints.options?.length && !hints.range) hints.yesNo = true;
  // "paid yes/no", "insured y/n", "signed yes or no": the name, then how it is answered.
  const tail = tokens.slice(-3).map((token) => token.word);
  if (tokens.length >= 4 && ['/', 'or'].includes(tail[1] ?? '') && isYesNo([tail[0] ?? '', tail[2] ?? ''])) {
    hints.yesNo = true;
    tokens = tokens.slice(0, -3);
  }
  // "rate per word in €", "budget in euros", "fee in USD": the currency says money, the name stays.
  const currencyAt = tokens.findIndex(
    (token, index) => index > 0 && token.word === 'in' && isCurrency([tokens[index + 1]?.word ?? '']),
  );
  if (currencyAt > 0 && currencyAt + 2 === tokens.length) {
    hints.currency = true;
    tokens = tokens.slice(0, currencyAt);
  }
  // "Estimate Low £", "Reserve €": a currency sign after the name, as a column heading has it (the
  // heading stays as written).
  if (tokens.length > 1 && /^\p{Sc}$/u.test(tokens[tokens.length - 1]?.word ?? '')) hints.currency = true;
  // "weight in kg", "prep time in minutes".
  const last = tokens[tokens.length - 1];
  if (tokens.length >= 3 && tokens[tokens.length - 2]?.word === 'in' && last && unitWords.has(last.word)) {
    hints.unit = last.word;
    tokens = tokens.slice(0, -2);
  }
  // "a number of seats", "a maximum number of places".
  const numberOf = tokens.findIndex(
    (token, index) => token.word === 'number' && tokens[index + 1]?.word === 'of',
  );
  if (numberOf >= 0 && numberOf + 2 < tokens.length) {
    hints.unit = hints.unit ?? 'count';
    tokens = [...tokens.slice(0, numberOf), ...strip(tokens.slice(numberOf + 2))];
  }
  // "a link to the product page" → Product Page Link.
  if (tokens[0]?.word === 'link' && tokens[1]?.word === 'to' && tokens.length > 2)
    tokens = [...strip(tokens.slice(2)), tokens[0]];
  // "a notes field", "a due date column": the word says what it is, not what it is called.
  if (
    tokens.length > 1 &&
    ['field', 'column', 'bit', 'section'].includes(tokens[tokens.length - 1]?.word ?? '')
  )
    tokens = tokens.slice(0, -1);
  // "a billable flag" → Billable, yes or no.
  if (tokens.length > 1 && tokens[tokens.length - 1]?.word === 'flag') {
    hints.yesNo = true;
    tokens = tokens.slice(0, -1);
  }
  // "the day it arrived", "the week we planted them", "the time she left": a moment named by its event.
  const momentHead = tokens[0]?.word ?? '';
  if (momentNouns.has(momentHead) && pronouns.has(tokens[1]?.word ?? '') && tokens.length > 2) {
    // "the week we sowed them" → Week We Sowed: the object pronoun adds nothing to the name.
    const named =
      tokens.length > 3 && pronouns.has(tokens[tokens.length - 1]?.word ?? '') ? tokens.slice(0, -1) : tokens;
    const momentHints = momentHead === 'time' ? hints : { ...hints, moment: true };
    return phrase(nameOf(named), momentHints, nameOf(tokens.slice(0, 1)));
  }
  // "what it was about" is the whole name; only a noun sheds its clause.
  if (!['what', 'which', 'how', 'who', 'when'].includes(tokens[0]?.word ?? '')) {
    const kept = cutClause(tokens);
    if (kept.length < tokens.length && namesPerson(kept, tokens.slice(kept.length))) hints.person = true;
    tokens = kept;
  }
  if (tokens.length === 0) return phrase('Name');
  return phrase(nameOf(tokens), hints, typeHead(tokens));
}

/** "(e.g. 2024/25)", "(i.e. the lead)": an example or a gloss of the field, not its options. */
const exampleWords = new Set(['e.g.', 'eg', 'i.e.', 'ie', 'ex']);

const quantifiers = new Set(['all', 'both', 'each', 'every', 'either']);

const momentNouns = new Set(['day', 'date', 'time', 'week', 'month', 'year', 'moment', 'night']);

/** "£", "$", "EUR", "US $": nothing but currency. */
function isCurrency(words: readonly string[]): boolean {
  return (
    words.length > 0 && words.length <= 2 && words.every((word) => currencyWords.has(word) || word === 'us')
  );
}

/**
 * "L/ha", "km/h", "kg per m2", "%": a unit written as a ratio (or a percent) names a measure, so
 * the bracket holds no options. Every part must be a unit, or "in/out" would read as one.
 */
function isCompoundUnit(words: readonly string[]): boolean {
  if (words.length === 1) return words[0] === '%' || words[0] === 'percent';
  const parts = words.filter((word) => word !== '/' && word !== 'per');
  return (
    parts.length >= 2 &&
    parts.length < words.length &&
    parts.every((word) => unitWords.has(word) || compoundUnitParts.has(word))
  );
}

function withHints(field: FieldPhrase, hints: Partial<TypeHints>): FieldPhrase {
  return { ...field, hints: { ...field.hints, ...hints } };
}

/** Arrows and "then" order the options in a bracket: "(new → quoted → done)", "(open then closed)". */
const orderingWords = new Set(['→', '⟶', '➔', '➜', '>', '=>', '»', 'then']);

function segmentOptions(inner: readonly Token[]): string[] {
  const options: string[] = [];
  let current: Token[] = [];
  for (const [index, token] of inner.entries()) {
    // "->", "==>", "~>": the marks before ">" are the arrow's.
    if (!/[\w,]/.test(token.word) && inner[index + 1]?.word === '>') continue;
    // "(open | paused | closed)", "(new - quoted - done)": a bar or a spaced dash between options.
    const spacedDash =
      ['-', '–', '—'].includes(token.word) &&
      !touches(inner[index - 1], token) &&
      !touches(token, inner[index + 1]);
    if (
      token.word === ',' ||
      token.word === 'or' ||
      token.word === 'and' ||
      token.word === '/' ||
      token.word === '|' ||
      token.word === 'vs' ||
      spacedDash ||
      orderingWords.has(token.word)
    ) {
      if (current.length > 0) options.push(optionText(current));
      current = [];
    } else current.push(token);
  }
  if (current.length > 0) options.push(optionText(current));
  return options.filter(Boolean);
}

/** "start" followed by "end date": Start Date. Only words that are no field on their own borrow. */
export function borrowHead(field: FieldPhrase, next: FieldPhrase): FieldPhrase | null {
  const lower = field.name.toLowerCase();
  if (!sharedHeadModifiers.has(lower)) return null;
  const nextWords = next.name.split(' ');
  if (nextWords.length < 2) return null;
  const head = nextWords[nextWords.length - 1] as string;
  const name = `${field.name} ${head}`;
  return { ...field, name, typeName: name, hints: { ...next.hints, ...pick(field.hints) } };
}

function pick(hints: TypeHints): Partial<TypeHints> {
  const out: Partial<TypeHints> = {};
  if (hints.options.length > 0) out.options = hints.options;
  if (hints.range) out.range = hints.range;
  return out;
}
