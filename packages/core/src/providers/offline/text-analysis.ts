import { lemmaLine, lemmaPhrase, tokenize, type WordToken } from '../../text/english.ts';
import { type AppDomain, appDomains, type ViewKind } from './app-domains.ts';
import {
  fieldWords,
  genericNouns,
  priorityWords,
  privatePhrases,
  roleWords,
  sharedPhrases,
  soloPhrases,
  trackingVerbs,
  viewWords,
  workflowTerms,
} from './lexicon.ts';

/** What a piece of text (a request or an answer) says about each interview slot. */
export interface TextAnalysis {
  audience: string[];
  solo: boolean;
  records: string[];
  fields: string[];
  workflow: string[];
  priorities: boolean;
  views: { word: string; kind: ViewKind }[];
  sharing: 'shared' | 'private' | null;
}

const nounTags = new Set(['NOUN', 'PROPN']);
const possessives = new Set(['our', 'my', 'their', 'the']);

/** Surface text of a token run, with hyphens re-joined ("no - shows" → "no-shows"). */
function surface(tokens: readonly WordToken[]): string {
  return tokens
    .map((token) => (token.value === token.value.toUpperCase() ? token.value : token.normal))
    .join(' ')
    .replace(/ - /g, '-');
}

/**
 * Noun chunks: runs of nouns, with leading adjectives ("due date", "dental clinic receptionists").
 * Hyphenated words stay together.
 */
function nounChunks(tokens: readonly WordToken[]): WordToken[][] {
  const chunks: WordToken[][] = [];
  let current: WordToken[] = [];
  const flush = () => {
    while (current.length > 0 && !nounTags.has(current[current.length - 1]?.pos ?? '')) current.pop();
    if (current.length > 0) chunks.push(current);
    current = [];
  };
  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    const joinsHyphen = token.normal === '-' && current.length > 0 && next && !next.isPunctuation;
    if (
      nounTags.has(token.pos) ||
      (token.pos === 'ADJ' && current.every((t) => t.pos === 'ADJ')) ||
      joinsHyphen
    ) {
      current.push(token);
    } else if (current.length > 0 && current[current.length - 1]?.normal === '-') {
      current.push(token);
    } else {
      flush();
    }
  }
  flush();
  // "inventory app" stores inventory: names of the tool itself are not part of what it stores.
  return chunks
    .map((chunk) => {
      const trimmed = [...chunk];
      while (trimmed.length > 1 && genericNouns.has(trimmed[trimmed.length - 1]?.lemma ?? '')) trimmed.pop();
      return trimmed;
    })
    .filter((chunk) => !(chunk.length === 1 && genericNouns.has(chunk[0]?.lemma ?? '')));
}

const domainWordCache = new Map<string, string>();
function lemmaOf(phrase: string): string {
  let cached = domainWordCache.get(phrase);
  if (cached === undefined) {
    cached = lemmaPhrase(phrase.toLowerCase());
    domainWordCache.set(phrase, cached);
  }
  return cached;
}

function hasPhrase(lines: readonly string[], phrase: string): boolean {
  const lemmas = ` ${lemmaOf(phrase)} `;
  const words = ` ${phrase.toLowerCase()} `;
  return lines.some((line) => line.includes(lemmas) || line.includes(words));
}

function linesOf(tokens: readonly WordToken[]): string[] {
  return [lemmaLine(tokens), ` ${tokens.map((token) => token.normal).join(' ')} `];
}

/** Picks the app kind a text is about; record words weigh more than loose hints. */
export function detectDomain(text: string): AppDomain | null {
  // Lower-cased first: the tagger reads capitalised option labels ("Tasks and to-dos") as proper
  // nouns and then does not lemmatize them.
  const lines = linesOf(tokenize(text.toLowerCase()));
  let best: { domain: AppDomain; score: number } | null = null;
  for (const domain of appDomains) {
    const score =
      domain.recordWords.filter((word) => hasPhrase(lines, word)).length * 3 +
      domain.hints.filter((word) => hasPhrase(lines, word)).length;
    if (score > 0 && (!best || score > best.score)) best = { domain, score };
  }
  return best?.domain ?? null;
}

/** Does the text name one of the domain's record words ("patient appointments" for bookings)? */
export function namesRecord(text: string, domain: AppDomain): string | null {
  const tokens = tokenize(text.toLowerCase());
  const matches = (line: string) => domain.recordWords.some((word) => line.includes(` ${lemmaOf(word)} `));
  // A verb read as a noun at the start of a sentence ("Log maintenance requests") is not part of the name.
  const chunks = nounChunks(tokens).map((chunk) => {
    const start = chunk.findIndex((token) => !trackingVerbs.has(token.lemma));
    return start < 0 ? [] : chunk.slice(start);
  });
  // Prefer chunks headed by a record word: "blog posts" over "content calendar".
  const headed = chunks.find((chunk) => chunk.length > 0 && matches(` ${chunk[chunk.length - 1]?.lemma} `));
  const anywhere = headed ?? chunks.find((chunk) => chunk.length > 0 && matches(lemmaLine(chunk)));
  if (anywhere) return surface(anywhere);
  // The tagger sometimes reads plural nouns as verbs ("track leads"): fall back to the words themselves.
  const token = tokens.find((candidate) => matches(` ${candidate.lemma} `));
  if (token) return token.normal;
  const lines = linesOf(tokens);
  return domain.recordWords.find((word) => hasPhrase(lines, word)) ?? null;
}

export function analyzeText(text: string): TextAnalysis {
  const tokens = tokenize(text);
  const lines = linesOf(tokens);
  const chunks = nounChunks(tokens);

  const audience: string[] = [];
  const fields: string[] = [];
  const records: string[] = [];
  for (const chunk of chunks) {
    const head = chunk[chunk.length - 1];
    if (!head) continue;
    if (roleWords.has(head.lemma)) {
      const before = tokens[tokens.indexOf(chunk[0] as WordToken) - 1];
      const owner = before && possessives.has(before.normal) ? [before] : [];
      audience.push(surface([...owner, ...chunk]));
    } else if (chunk.some((token) => fieldWords.has(token.lemma)) && !priorityWords.has(head.lemma)) {
      fields.push(surface(chunk));
    }
  }
  for (const [index, token] of tokens.entries()) {
    if (token.pos !== 'VERB' || !trackingVerbs.has(token.lemma)) continue;
    const object = chunks.find((chunk) => tokens.indexOf(chunk[0] as WordToken) > index);
    const head = object?.[object.length - 1];
    if (
      object &&
      head &&
      !genericNouns.has(head.lemma) &&
      !roleWords.has(head.lemma) &&
      !fieldWords.has(head.lemma)
    ) {
      const between = tokens.slice(index + 1, tokens.indexOf(object[0] as WordToken));
      // "keep track of the plants": the words between verb and object carry no meaning of their own.
      const filler = (t: WordToken) =>
        ['DET', 'PRON', 'ADJ', 'NUM'].includes(t.pos) || ['track', 'of', 'tab'].includes(t.lemma);
      if (between.every(filler)) records.push(surface(object));
    }
  }

  const workflow = workflowTerms
    .filter((term) => lines[0]?.includes(` ${term} `))
    .map((term) => term.replace(/ - /g, '-'));
  const views = tokens
    .filter((token) => nounTags.has(token.pos) && viewWords[token.lemma])
    .map((token) => ({ word: token.normal, kind: viewWords[token.lemma] as ViewKind }));
  const solo = soloPhrases.some((phrase) => hasPhrase(lines, phrase));
  const sharing = privatePhrases.some((phrase) => hasPhrase(lines, phrase))
    ? 'private'
    : sharedPhrases.some((phrase) => hasPhrase(lines, phrase))
      ? 'shared'
      : solo
        ? 'private'
        : null;

  return {
    audience: unique(audience),
    solo,
    records: unique(records),
    fields: unique(fields),
    workflow: unique(workflow),
    priorities: tokens.some((token) => priorityWords.has(token.lemma)),
    views: views.filter((view, index) => views.findIndex((other) => other.kind === view.kind) === index),
    sharing,
  };
}

/** True when a change request names something concrete to change (not just "make it better"). */
export function isConcreteChange(text: string, vague: ReadonlySet<string>): boolean {
  return tokenize(text).some(
    (token) =>
      (nounTags.has(token.pos) || token.pos === 'VERB') &&
      !vague.has(token.lemma) &&
      !vague.has(token.normal),
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
