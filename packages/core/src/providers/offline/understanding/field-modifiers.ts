import type { NumberRange } from '../../../blueprint/blueprint.ts';
import type { Token } from './tokens.ts';
import { pronouns, staffRoles } from './words.ts';

// The parts of a field phrase that are not its name: a number range, a clause of time after it,
// a bracket describing who fills it. field-phrase.ts strips them and keeps what they say as hints.

/** Words that open a clause of time or condition after a field's noun: "once it's done". */
const timeConjunctions = new Set([
  'once',
  'when',
  'after',
  'before',
  'until',
  'unless',
  'if',
  'since',
  'while',
]);

/** "price in £ once it's done" → "price in £": the conjunction and its clause (a pronoun follows it) go. */
export function cutTimeClause(tokens: readonly Token[]): Token[] {
  const at = tokens.findIndex(
    (token, index) =>
      index > 0 && timeConjunctions.has(token.word) && pronouns.has(tokens[index + 1]?.word ?? ''),
  );
  return at > 0 ? tokens.slice(0, at) : [...tokens];
}

/**
 * A number range anywhere after the first word — "1-10", "1–5", "1 to 10", "from 0 to 100" — and
 * the tokens without it (and without the "of/from/between/out of" that introduced it).
 */
export function rangeIn(tokens: readonly Token[]): { range: NumberRange; rest: Token[] } | null {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.pos !== 'NUM' && !/^\d/.test(token.word)) continue;
    let low: number;
    let high: number;
    let length: number;
    const joined = /^(-?\d+(?:\.\d+)?)[-–](\d+(?:\.\d+)?)$/.exec(token.word);
    if (joined) {
      low = Number(joined[1]);
      high = Number(joined[2]);
      length = 1;
    } else if (
      ['to', '-', '–'].includes(tokens[index + 1]?.word ?? '') &&
      /^-?\d+(\.\d+)?$/.test(token.word) &&
      /^\d+(\.\d+)?$/.test(tokens[index + 2]?.word ?? '')
    ) {
      low = Number(token.word);
      high = Number(tokens[index + 2]?.word);
      length = 3;
    } else continue;
    let cut = index;
    while (cut > 0 && ['of', 'from', 'between', 'out'].includes(tokens[cut - 1]?.word ?? '')) cut--;
    return {
      range: { min: Math.min(low, high), max: Math.max(low, high) },
      rest: [...tokens.slice(0, cut), ...tokens.slice(index + length)],
    };
  }
  return null;
}

/** "(the engineer)", "(a parent)": an article and one noun phrase, no list of alternatives. */
export function describesOne(inner: readonly Token[]): boolean {
  return (
    ['the', 'a', 'an'].includes(inner[0]?.word ?? '') &&
    inner.length >= 2 &&
    inner.length <= 4 &&
    !inner.some((token) => [',', 'or', 'and', '/'].includes(token.word))
  );
}

/** A noun for someone who does something: a known role, or an agent noun ("engineer", "inspector"). */
export function namesRole(word: string): boolean {
  const single = word.replace(/s$/, '');
  return staffRoles.has(single) || (/(er|or|ist|ian|ant|ee)$/.test(single) && single.length > 4);
}
