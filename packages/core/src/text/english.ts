import englishModel from 'wink-eng-lite-web-model';
import winkNLP, { type ItsFunction } from 'wink-nlp';

export interface WordToken {
  /** The text as written. */
  value: string;
  /** Lower-cased surface form (`n't` → `not`). */
  normal: string;
  lemma: string;
  /** Universal POS tag: NOUN, VERB, ADJ, PROPN, PUNCT … */
  pos: string;
  isPunctuation: boolean;
}

type WinkInstance = ReturnType<typeof winkNLP>;
let instance: WinkInstance | null = null;

/** Loaded on first use (≈100 ms), not on import: importing core must stay cheap. */
function nlp(): WinkInstance {
  instance ??= winkNLP(englishModel);
  return instance;
}

export function tokenize(text: string): WordToken[] {
  const engine = nlp();
  const its = engine.its;
  const tokens = engine.readDoc(text).tokens();
  const values = tokens.out() as string[];
  const normals = tokens.out(its.normal) as string[];
  // wink's typings declare `its.lemma` with an older signature; at runtime it is a token its-function.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const tags = tokens.out(its.pos) as string[];
  const types = tokens.out(its.type) as string[];
  return normals.map((normal, index) => ({
    value: values[index] ?? normal,
    normal,
    lemma: (lemmas[index] ?? normal).toLowerCase(),
    pos: tags[index] ?? 'X',
    isPunctuation: types[index] === 'punctuation' || tags[index] === 'PUNCT',
  }));
}

export function sentences(text: string): string[] {
  return (nlp().readDoc(text).sentences().out() as string[])
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** Space-separated lemmas with padding, so `includes(' low stock ')` matches whole words only. */
export function lemmaLine(tokens: readonly WordToken[]): string {
  return ` ${tokens.map((token) => token.lemma).join(' ')} `;
}

export function lemmaPhrase(text: string): string {
  return tokenize(text)
    .map((token) => token.lemma)
    .join(' ');
}
