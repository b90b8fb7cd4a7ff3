import { clsx } from 'clsx';

/** What a live event stream is doing (docs/architecture.md#screens): never a blocking error, just this pill. */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

const pillByState: Record<
  ConnectionState,
  { label: string; dot: string; text: string; description: string }
> = {
  live: {
    label: 'Live',
    dot: 'bg-emerald-500',
    text: 'text-emerald-700 dark:text-emerald-300',
    description: 'Receiving updates as they happen',
  },
  reconnecting: {
    label: 'Reconnecting…',
    dot: 'bg-amber-500',
    text: 'text-amber-700 dark:text-amber-300',
    description: 'The live connection dropped; catching up automatically',
  },
  offline: {
    label: 'Offline',
    dot: 'bg-subtle',
    text: 'text-muted',
    description: 'No connection. Updates resume when you are back online',
  },
};

export function ConnectionPill({ state, className }: { state: ConnectionState; className?: string }) {
  const pill = pillByState[state];
  return (
    <output
      data-testid="connection-pill"
      data-state={state}
      title={pill.description}
      aria-live="polite"
      className={clsx(
        'inline-flex h-6 items-center gap-1.5 rounded-full border border-border bg-surface px-2.5 text-xs font-medium',
        pill.text,
        className,
      )}
    >
      <span className="relative flex size-1.5">
        {state !== 'offline' && (
          <span
            className={clsx('absolute inline-flex size-full animate-ping rounded-full opacity-50', pill.dot)}
          />
        )}
        <span className={clsx('relative inline-flex size-1.5 rounded-full', pill.dot)} />
      </span>
      {pill.label}
    </output>
  );
}
