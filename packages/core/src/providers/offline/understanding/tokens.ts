import { sentences, tokenize } from '../../../text/english.ts';
import { layoutText } from './layout.ts';

/** One word of a clause: the person's spelling, its lower-cased form, lemma and part of speech. */
export interface Token {
  /** As written ("Oak", "DHL", "LinkedIn"): options and names keep the person's casing. */
  text: string;
  /** Lower-cased, contractions expanded (`n't` → `not`, `'re` → `are`). */
  word: string;
  lemma: string;
  pos: string;
  punct: boolean;
  /**
   * Where the word was in the text it was read from, when known: `surface` gives back the
   * person's exact characters between adjacent words ("${x}", "A4/A3") rather than re-spacing them.
   */
  at?: { source: string; start: number; end: number };
}

// Maps, never plain objects, for every table a word indexes: the word is the person's text, and
// "constructor" or "__proto__" would otherwise read Object.prototype's members.
const contractions: ReadonlyMap<string, string> = new Map([
  ["n't", 'not'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'m", 'am'],
  ["'d", 'would'],
]);

/**
 * The text as words. The tagger reads capitalised words as proper nouns and then neither tags nor
 * lemmatises them ("Students" stays "students"), so tags and lemmas come from the lower-cased text
 * and the person's casing is found again by position.
 */
export function tokensOf(text: string): Token[] {
  const lower = text.toLowerCase();
  const sameLength = lower.length === text.length;
  let cursor = 0;
  return tokenize(lower).map((token) => {
    let original = token.value;
    let where: Token['at'];
    const at = lower.indexOf(token.value, cursor);
    if (sameLength && at >= 0) {
      original = text.slice(at, at + token.value.length);
      cursor = at + token.value.length;
      where = { source: text, start: at, end: cursor };
    }
    // The written word, not wink's normal form: it spells "through" as "thru".
    const normal = token.value.toLowerCase();
    const word =
      contractions.get(normal) ??
      contractions.get(token.normal) ??
      (normal === "'s" && token.pos === 'AUX' ? 'is' : normal);
    return {
      text: original,
      word,
      lemma: token.lemma,
      pos: token.pos,
      punct: token.isPunctuation,
      ...(where ? { at: where } : {}),
    };
  });
}

/**
 * Clauses: the layout's units (lines, bullet lists joined to their lead-in: layout.ts), their
 * sentences, split again at semicolons, and before ", each X has" / ", each with" so "properties
 * with tenants, each lease has a tenant" reads as two declarations.
 */
export function clausesOf(text: string): Token[][] {
  const clauses: Token[][] = [];
  const units = layoutText(text).split('\n');
  for (const sentence of units.flatMap((unit) => joinAskedFields(sentences(unit)))) {
    let current: Token[] = [];
    const tokens = tokensOf(sentence);
    tokens.forEach((token, index) => {
      const next = tokens[index + 1];
      const startsDeclaration =
        token.word === ',' &&
        (next?.word === 'each' || next?.word === 'every') &&
        declaresAfter(tokens, index + 1);
      if (token.word === ';' || startsDeclaration) {
        if (current.length > 0) clauses.push(current);
        current = [];
        return;
      }
      if (token.punct && ['.', '!', '?'].includes(token.word) && index === tokens.length - 1) return;
      current.push(token);
    });
    if (current.length > 0) clauses.push(current);
  }
  // "… per rep." — the tokenizer keeps a sentence's full stop on an abbreviation-like word.
  for (const clause of clauses) {
    const last = clause[clause.length - 1];
    if (last && last.text.length > 1 && last.text.endsWith('.') && !/\.[a-z]/i.test(last.text.slice(0, -1))) {
      last.text = last.text.slice(0, -1);
      last.word = last.word.replace(/\.$/, '');
    }
  }
  return clauses;
}

/**
 * "…, Paid? and Status (…)", "deposit paid?, due date": a question mark that names a yes/no field
 * inside a list is no sentence end, though the sentence splitter cuts there. A "sentence" that goes
 * on with a comma, a bracket or "and"/"or" continues the one before.
 */
function joinAskedFields(parts: readonly string[]): string[] {
  const joined: string[] = [];
  for (const part of parts) {
    const previous = joined[joined.length - 1];
    if (previous?.trimEnd().endsWith('?') && /^\s*(?:[,;)]|(?:and|or)\b)/.test(part))
      joined[joined.length - 1] = `${previous.trimEnd()} ${part.trimStart()}`;
    else joined.push(part);
  }
  return joined;
}

const declarationVerbs = new Set(['has', 'have', 'with', 'includes', 'contains', 'needs', 'records']);

/** "each lease has …" / "each with …" within the next few words. */
function declaresAfter(tokens: readonly Token[], from: number): boolean {
  // "help articles, each with a title": the list continues the phrase before the comma.
  if (tokens[from + 1]?.word === 'with') return false;
  for (let index = from + 1; index < Math.min(tokens.length, from + 6); index++) {
    const token = tokens[index];
    if (!token || token.punct) return false;
    if (declarationVerbs.has(token.word)) return true;
  }
  return false;
}

export function words(tokens: readonly Token[]): string[] {
  return tokens.map((token) => token.word);
}

/** Index of the first token at or after `from` whose word is one of `wanted`, outside brackets. */
export function findWord(tokens: readonly Token[], wanted: ReadonlySet<string> | string, from = 0): number {
  let depth = 0;
  for (let index = from; index < tokens.length; index++) {
    const word = tokens[index]?.word ?? '';
    if (word === '(') depth++;
    else if (word === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (typeof wanted === 'string' ? word === wanted : wanted.has(word))) return index;
  }
  return -1;
}

/** Index where the word sequence `phrase` ("goes through") starts, or -1. */
export function findPhrase(tokens: readonly Token[], phrase: string, from = 0): number {
  const parts = phrase.split(' ');
  for (let index = from; index + parts.length <= tokens.length; index++) {
    if (parts.every((part, offset) => tokens[index + offset]?.word === part)) return index;
  }
  return -1;
}

/** The person's words of a token run, with hyphens and possessives joined back ("no-show", "couple's"). */
export function surface(tokens: readonly Token[]): string {
  let out = '';
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    // Words that were next to each other keep what the person put between them.
    const gap =
      previous?.at && token.at && previous.at.source === token.at.source && previous.at.end <= token.at.start
        ? token.at.source.slice(previous.at.end, token.at.start)
        : null;
    if (gap !== null && /^\s*$/.test(gap)) {
      out += gap + token.text;
      return;
    }
    const glue =
      index === 0 ||
      token.text === '-' ||
      previous?.text === '-' ||
      token.text === "'s" ||
      token.text === "'" ||
      token.text === ',' ||
      token.text === ')' ||
      previous?.text === '(' ||
      /^'|^n't$/.test(token.text);
    out += (glue ? '' : ' ') + token.text;
  });
  return out.trim();
}

/**
 * The run without the punctuation around it. A closing bracket stays, and so does a question mark
 * right after a word: "Paid?" in a list is a field asked as a question (a yes/no, field-phrase.ts).
 */
export function trimPunctuation(tokens: readonly Token[]): Token[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && tokens[start]?.punct && tokens[start]?.word !== '(') start++;
  while (end > start && tokens[end - 1]?.punct && tokens[end - 1]?.word !== ')') {
    if (tokens[end - 1]?.word === '?' && end - 1 > start && !tokens[end - 2]?.punct) break;
    end--;
  }
  return tokens.slice(start, end);
}

/** The run without a question mark closing it. */
export function withoutQuestionMark(tokens: readonly Token[]): Token[] {
  return tokens[tokens.length - 1]?.word === '?' ? tokens.slice(0, -1) : [...tokens];
}
