import type { Fact, FactTopic } from '../ledger.ts';
import type { Question } from '../question.ts';
import { lemmaLine, tokenize } from '../text/english.ts';
import { classifyQuestionTopic } from './question-topic.ts';
import { topicDescriptions } from './topics.ts';

/**
 * Topics are advisory and storage may drop them (the db keeps facts and questions as plain
 * columns), so every turn re-derives missing ones: from the question a fact answered, from the
 * wording of unknowns this code wrote, or from cue words in the fact itself.
 */
export function withInferredTopics(
  ledger: readonly Fact[],
  questions: readonly Question[],
): { ledger: Fact[]; questions: Question[] } {
  const taggedQuestions = questions.map((question) => {
    const topic = question.topic ?? classifyQuestionTopic(question.text);
    return topic ? { ...question, topic } : question;
  });
  const byId = new Map(taggedQuestions.map((question) => [question.id, question]));
  const taggedLedger = ledger.map((fact) => {
    if (fact.topic) return fact;
    const topic = inferFactTopic(fact, byId);
    return topic ? { ...fact, topic } : fact;
  });
  return { ledger: taggedLedger, questions: taggedQuestions };
}

const unknownPrefix = 'Not yet known: ';

export function unknownFactText(topic: FactTopic): string {
  return `${unknownPrefix}${topicDescriptions[topic]}`;
}

/** Cue phrases (lemmas or words) in fact texts, checked in order. */
const factCues: [FactTopic, string[]][] = [
  ['change', ['change request :', 'change :']],
  ['sharing', ['share', 'shared', 'private', 'sharing']],
  ['audience', ['use by', 'used by', 'single user']],
  ['workflow', ['status', 'statuses', 'workflow', 'stage']],
  ['fields', ['record :', 'records :', 'field', 'fields']],
  ['records', ['keep track of', 'keeps track of', 'track :']],
  ['views', ['view', 'views']],
];

function inferFactTopic(fact: Fact, questions: ReadonlyMap<string, Question>): FactTopic | null {
  if (fact.kind === 'goal' && fact.source.kind === 'request') return 'purpose';
  if (fact.kind === 'unknown') {
    const description = fact.text.startsWith(unknownPrefix) ? fact.text.slice(unknownPrefix.length) : '';
    const match = Object.entries(topicDescriptions).find(([, text]) => text === description);
    return (match?.[0] as FactTopic | undefined) ?? null;
  }
  if (fact.kind === 'ui') return 'views';
  // The fact's own words first: one answer can settle several topics ("…, and we need a calendar").
  const tokens = tokenize(fact.text.toLowerCase());
  const lines = [lemmaLine(tokens), ` ${tokens.map((token) => token.normal).join(' ')} `];
  for (const [topic, cues] of factCues) {
    if (cues.some((cue) => lines.some((line) => line.includes(` ${cue} `)))) return topic;
  }
  const fromQuestion = fact.source.questionId ? questions.get(fact.source.questionId)?.topic : undefined;
  return fromQuestion ?? null;
}
