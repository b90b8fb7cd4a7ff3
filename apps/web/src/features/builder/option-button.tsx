import type { QuestionOption } from '@app/core/schemas';
import { clsx } from 'clsx';
import { Check, Sparkles } from 'lucide-react';
import { Kbd } from '../../components/ui/kbd.tsx';
import { numberedOptions } from './use-question-keyboard.ts';

/** One option of the open question: a checkbox look for multi-choice, its number key, "Recommended". */
export function OptionButton({
  option,
  index,
  multi,
  selected,
  pending,
  onPick,
}: {
  option: QuestionOption;
  index: number;
  multi: boolean;
  selected: boolean;
  pending: boolean;
  onPick: () => void;
}) {
  return (
    <button
      type="button"
      data-testid="question-option"
      aria-pressed={selected}
      disabled={pending}
      onClick={onPick}
      className={clsx(
        'group flex w-full items-center gap-3 rounded-lg border px-3 py-2 text-left text-[13.5px] transition',
        'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed',
        selected
          ? 'border-accent bg-accent-soft text-text'
          : 'border-border bg-surface hover:border-border-strong hover:bg-surface-sunken',
        pending && !selected && 'opacity-50',
      )}
    >
      {multi ? (
        <span
          aria-hidden="true"
          className={clsx(
            'flex size-4 shrink-0 items-center justify-center rounded border',
            selected ? 'border-accent bg-accent text-white' : 'border-border-strong bg-surface',
          )}
        >
          {selected && <Check className="size-3" strokeWidth={3} />}
        </span>
      ) : null}
      <span className="min-w-0 flex-1 text-text" data-testid="option-label">
        {option.label}
      </span>
      {option.recommended && (
        <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-accent-soft px-2 py-0.5 text-[11px] font-medium text-accent-text">
          <Sparkles className="size-3" aria-hidden="true" /> Recommended
        </span>
      )}
      {index < numberedOptions && (
        <Kbd className="shrink-0 group-hover:border-border-strong">{index + 1}</Kbd>
      )}
    </button>
  );
}
