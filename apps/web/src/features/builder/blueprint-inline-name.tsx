import { clsx } from 'clsx';
import { Pencil } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

/**
 * A name that becomes an input when clicked (or Enter on it): Enter or leaving the field saves,
 * Esc puts the old name back. It stays open, showing the problem, while a save is refused, so the
 * person can fix what they typed. Read-only: plain text.
 */
export function InlineName({
  value,
  label,
  editable,
  onSave,
  problem,
  onEditStart,
  autoEdit = false,
  className,
  testId,
}: {
  value: string;
  /** What is being named, for screen readers: "Field name", "Entity name". */
  label: string;
  editable: boolean;
  /** Resolves true once saved (or nothing changed), false when refused. */
  onSave: (name: string) => Promise<boolean>;
  problem: string | null;
  /** Opening the input forgets an earlier refusal (it was about what was typed then). */
  onEditStart?: () => void;
  /** Open for typing at once (a field just added is named next). */
  autoEdit?: boolean;
  className?: string;
  testId?: string;
}) {
  const [editing, setEditing] = useState(autoEdit && editable);
  const [draft, setDraft] = useState(value);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const saving = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  // Focus goes back to the name when the input closes — at commit, not a frame later, when it
  // could steal focus from whatever the person moved on to.
  const refocus = useRef(false);
  const problemId = useId();

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  if (!editable || !editing) {
    if (!editable)
      return (
        <span className={className} data-testid={testId}>
          {value}
        </span>
      );
    return (
      <button
        ref={(element) => {
          if (element && refocus.current) {
            refocus.current = false;
            element.focus();
          }
        }}
        type="button"
        data-testid={testId}
        aria-label={`${label}: ${value}. Rename`}
        onClick={() => {
          setDraft(value);
          setLocalProblem(null);
          onEditStart?.();
          setEditing(true);
        }}
        className={clsx(
          'group inline-flex max-w-full items-center gap-1 rounded-md text-left',
          'hover:bg-surface-sunken focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
          className,
        )}
      >
        <span className="truncate">{value}</span>
        <Pencil
          className="size-3 shrink-0 text-subtle opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100"
          aria-hidden="true"
        />
      </button>
    );
  }

  const finish = async (save: boolean) => {
    if (saving.current) return;
    const name = draft.trim().replace(/\s+/g, ' ');
    if (!save || name === value) {
      refocus.current = true;
      setEditing(false);
      return;
    }
    if (!name) {
      setLocalProblem('Give it a name');
      return;
    }
    saving.current = true;
    const saved = await onSave(name);
    saving.current = false;
    if (saved) {
      refocus.current = true;
      setEditing(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void finish(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void finish(false);
    }
  };
  const shownProblem = localProblem ?? problem;
  return (
    <span className="inline-flex min-w-0 flex-col gap-1">
      <input
        ref={input}
        value={draft}
        aria-label={label}
        aria-invalid={shownProblem ? true : undefined}
        aria-describedby={shownProblem ? problemId : undefined}
        maxLength={120}
        data-testid={testId ? `${testId}-input` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setLocalProblem(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => void finish(true)}
        className={clsx(
          'h-7 min-w-0 rounded-md border bg-surface px-1.5 text-text shadow-sm',
          'focus:outline-none focus:ring-2 focus:ring-ring',
          shownProblem ? 'border-danger' : 'border-accent',
          className,
        )}
      />
      {shownProblem && (
        <span
          id={problemId}
          role="alert"
          className="text-xs font-normal text-danger"
          data-testid="blueprint-problem"
        >
          {shownProblem}
        </span>
      )}
    </span>
  );
}
