import type { Check } from '@app/core/schemas';
import { clsx } from 'clsx';
import { Check as CheckIcon, ChevronRight, X } from 'lucide-react';
import { useId, useState } from 'react';
import { type ChecksTally, isCheckExpanded, toggledWith } from './checks-view.ts';

function CheckMark({ ok }: { ok: boolean }) {
  return (
    <span
      className={clsx(
        'mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full text-white',
        ok ? 'bg-emerald-500' : 'bg-amber-500',
      )}
    >
      {ok ? (
        <CheckIcon className="size-2.5" strokeWidth={3.5} aria-hidden="true" />
      ) : (
        <X className="size-2.5" strokeWidth={3.5} aria-hidden="true" />
      )}
      <span className="sr-only">{ok ? 'Passed:' : 'Failed:'}</span>
    </span>
  );
}

function CheckRow({ check, expanded, onToggle }: { check: Check; expanded: boolean; onToggle: () => void }) {
  const detailId = useId();
  return (
    <li data-testid="check" data-check-id={check.id} data-ok={check.ok}>
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={detailId}
        onClick={onToggle}
        className="flex w-full items-start gap-2 rounded-md px-1.5 py-1 text-left hover:bg-surface-sunken focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <CheckMark ok={check.ok} />
        <span
          className={clsx(
            'min-w-0 flex-1 text-[13px] leading-5 break-words',
            check.ok ? 'text-text' : 'font-medium text-text',
          )}
        >
          {check.title}
        </span>
        <ChevronRight
          className={clsx(
            'mt-0.5 size-3.5 shrink-0 text-subtle transition-transform',
            expanded && 'rotate-90',
          )}
          aria-hidden="true"
        />
      </button>
      {expanded && (
        <p
          id={detailId}
          data-testid="check-detail"
          className={clsx(
            'mt-0.5 mb-1 ml-7.5 rounded-md px-2.5 py-1.5 text-[12px] leading-snug whitespace-pre-wrap break-words',
            check.ok ? 'bg-surface-sunken text-muted' : 'bg-amber-500/10 text-amber-800 dark:text-amber-200',
          )}
        >
          {check.detail || (check.ok ? 'Passed.' : 'Failed, with no detail given.')}
        </p>
      )}
    </li>
  );
}

/**
 * Each check as a row, ✓ or ✗ with its title; a row opens to its detail. Failing rows start open.
 * Remount it (a `key`) for another verification: which rows are open belongs to one round.
 */
export function CheckList({ checks }: { checks: readonly Check[] }) {
  const [toggledIds, setToggledIds] = useState<ReadonlySet<string>>(() => new Set());
  return (
    <ul className="flex flex-col gap-0.5" data-testid="check-list">
      {checks.map((check) => (
        <CheckRow
          key={check.id}
          check={check}
          expanded={isCheckExpanded(check, toggledIds)}
          onToggle={() => setToggledIds((current) => toggledWith(current, check.id))}
        />
      ))}
    </ul>
  );
}

/** "9/12 checks passed" over a bar of passed (green) and failed (amber) shares. */
export function ChecksBar({ tally }: { tally: ChecksTally }) {
  return (
    <div aria-hidden="true" className="flex h-1.5 w-full overflow-hidden rounded-full bg-surface-sunken">
      <div className="bg-emerald-500 transition-[width]" style={{ width: `${tally.passedPercent}%` }} />
      <div className="bg-amber-500 transition-[width]" style={{ width: `${tally.failedPercent}%` }} />
    </div>
  );
}
