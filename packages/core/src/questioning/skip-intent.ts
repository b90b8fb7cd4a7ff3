import { tokenize } from '../text/english.ts';

/**
 * Phrases that, on their own, mean "stop asking and build". Matched against whole clauses after
 * politeness fillers are removed, so "skip weekends" or "skip the login screen" never match.
 */
const skipPhrases = new Set(
  [
    'skip',
    'skip it',
    'skip this',
    'skip that',
    'skip this question',
    'skip the question',
    'skip question',
    'skip the questions',
    'skip questions',
    'skip the rest',
    'skip all',
    'skip all the questions',
    'skip everything',
    'pass',
    'build',
    'build it',
    'build the app',
    'build the thing',
    'build now',
    'start building',
    'go build it',
    'just build',
    'make it',
    'do it',
    'ship it',
    'go',
    'go ahead',
    'go for it',
    'proceed',
    'whatever',
    'whatever you think',
    'whatever you want',
    'whatever works',
    'you decide',
    'you choose',
    'you pick',
    'your call',
    'your choice',
    'up to you',
    'surprise me',
    'i do not care',
    'do not care',
    'whatever you think is best',
    'whatever is best',
    'you know best',
    'use your judgement',
    'use your best judgement',
    'enough questions',
    'no more questions',
    'stop asking',
    'stop asking questions',
    'stop asking me questions',
  ].map((phrase) => phrase.split(' ')),
);

/** Words that carry no meaning of their own in a reply ("ok, just build it now please"). */
const fillers = new Set([
  'please',
  'pls',
  'plz',
  'just',
  'ok',
  'okay',
  'fine',
  'sure',
  'yes',
  'yeah',
  'yep',
  'alright',
  'well',
  'so',
  'then',
  'now',
  'already',
  'thanks',
  'thank',
  'honestly',
  'really',
  'lol',
  'hmm',
  'can',
  'could',
  'you',
  'we',
  'let',
  'us',
  "'s",
  'and',
]);

const clauseBreaks = new Set(['and', 'then']);

function clauses(text: string): string[][] {
  const result: string[][] = [[]];
  for (const token of tokenize(text)) {
    const current = result[result.length - 1] ?? [];
    if (token.isPunctuation || clauseBreaks.has(token.normal)) {
      if (current.length > 0) result.push([]);
      continue;
    }
    current.push(token.normal);
  }
  return result.filter((clause) => clause.length > 0);
}

function isSkipClause(words: readonly string[]): boolean {
  const candidates = [words, words.filter((word) => !fillers.has(word))];
  return candidates.some((candidate) => {
    if (candidate.length === 0) return false;
    const joined = candidate.join(' ');
    for (const phrase of skipPhrases) if (phrase.join(' ') === joined) return true;
    return false;
  });
}

/**
 * True only when an answer as a whole means "skip / just build it". Every clause must be a skip
 * phrase or pure filler, and at least one must be a skip phrase. Never call this on the initial
 * request: "skip" there is part of what the person wants built.
 */
export function isSkipIntent(text: string | null | undefined): boolean {
  if (!text || text.length > 200) return false;
  const parts = clauses(text);
  let sawSkip = false;
  for (const words of parts) {
    if (isSkipClause(words)) {
      sawSkip = true;
      continue;
    }
    if (words.every((word) => fillers.has(word))) continue;
    return false;
  }
  return sawSkip;
}
