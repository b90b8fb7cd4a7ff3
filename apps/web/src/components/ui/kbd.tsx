import { clsx } from 'clsx';
import type { ReactNode } from 'react';

export function Kbd({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <kbd
      className={clsx(
        'inline-flex h-5 min-w-5 items-center justify-center rounded border border-border bg-surface px-1 font-sans text-[11px] font-medium text-muted shadow-[0_1px_0_var(--border)]',
        className,
      )}
    >
      {children}
    </kbd>
  );
}
