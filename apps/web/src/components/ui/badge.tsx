import { clsx } from 'clsx';
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

const toneClasses: Record<BadgeTone, string> = {
  neutral: 'bg-surface-sunken text-muted ring-border',
  accent: 'bg-accent-soft text-accent-text ring-accent/25',
  success: 'bg-emerald-500/10 text-emerald-700 ring-emerald-600/20 dark:text-emerald-300',
  warning: 'bg-amber-500/10 text-amber-700 ring-amber-600/25 dark:text-amber-300',
  danger: 'bg-danger-soft text-danger ring-danger/25',
  info: 'bg-sky-500/10 text-sky-700 ring-sky-600/20 dark:text-sky-300',
};

const dotClasses: Record<BadgeTone, string> = {
  neutral: 'bg-subtle',
  accent: 'bg-accent',
  success: 'bg-emerald-500',
  warning: 'bg-amber-500',
  danger: 'bg-danger',
  info: 'bg-sky-500',
};

export function Badge({
  tone = 'neutral',
  dot = false,
  pulse = false,
  className,
  children,
}: {
  tone?: BadgeTone;
  /** A leading status dot; `pulse` animates it for in-progress states. */
  dot?: boolean;
  pulse?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={clsx(
        'inline-flex h-5 items-center gap-1.5 rounded-full px-2 text-[11px] font-medium whitespace-nowrap ring-1 ring-inset',
        toneClasses[tone],
        className,
      )}
    >
      {dot && (
        <span className="relative flex size-1.5">
          {pulse && (
            <span
              className={clsx(
                'absolute inline-flex size-full animate-ping rounded-full opacity-60',
                dotClasses[tone],
              )}
            />
          )}
          <span className={clsx('relative inline-flex size-1.5 rounded-full', dotClasses[tone])} />
        </span>
      )}
      {children}
    </span>
  );
}
