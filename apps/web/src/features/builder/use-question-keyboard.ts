import type { Question } from '@app/core/schemas';
import { useEffect, useRef } from 'react';

/** Only the first four options get a number key (docs/architecture.md#screens). */
export const numberedOptions = 4;

export function isTypingInField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The open question's keys, page-wide while it is open: 1–4 pick an option, Enter sends a
 * multi-choice answer. Keys typed into a field, or with a modifier, are the field's or the browser's.
 */
export function useQuestionKeyboard({
  question,
  canSendSelection,
  onPick,
  onSend,
}: {
  question: Question;
  /** A multi-choice question has a selection to send. */
  canSendSelection: boolean;
  onPick: (optionId: string) => void;
  onSend: () => void;
}) {
  // Kept in a ref so the window listener (registered once) always sees the latest render's state.
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => {});
  keyHandler.current = (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
    if (isTypingInField(event.target)) return;
    const digit = Number(event.key);
    if (
      Number.isInteger(digit) &&
      digit >= 1 &&
      digit <= Math.min(numberedOptions, question.options.length)
    ) {
      const option = question.options[digit - 1];
      if (!option) return;
      event.preventDefault();
      onPick(option.id);
    } else if (event.key === 'Enter' && question.kind === 'multi' && canSendSelection) {
      // Enter on a focused button clicks it; only take Enter when focus is elsewhere on the page.
      if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return;
      event.preventDefault();
      onSend();
    }
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
