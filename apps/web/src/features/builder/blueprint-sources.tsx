import { clsx } from 'clsx';
import type { ChangeMark } from './blueprint-view.ts';

/** Where an element came from: "from your request · your edit", quiet, under or beside it. */
export function SourceLabel({ sources, className }: { sources: string[]; className?: string }) {
  return (
    <span className={clsx('text-[11.5px] text-subtle', className)} data-testid="blueprint-source">
      {sources.join(' · ')}
    </span>
  );
}

const markStyles: Record<Exclude<ChangeMark, null>, { label: string; className: string }> = {
  added: { label: 'new', className: 'bg-emerald-500/10 text-emerald-700 dark:text-emerald-300' },
  renamed: { label: 'renamed', className: 'bg-sky-500/10 text-sky-700 dark:text-sky-300' },
  changed: { label: 'changed', className: 'bg-amber-500/10 text-amber-700 dark:text-amber-300' },
};

/** What a change request does to this element ("renamed from Condition"). */
export function ChangeBadge({ mark, before }: { mark: ChangeMark; before?: string | null }) {
  if (!mark) return null;
  const style = markStyles[mark];
  return (
    <span
      className={clsx('rounded px-1.5 py-px text-[10.5px] font-medium tracking-wide', style.className)}
      data-testid="blueprint-change-mark"
      data-mark={mark}
      title={before ? `was ${before}` : undefined}
    >
      {style.label}
      {before && <span className="font-normal"> · was {before}</span>}
    </span>
  );
}
