import { answerMaxLength, type Question } from '@app/core/schemas';
import { Check, CircleSlash, CornerDownLeft } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Kbd } from '../../components/ui/kbd.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { OptionButton } from './option-button.tsx';
import { numberedOptions, useQuestionKeyboard } from './use-question-keyboard.ts';

export type AnswerSubmission = { optionIds?: string[]; text?: string };

function QuestionNumber({ number }: { number: number }) {
  return (
    <span className="inline-flex h-5 shrink-0 items-center rounded-md bg-accent-soft px-1.5 text-[11px] font-semibold text-accent-text tabular-nums">
      Q{number}
    </span>
  );
}

/**
 * The open question. Keyboard: 1–4 pick an option (a single-choice question sends at once, a
 * multi-choice one toggles), Enter sends, Esc leaves the text field.
 */
export function OpenQuestionCard({
  question,
  pending,
  onAnswer,
  onSkip,
}: {
  question: Question;
  pending: boolean;
  onAnswer: (answer: AnswerSubmission) => void;
  onSkip: () => void;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [otherText, setOtherText] = useState('');
  const id = useId();
  const multi = question.kind === 'multi';
  const textOnly = question.kind === 'text' || question.options.length === 0;
  const trimmedText = otherText.trim();
  const canSend =
    !pending && (selected.length > 0 || trimmedText.length > 0) && otherText.length <= answerMaxLength;

  const send = () => {
    if (!canSend) return;
    onAnswer({
      ...(selected.length > 0 ? { optionIds: selected } : {}),
      ...(trimmedText ? { text: trimmedText } : {}),
    });
  };
  const pick = (optionId: string) => {
    if (pending) return;
    if (multi) {
      setSelected((current) =>
        current.includes(optionId) ? current.filter((entry) => entry !== optionId) : [...current, optionId],
      );
    } else {
      setSelected([optionId]);
      onAnswer({ optionIds: [optionId] });
    }
  };
  useQuestionKeyboard({ question, canSendSelection: selected.length > 0, onPick: pick, onSend: send });

  return (
    <article
      data-testid="question-card"
      data-status="open"
      data-number={question.number}
      data-kind={question.kind}
      aria-labelledby={`${id}-title`}
      className="animate-[fade-up_200ms_ease-out] rounded-xl border border-border bg-surface-raised p-4 shadow-card ring-1 ring-accent/10"
    >
      <div className="flex items-start gap-2.5">
        <QuestionNumber number={question.number} />
        <div className="min-w-0 flex-1">
          <h3 id={`${id}-title`} className="text-[15px] leading-snug font-medium text-text">
            {question.text}
          </h3>
          {question.why && (
            <p className="mt-1 text-[13px] leading-snug text-muted" data-testid="question-why">
              {question.why}
            </p>
          )}
        </div>
      </div>
      {!textOnly && (
        <ul className="mt-3.5 flex flex-col gap-1.5" aria-label={multi ? 'Choose any' : 'Choose one'}>
          {question.options.map((option, index) => (
            <li key={option.id}>
              <OptionButton
                option={option}
                index={index}
                multi={multi}
                selected={selected.includes(option.id)}
                pending={pending}
                onPick={() => pick(option.id)}
              />
            </li>
          ))}
        </ul>
      )}
      <AnswerField
        id={id}
        value={otherText}
        onChange={setOtherText}
        textOnly={textOnly}
        showSend={multi || textOnly || trimmedText.length > 0}
        canSend={canSend}
        pending={pending}
        onSend={send}
      />
      <SkipRow question={question} textOnly={textOnly} multi={multi} pending={pending} onSkip={onSkip} />
    </article>
  );
}

/** The free-text answer ("Other…" beside options, the whole answer for a text question). */
function AnswerField({
  id,
  value,
  onChange,
  textOnly,
  showSend,
  canSend,
  pending,
  onSend,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  textOnly: boolean;
  showSend: boolean;
  canSend: boolean;
  pending: boolean;
  onSend: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (textOnly) inputRef.current?.focus({ preventScroll: true });
  }, [textOnly]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSend();
  };
  return (
    <form onSubmit={onSubmit} className="mt-2.5 flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        {textOnly ? 'Your answer' : 'Other answer'}
      </label>
      <input
        ref={inputRef}
        id={id}
        data-testid="question-other"
        value={value}
        maxLength={answerMaxLength}
        disabled={pending}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
        placeholder={textOnly ? 'Type your answer…' : 'Other…'}
        className="h-9 min-w-0 flex-1 rounded-lg border border-border bg-surface px-3 text-[13.5px] text-text placeholder:text-subtle focus:border-accent focus:ring-2 focus:ring-ring focus:outline-none disabled:opacity-60"
      />
      {showSend && (
        <Button
          type="submit"
          variant="primary"
          size="md"
          disabled={!canSend}
          pending={pending}
          data-testid="question-send"
          leadingIcon={<CornerDownLeft className="size-3.5" aria-hidden="true" />}
        >
          Send
        </Button>
      )}
    </form>
  );
}

function SkipRow({
  question,
  textOnly,
  multi,
  pending,
  onSkip,
}: {
  question: Question;
  textOnly: boolean;
  multi: boolean;
  pending: boolean;
  onSkip: () => void;
}) {
  return (
    <div className="mt-3 flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
      <button
        type="button"
        data-testid="question-skip"
        disabled={pending}
        onClick={onSkip}
        className="max-w-full truncate rounded text-left text-[12.5px] text-muted underline-offset-2 hover:text-text hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50"
        title={question.assumptionIfSkipped}
      >
        Skip — {skipAssumptionText(question.assumptionIfSkipped)}
      </button>
      {!textOnly && (
        <span className="hidden items-center gap-1 text-[11px] text-subtle sm:flex">
          <Kbd>1</Kbd>–<Kbd>{Math.min(numberedOptions, question.options.length)}</Kbd>{' '}
          {multi ? 'to choose, Enter to send' : 'to answer'}
        </span>
      )}
    </div>
  );
}

/** "I'll use the statuses …" reads as is; a bare default gets the "I'll assume" lead-in. */
function skipAssumptionText(assumption: string): string {
  return /^i('|’)ll\b/i.test(assumption.trim()) ? assumption.trim() : `I’ll assume: ${assumption.trim()}`;
}

function answerSummary(question: Question): string {
  const labels = (question.answer?.optionIds ?? []).map(
    (id) => question.options.find((option) => option.id === id)?.label ?? id,
  );
  const text = question.answer?.text?.trim();
  return [...labels, ...(text ? [text] : [])].join(', ') || 'Answered';
}

/** An answered or skipped question, collapsed to the question and what came of it. */
export function ClosedQuestionCard({ question }: { question: Question }) {
  const skipped = question.status === 'skipped';
  return (
    <article
      data-testid="question-card"
      data-status={question.status}
      data-number={question.number}
      className="rounded-xl border border-border bg-surface px-4 py-3"
    >
      <div className="flex items-start gap-2.5">
        <QuestionNumber number={question.number} />
        <div className="min-w-0 flex-1">
          <p className="text-[13px] leading-snug text-muted">{question.text}</p>
          {skipped ? (
            <p
              className="mt-1 flex items-start gap-1.5 text-[13.5px] text-text"
              data-testid="question-answer"
            >
              <CircleSlash className="mt-0.5 size-3.5 shrink-0 text-subtle" aria-hidden="true" />
              <span>
                <span className="text-muted">Skipped — </span>
                {question.assumptionIfSkipped}
              </span>
            </p>
          ) : (
            <p
              className="mt-1 flex items-start gap-1.5 text-[13.5px] font-medium text-text"
              data-testid="question-answer"
            >
              <Check
                className="mt-0.5 size-3.5 shrink-0 text-emerald-600 dark:text-emerald-400"
                aria-hidden="true"
              />
              <span>{answerSummary(question)}</span>
            </p>
          )}
        </div>
      </div>
    </article>
  );
}

/** While a turn runs: the next card is being written. */
export function ThinkingCard({ label = 'Thinking about what to ask next…' }: { label?: string }) {
  return (
    <div
      data-testid="thinking-card"
      aria-busy="true"
      className="rounded-xl border border-dashed border-border-strong bg-surface p-4"
    >
      <div className="flex items-center gap-2.5">
        <Skeleton className="h-5 w-8 rounded-md" />
        <Skeleton className="h-4 w-3/5" />
      </div>
      <Skeleton className="mt-2.5 ml-10 h-3 w-2/5" />
      <div className="mt-3.5 ml-10 flex flex-col gap-1.5">
        <Skeleton className="h-8 w-full rounded-lg" />
        <Skeleton className="h-8 w-full rounded-lg" />
      </div>
      <p className="mt-3 ml-10 text-xs text-muted">{label}</p>
    </div>
  );
}
