import type { Fact } from '../ledger.ts';
import type { Question } from '../question.ts';
import type { AskedQuestionView } from './task-schemas.ts';

/** What a model sees of a fact when it only reads them (no ids or sources, which it has no use for). */
export function factView(fact: Fact): { kind: Fact['kind']; text: string } {
  return { kind: fact.kind, text: fact.text };
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

export function questionView(question: Question): AskedQuestionView {
  return {
    number: question.number,
    text: question.text,
    status: question.status,
    answer: answerText(question),
  };
}

/** Case- and space-insensitive key, so the same fact is never stored twice. */
export function factKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
