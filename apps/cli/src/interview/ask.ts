import type { Question } from '@app/core/schemas';
import type { Style } from '../terminal/style.ts';
import type { Terminal } from '../terminal/terminal.ts';
import {
  type CardDecision,
  cardKey,
  initialCursor,
  isDecision,
  recommendedDecision,
  renderCard,
} from './card.ts';

export interface AskedCard {
  decision: Promise<CardDecision>;
  /** Draws the card again (after an interrupt prompt printed below it). */
  redraw(): void;
}

const lineCount = (text: string) => text.split('\n').length - 1;

/**
 * Shows a question card and resolves with the person's decision: keys on a terminal (arrows,
 * 1–9, Enter, s, b; a free-text question reads a line), a typed line otherwise (Enter, a number,
 * s, b, or any other text as the answer in their words).
 */
export function askCard(terminal: Terminal, style: Style, question: Question, readiness: number): AskedCard {
  let cursor = initialCursor(question);
  let drawn = '';
  const draw = () => {
    const card = renderCard(question, cursor, style, readiness);
    const up = drawn && terminal.interactive ? `\u001b[${lineCount(drawn)}A\r\u001b[J` : '';
    terminal.write(up + card);
    drawn = card;
  };
  const fromLine = (line: string): CardDecision => {
    const typed = line.trim();
    if (typed === '') return recommendedDecision(question);
    if (typed === 's' || typed === 'S') return { kind: 'skip' };
    if (typed === 'b' || typed === 'B') return { kind: 'build' };
    const option = /^[1-9]$/.test(typed) ? question.options[Number(typed) - 1] : undefined;
    if (option) return { kind: 'answer', optionIds: [option.id] };
    return { kind: 'answer', optionIds: [], text: typed };
  };
  const decide = async (): Promise<CardDecision> => {
    draw();
    if (!terminal.interactive) return fromLine(await terminal.readLine('choice> '));
    if (question.kind === 'text' || question.options.length === 0) {
      const line = (await terminal.readLine('> ')).trim();
      return line === '' ? { kind: 'skip' } : fromLine(line);
    }
    for (;;) {
      const next = cardKey(question, cursor, await terminal.readKey());
      if (isDecision(next)) return next;
      if (next.index !== cursor.index || next.moved !== cursor.moved) {
        cursor = next;
        draw();
      }
    }
  };
  return {
    decision: decide(),
    redraw: () => {
      drawn = '';
      draw();
    },
  };
}
