import { optionText } from './field-phrase.ts';
import { titleCase } from './inflect.ts';
import { surface, type Token } from './tokens.ts';

/**
 * Options written as a chain: "A4/A3/A2", "received / assigned / in translation", "placed -> baked
 * -> out for delivery". Arrows state an order (a workflow); slashes only join alternatives, and
 * "make/model" joins two names, so the reader of a slash chain decides from the words before it.
 */
export interface OptionChain {
  kind: 'arrow' | 'slash';
  /** First token of the first option. */
  start: number;
  /** Exclusive: the token after the last option. */
  end: number;
  options: string[];
}

/** Words that end an option run: what follows them is the rest of the sentence, not an option. */
const stopWords = new Set([
  ',',
  ';',
  ':',
  '(',
  ')',
  '.',
  'with',
  'and',
  'but',
  'so',
  'which',
  'that',
  'where',
]);
/** Words that end the first option going backwards: the verb or the colon that introduced the run. */
const leadStops = new Set([
  'go',
  'goes',
  'going',
  'went',
  'move',
  'moves',
  'moving',
  'flow',
  'flows',
  'progress',
  'progresses',
  'pass',
  'passes',
  'from',
  'like',
  'is',
  'are',
  'be',
  'either',
  // "status draft → review → done": the field's name before its first option is no part of it.
  'status',
  'stage',
  'state',
  'phase',
  'statuses',
  'stages',
]);
const longestOption = 5;

/** The separator at `index` and how many tokens it spans: "/", "→", "->" (two tokens), "=>", ">". */
function separatorAt(
  tokens: readonly Token[],
  index: number,
): { kind: OptionChain['kind']; length: number } | null {
  const word = tokens[index]?.word ?? '';
  if (word === '/') return { kind: 'slash', length: 1 };
  if (['→', '⟶', '➔', '➜', '>', '=>', '»'].includes(word)) return { kind: 'arrow', length: 1 };
  if ((word === '-' || word === '–' || word === '=') && tokens[index + 1]?.word === '>')
    return { kind: 'arrow', length: 2 };
  return null;
}

/** "A4/A3": nothing but the slash between the two words, as the person typed them. */
function glued(left: Token | undefined, right: Token | undefined): boolean {
  if (!left?.at || !right?.at || left.at.source !== right.at.source) return false;
  return left.at.end === right.at.start;
}

/**
 * The first chain of two or more options at or after `from`, outside brackets. The first option
 * reaches back no further than the longest later one (so "paper size A4/A3" gives A4, "Orders go
 * placed -> baked" gives Placed), and never past the verb or colon that introduced the run.
 */
export function findChain(tokens: readonly Token[], from = 0): OptionChain | null {
  let depth = 0;
  for (let index = from + 1; index < tokens.length; index++) {
    const word = tokens[index]?.word ?? '';
    if (word === '(') depth++;
    if (word === ')') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const first = separatorAt(tokens, index);
    if (!first) continue;
    const chain = chainFrom(tokens, index, first.kind, from);
    if (chain) return chain;
  }
  return null;
}

function chainFrom(
  tokens: readonly Token[],
  firstSeparator: number,
  kind: OptionChain['kind'],
  from: number,
): OptionChain | null {
  const tight = glued(tokens[firstSeparator - 1], tokens[firstSeparator]);
  const later: Token[][] = [];
  let cursor = firstSeparator;
  let end = firstSeparator;
  for (;;) {
    const separator = separatorAt(tokens, cursor);
    if (!separator) break;
    let at = cursor + separator.length;
    const item: Token[] = [];
    while (at < tokens.length && item.length < longestOption) {
      const token = tokens[at] as Token;
      if (separatorAt(tokens, at) || stopWords.has(token.word)) break;
      // "A4/A3/A2 paper": a glued chain's option is the glued word only.
      if (tight && item.length > 0 && !glued(tokens[at - 1], token)) break;
      item.push(token);
      at++;
    }
    if (item.length === 0) break;
    later.push(item);
    end = at;
    cursor = at;
  }
  if (later.length === 0) return null;
  const reach = tight ? 1 : Math.max(...later.map((item) => item.length));
  let start = firstSeparator;
  while (start > from && firstSeparator - start < reach) {
    const token = tokens[start - 1] as Token;
    if (stopWords.has(token.word) || leadStops.has(token.word) || separatorAt(tokens, start - 1)) break;
    if (tight && start < firstSeparator && !glued(token, tokens[start])) break;
    start--;
  }
  if (start === firstSeparator) return null;
  // A glued option is written as it stands: "A/B/AB/O" keeps its "A".
  const text = (item: readonly Token[]) => (tight ? titleCase(surface(item)) : optionText(item));
  const options = [tokens.slice(start, firstSeparator), ...later].map(text).filter(Boolean);
  return options.length >= 2 ? { kind, start, end, options } : null;
}

/** Splits a run at its slashes and arrows: "new → assigned → done" → [new] [assigned] [done]. */
export function splitAtSeparators(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (let index = 0; index < tokens.length; index++) {
    const separator = separatorAt(tokens, index);
    if (separator) {
      parts.push([]);
      index += separator.length - 1;
    } else parts[parts.length - 1]?.push(tokens[index] as Token);
  }
  return parts.filter((part) => part.length > 0);
}

/** Verbs that say a record moves through its workflow: "orders go placed -> baked". */
export const motionVerbs = new Set([
  'go',
  'goes',
  'going',
  'move',
  'moves',
  'moving',
  'flow',
  'flows',
  'progress',
  'progresses',
  'pass',
  'passes',
]);
