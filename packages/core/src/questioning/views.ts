import type { Fact, FactTopic } from '../ledger.ts';
import type { Question } from '../question.ts';
import type { FactView, QuestionView } from './task-schemas.ts';

/** What a model sees of a fact: no ids or sources, which it has no use for. */
export function factView(fact: Fact): FactView {
  return { kind: fact.kind, text: fact.text, topic: fact.topic ?? null };
}

/** A question's topic: stored on it, or else the topic of the facts its answer produced. */
export function questionTopic(question: Question, ledger: readonly Fact[]): FactTopic | null {
  if (question.topic) return question.topic;
  const fromFacts = ledger.find((fact) => fact.source.questionId === question.id && fact.topic);
  return fromFacts?.topic ?? null;
}

export function answerText(question: Question): string | null {
  if (!question.answer) return null;
  const labels = selectedOptionLabels(question);
  const parts = [...labels, ...(question.answer.text?.trim() ? [question.answer.text.trim()] : [])];
  return parts.length > 0 ? parts.join('; ') : null;
}

export function selectedOptionLabels(question: Question): string[] {
  const selected = new Set(question.answer?.optionIds ?? []);
  return question.options.filter((option) => selected.has(option.id)).map((option) => option.label);
}

export function questionView(question: Question, ledger: readonly Fact[]): QuestionView {
  return {
    number: question.number,
    text: question.text,
    topic: questionTopic(question, ledger),
    kind: question.kind,
    options: question.options.map((option) => ({ id: option.id, label: option.label })),
    status: question.status,
    answer: answerText(question),
  };
}

/** Case- and space-insensitive key, so the same fact is never stored twice. */
export function factKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
