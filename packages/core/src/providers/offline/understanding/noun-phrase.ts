import { isPlural, pluralize, singularize, titleCase } from './inflect.ts';
import { surface, type Token } from './tokens.ts';
import {
  containerNouns,
  determiners,
  genericRecordNouns,
  groupNouns,
  knownVerbs,
  staffRoles,
  vagueNouns,
} from './words.ts';

export interface NounPhrase {
  start: number;
  /** Exclusive. */
  end: number;
  tokens: Token[];
}

const nounish = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
/** "the secretary reserves them": a pronoun after a third-person verb is its object. */
const objectPronouns = new Set(['them', 'it', 'us', 'me', 'him', 'her']);
/** Heads of time adverbials ("every time we …", "each moment"): never a record type on their own. */
const temporalWords = new Set(['time', 'times', 'moment', 'occasion']);

/**
 * The noun phrase starting at `from` (after determiners): nouns with their modifiers, hyphenated
 * and possessive words kept together ("our school's IT", "T-shirt orders"). A verb the tagger
 * reads as a noun ends it after a plural ("members check tools" → "members").
 */
export function nounPhraseAt(tokens: readonly Token[], from: number): NounPhrase | null {
  let start = from;
  while (start < tokens.length && determiners.has(tokens[start]?.word ?? '')) start++;
  let end = start;
  while (end < tokens.length) {
    const token = tokens[end] as Token;
    const previous = tokens[end - 1];
    const next = tokens[end + 1];
    // "I'm the club treasurer": the tagger keeps a pronoun and its verb as one proper noun.
    if (/^(i|you|we|they|he|she|it|that|there)'(m|re|s|ve|ll|d)$/.test(token.word)) break;
    const joins =
      token.word === '-' || token.word === "'s" || previous?.word === '-' || previous?.word === "'s";
    if (joins) {
      end++;
      continue;
    }
    const people = previous !== undefined && (staffRoles.has(previous.word) || groupNouns.has(previous.word));
    if (
      end > start &&
      previous &&
      (isPlural(previous.word) || people) &&
      knownVerbs.has(token.word) &&
      previous.word !== 'sales'
    )
      break;
    // "our community garden rents plots": a verb between the organisation and what it deals in.
    const thirdPerson = /s$/.test(token.word) && knownVerbs.has(token.word.replace(/s$/, ''));
    if (
      end > start &&
      previous &&
      !isPlural(previous.word) &&
      thirdPerson &&
      next !== undefined &&
      (isPlural(next.word) || determiners.has(next.word) || objectPronouns.has(next.word))
    )
      break;
    const acronym =
      token.text.length > 1 && token.text === token.text.toUpperCase() && /[A-Z]/.test(token.text);
    // "trade show leads:", "customer calls:" — a plural the tagger reads as a verb, ending the phrase.
    const endsPhrase =
      next === undefined ||
      (next.punct && next.word !== '-') ||
      ['for', 'at', 'on', 'in', 'with', 'of', 'per'].includes(next.word);
    // "Needs to be ready …", "wants to see …": a verb taking an infinitive is never a noun.
    const pluralVerb =
      token.pos === 'VERB' &&
      /s$/.test(token.word) &&
      next?.word !== 'to' &&
      (end === start || (endsPhrase && nounish.has(previous?.pos ?? '')));
    // Words the lexicon knows are people ("the IT team"), whatever the tagger says.
    const knownNoun = (groupNouns.has(token.word) || staffRoles.has(token.word)) && token.pos !== 'ADP';
    // "Equipment booking for …", "onboarding checklist", "asset register:": nouns the tagger reads as verbs.
    const afterNoun = end > start && nounish.has(previous?.pos ?? '');
    const gerund =
      token.pos === 'VERB' &&
      /ing$/.test(token.word) &&
      (afterNoun || end === start) &&
      (endsPhrase || next?.pos === 'NOUN');
    const container = token.pos === 'VERB' && containerNouns.has(token.word) && afterNoun && endsPhrase;
    // "Leave requests": a verb-looking modifier before a plural noun.
    // Not after "to": "need to find samples" is a verb and its object.
    const modifier =
      end === start &&
      token.pos === 'VERB' &&
      tokens[start - 1]?.word !== 'to' &&
      next !== undefined &&
      next.pos === 'NOUN' &&
      isPlural(next.word);
    // "something for our clinic's appointments": a container word the tagger calls a pronoun.
    const indefinite = end === start && ['something', 'anything'].includes(token.word);
    if (
      indefinite ||
      nounish.has(token.pos) ||
      acronym ||
      pluralVerb ||
      modifier ||
      knownNoun ||
      gerund ||
      container
    ) {
      end++;
      continue;
    }
    // "on-call", "follow-up": a hyphen joins the next word whatever its tag.
    if (next?.word === '-' && !token.punct) {
      end++;
      continue;
    }
    break;
  }
  // A phrase ends on a noun, not on an adjective left dangling.
  while (
    end > start &&
    tokens[end - 1]?.pos === 'ADJ' &&
    end - start > 1 &&
    !isPlural(tokens[end - 1]?.word ?? '')
  )
    end--;
  if (end <= start) return null;
  return { start, end, tokens: tokens.slice(start, end) };
}

/** The phrase without an owner: "our school's IT" → "IT", "the clinic's receptionists" → "receptionists". */
export function withoutOwner(tokens: readonly Token[]): Token[] {
  const owner = tokens.findIndex((token) => token.word === "'s" || token.word === "'");
  const rest = owner >= 0 && owner < tokens.length - 1 ? tokens.slice(owner + 1) : [...tokens];
  let start = 0;
  while (start < rest.length && determiners.has(rest[start]?.word ?? '')) start++;
  return rest.slice(start);
}

export interface EntityName {
  name: string;
  pluralName: string;
}

/**
 * A record type's name from the noun phrase that names it: container words dropped ("complaint
 * log" → Complaint), singular name, and the plural as the person wrote it when they did.
 */
export function entityNameOf(
  tokens: readonly Token[],
  options: { keepContainer?: boolean } = {},
): EntityName | null {
  let words = withoutOwner(tokens).filter((token) => !token.punct || token.word === '-');
  // "projects ranked by total score", "orders placed by phone": a reduced relative clause qualifies
  // the records, it is no part of their name.
  const by = words.findIndex((token, index) => index > 0 && token.word === 'by');
  if (by > 0) {
    const participle = /ed$/.test(words[by - 1]?.word ?? '') && by > 1;
    words = words.slice(0, participle ? by - 1 : by);
  }
  // "24 beds, each with …", "1. Dogs: …": a count or a list number is no part of the name.
  while (words.length > 1 && /^\d+([.,]\d+)?$/.test(words[0]?.word ?? '')) words = words.slice(1);
  if (!words.some((token) => /\p{L}/u.test(token.text))) return null;
  // "Every time we spray a field": a conjunction of time, never a record.
  if (words.length === 1 && temporalWords.has(words[0]?.word ?? '')) return null;
  const isAppWord = (token: Token | undefined) => ['app', 'tool', 'application'].includes(token?.word ?? '');
  if (!options.keepContainer) {
    // "a scheduling tool", "an inventory app": the app word and the container before it both go.
    const core = words.filter((token, index) => !(index > 0 && isAppWord(token)));
    while (
      words.length > 0 &&
      (containerNouns.has(words[words.length - 1]?.word ?? '') ||
        (words.length > 1 && isAppWord(words[words.length - 1])))
    )
      words = words.slice(0, -1);
    // "Keep track of inventory", "an inventory tool": alone, the stock is the records.
    if (words.length === 0 && core.length === 1 && ['inventory', 'stock'].includes(core[0]?.word ?? ''))
      words = core;
  }
  // "an inventory tool" names the app; "each tool" names the record.
  while (words.length > 1 && isAppWord(words[words.length - 1])) words = words.slice(0, -1);
  if (words.length === 1 && words[0]?.word === 'app') return null;
  if (words.length === 0) return null;
  const written = surface(words);
  const last = words[words.length - 1] as Token;
  if (words.length === 1 && (genericRecordNouns.has(last.word) || vagueNouns.has(last.word))) return null;
  if (words.every((word) => vagueNouns.has(word.word) || word.word === 'of' || word.punct)) return null;
  const plural = isPlural(last.word);
  const name = titleCase(plural ? singularize(written) : written);
  const pluralName = plural ? titleCase(written) : pluralize(name);
  return { name, pluralName };
}

/** Is the phrase only a container ("a simple database", "an app") or nothing at all? */
export function isContainerOnly(tokens: readonly Token[]): boolean {
  return entityNameOf(tokens) === null;
}

/**
 * "a tracker for our support tickets", "a log of customer calls": where the records start when the
 * phrase at `phrase` only names a container and "for" / "of" follows, else -1. After "for" only
 * plural records count: "a tracker for our team" is whom it is for, "a planner for my wedding" the
 * occasion.
 */
export function recordsAfterContainer(tokens: readonly Token[], phrase: NounPhrase): number {
  const next = tokens[phrase.end]?.word;
  const last = tokens[phrase.end - 1]?.word ?? '';
  if (next === 'of') return containerNouns.has(last) ? phrase.end + 1 : -1;
  if (next !== 'for' || !isContainerOnly(phrase.tokens)) return -1;
  const records = nounPhraseAt(tokens, phrase.end + 1);
  const head = records?.tokens[records.tokens.length - 1]?.word ?? '';
  if (!records || !isPlural(head) || groupNouns.has(head) || staffRoles.has(singularize(head))) return -1;
  return entityNameOf(records.tokens) ? phrase.end + 1 : -1;
}
