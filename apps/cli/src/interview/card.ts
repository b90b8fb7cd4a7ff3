import type { Question } from '@app/core/schemas';
import type { Style } from '../terminal/style.ts';
import type { Key } from '../terminal/terminal.ts';

/** What the person decided on a card. */
export type CardDecision =
  | { kind: 'answer'; optionIds: string[]; text?: string }
  | { kind: 'skip' }
  | { kind: 'build' };

/**
 * Which option the arrow keys point at. Starts on the (first) recommended option, so Enter
 * untouched answers with the recommendation — all recommended options for a multi question.
 */
export interface CardCursor {
  index: number;
  moved: boolean;
}

export function initialCursor(question: Question): CardCursor {
  const recommended = question.options.findIndex((option) => option.recommended);
  return { index: Math.max(recommended, 0), moved: false };
}

/** Enter on an untouched card: the recommended option(s); with none recommended, the skip default. */
export function recommendedDecision(question: Question): CardDecision {
  const recommended = question.options.filter((option) => option.recommended).map((option) => option.id);
  if (question.kind === 'text' || recommended.length === 0) return { kind: 'skip' };
  return { kind: 'answer', optionIds: question.kind === 'multi' ? recommended : recommended.slice(0, 1) };
}

export function renderCard(question: Question, cursor: CardCursor, style: Style, readiness: number): string {
  const lines = [
    '',
    style.bold(`Question ${question.number}`) + style.dim(` · readiness ${readiness}%`),
    style.bold(question.text),
  ];
  if (question.why) lines.push(style.dim(`  why: ${question.why}`));
  question.options.forEach((option, index) => {
    const pointer = index === cursor.index ? style.cyan('›') : ' ';
    const mark = option.recommended ? style.green(' (recommended)') : '';
    lines.push(`${pointer} ${index + 1}) ${option.label}${mark}`);
  });
  lines.push(style.dim(`  s) Skip — I'll assume: ${question.assumptionIfSkipped}`));
  lines.push(style.dim('  b) Build now'));
  lines.push(
    style.dim(
      question.kind === 'text' || question.options.length === 0
        ? 'Type an answer and Enter · empty Enter = skip · s / b on an empty line skip / build now'
        : `↑/↓ or 1–${Math.min(question.options.length, 9)} to choose · Enter = ${cursor.moved ? 'selected' : 'recommended'} · s skip · b build now`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** One key on an options card: a decision, or where the cursor goes next. */
export function cardKey(question: Question, cursor: CardCursor, key: Key): CardDecision | CardCursor {
  const count = question.options.length;
  if (key.name === 'return' || key.name === 'enter') {
    if (!cursor.moved) return recommendedDecision(question);
    const option = question.options[cursor.index];
    return option ? { kind: 'answer', optionIds: [option.id] } : recommendedDecision(question);
  }
  if (key.name === 'up' && count > 0) return { index: (cursor.index - 1 + count) % count, moved: true };
  if (key.name === 'down' && count > 0) return { index: (cursor.index + 1) % count, moved: true };
  if (key.sequence === 's' || key.sequence === 'S') return { kind: 'skip' };
  if (key.sequence === 'b' || key.sequence === 'B') return { kind: 'build' };
  if (/^[1-9]$/.test(key.sequence)) {
    const option = question.options[Number(key.sequence) - 1];
    if (option) return { kind: 'answer', optionIds: [option.id] };
  }
  return cursor;
}

export function isDecision(value: CardDecision | CardCursor): value is CardDecision {
  return 'kind' in value;
}

/** How a decision reads in the transcript once made ("→ Tool, Member (recommended)"). */
export function describeDecision(question: Question, decision: CardDecision): string {
  if (decision.kind === 'skip') return `skipped — assuming: ${question.assumptionIfSkipped}`;
  if (decision.kind === 'build') return 'build now';
  const labels = question.options
    .filter((option) => decision.optionIds.includes(option.id))
    .map((option) => option.label + (option.recommended ? ' (recommended)' : ''));
  if (decision.text) labels.push(`“${decision.text}”`);
  return labels.join(', ');
}
