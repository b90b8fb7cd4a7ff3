import { titleCase } from './inflect.ts';
import { type EntityName, entityNameOf, nounPhraseAt, recordsAfterContainer } from './noun-phrase.ts';
import { surface, type Token } from './tokens.ts';
import { containerNouns, determiners, genericRecordNouns, trackingVerbs } from './words.ts';

/** What the words before a colon (or a verbless request) name: the records, a title, whom it is for. */
export interface Head {
  /** The record type, or null when the head only names a container ("Inventory", "An app"). */
  entity: EntityName | null;
  /** The head as the app's name ("Complaint Log", "Marketing Campaigns"). */
  title: string | null;
  /** "for our hotel front desk", "for HR": the phrase after "for", for the audience reader. */
  forPhrase: Token[];
  /** The head's noun ends in "-ing" ("reading list", "thesis supervision"): a weak record name. */
  weak: boolean;
}

const leadIns = new Set([
  'we',
  'i',
  'need',
  'want',
  'would',
  'like',
  'to',
  'please',
  'a',
  'an',
  'the',
  'just',
  'simple',
  'new',
  'better',
]);
const cutWords = new Set(['for', 'at', 'on', 'per', 'in', 'across', 'from', 'to', 'with']);

/**
 * Skips "Track our", "We need a", "Keep track of", "Our dispatchers need to track": a tracking verb
 * counts at the start, after "to" or after "I" / "we" ("a complaint log" is a noun, not a verb).
 */
export function skipLeadIn(tokens: readonly Token[]): number {
  let index = askingFor(tokens);
  const verbAt = tokens.findIndex(
    (token, position) =>
      position < 8 &&
      ((trackingVerbs.has(token.word) &&
        (position === 0 || ['to', 'i', 'we', 'please', 'also'].includes(tokens[position - 1]?.word ?? ''))) ||
        // "Our dental practice tracks recalls": the organisation's own verb.
        (/s$/.test(token.word) &&
          trackingVerbs.has(token.word.slice(0, -1)) &&
          ['our', 'my', 'the'].includes(tokens[0]?.word ?? '') &&
          tokens
            .slice(1, position)
            .every((word) => word.pos === 'NOUN' || word.pos === 'PROPN' || word.pos === 'ADJ'))),
  );
  if (verbAt >= 0 && verbAt >= index) {
    index = verbAt + 1;
    if (tokens[index]?.word === 'track' && tokens[index + 1]?.word === 'of') index += 2;
  }
  while (
    index < tokens.length &&
    (leadIns.has(tokens[index]?.word ?? '') || determiners.has(tokens[index]?.word ?? ''))
  )
    index++;
  return index;
}

const askingModals = new Set(['can', 'could', 'would', 'will']);
const makingVerbs = new Set([
  'make',
  'build',
  'create',
  'set',
  'put',
  'knock',
  'design',
  'write',
  'give',
  'get',
]);

/**
 * "Can you make a repair ticket tracker …", "could you build us a …", "would you set up a …": a
 * request asked as a question; its words start after the making verb (and "me" / "us" / "up").
 */
function askingFor(tokens: readonly Token[]): number {
  if (!askingModals.has(tokens[0]?.word ?? '') || !['you', 'u'].includes(tokens[1]?.word ?? '')) return 0;
  if (!makingVerbs.has(tokens[2]?.word ?? '')) return 0;
  let index = 3;
  while (['me', 'us', 'up', 'together', 'something', 'for'].includes(tokens[index]?.word ?? '')) index++;
  return index;
}

export function readHead(tokens: readonly Token[]): Head {
  let start = skipLeadIn(tokens);
  // "For each appointment:", "… a checklist at each site visit:": what each one is, is the record.
  // Only at the start or after a preposition: "orders every Friday" says when, not what.
  const each = tokens.findIndex(
    (token, index) =>
      (token.word === 'each' || token.word === 'every') && (index === 0 || tokens[index - 1]?.pos === 'ADP'),
  );
  if (each >= 0 && nounPhraseAt(tokens, each + 1)) start = each + 1;
  let phrase = nounPhraseAt(tokens, start);
  // "a log of customer calls", "a knowledge base of help articles": the records follow "of".
  let records = phrase ? recordsAfterContainer(tokens, phrase) : -1;
  // "a record of blood donations", "entries of …": a word for "a record" names none; what follows does.
  if (
    phrase &&
    records < 0 &&
    tokens[phrase.end]?.word === 'of' &&
    genericRecordNouns.has(tokens[phrase.end - 1]?.word ?? '')
  )
    records = phrase.end + 1;
  if (records > 0) {
    start = records;
    phrase = nounPhraseAt(tokens, start);
  }
  const forAt = tokens.findIndex((token, index) => index >= (phrase?.end ?? start) && token.word === 'for');
  const forPhrase = forAt >= 0 ? tokens.slice(forAt + 1) : [];
  if (!phrase) return { entity: null, title: null, forPhrase, weak: false };
  let end = phrase.end;
  const cut = phrase.tokens.findIndex((token, index) => index > 0 && cutWords.has(token.word));
  if (cut > 0) end = phrase.start + cut;
  const words = tokens.slice(phrase.start, end);
  const last = words[words.length - 1];
  const entity = entityNameOf(words);
  const stripped = entity ? entity.name.split(' ') : [];
  // "reading list": once the container goes, an activity is left, not a record.
  const containerGone = last !== undefined && containerNouns.has(last.word);
  const onlyContainer = entity !== null && words.length === 1 && containerNouns.has(words[0]?.word ?? '');
  const weak = onlyContainer || (containerGone && /ing$/i.test(stripped[stripped.length - 1] ?? ''));
  return { entity, title: titleCase(surface(words)), forPhrase, weak };
}
