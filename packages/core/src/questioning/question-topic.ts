import type { FactTopic } from '../ledger.ts';
import { lemmaLine, tokenize } from '../text/english.ts';

/** Cue lemma sequences per topic, checked in order; matches the offline question texts and most others. */
const cues: [FactTopic, string[]][] = [
  ['change', ['what should change', 'which part']],
  ['audience', ['who will use', 'who use', 'who be use']],
  ['sharing', ['see the same', 'share', 'only their own', 'private']],
  ['views', ['view', 'screen']],
  ['workflow', ['status', 'stage', 'start to finish', 'workflow']],
  ['fields', ['capture', 'field', 'detail']],
  ['records', ['keep track', 'track', 'store', 'record']],
];

/** The topic of a question whose topic was not stored with it. */
export function classifyQuestionTopic(text: string): FactTopic | null {
  const tokens = tokenize(text);
  const lines = [lemmaLine(tokens), ` ${tokens.map((token) => token.normal).join(' ')} `];
  for (const [topic, phrases] of cues) {
    if (phrases.some((phrase) => lines.some((line) => line.includes(` ${phrase} `)))) return topic;
  }
  return null;
}
