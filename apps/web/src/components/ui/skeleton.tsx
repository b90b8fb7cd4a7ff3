import { clsx } from 'clsx';

/** A placeholder block with a soft shimmer; size it with classes (`h-4 w-32`). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={clsx(
        'relative overflow-hidden rounded-md bg-surface-sunken',
        'before:absolute before:inset-0 before:-translate-x-full before:animate-[shimmer_1.6s_infinite]',
        'before:bg-gradient-to-r before:from-transparent before:via-black/[0.04] before:to-transparent',
        'dark:before:via-white/[0.05]',
        className,
      )}
    />
  );
}
