import { clsx } from 'clsx';
import { MessagesSquare, PanelsTopLeft } from 'lucide-react';

export type MobilePane = 'chat' | 'work';

const panes = [
  { id: 'chat', label: 'Conversation', icon: <MessagesSquare className="size-4" aria-hidden="true" /> },
  { id: 'work', label: 'Work', icon: <PanelsTopLeft className="size-4" aria-hidden="true" /> },
] as const;

/** Below the large breakpoint the two panes take turns: this strip picks which one shows. */
export function PaneTabs({ pane, onChange }: { pane: MobilePane; onChange: (pane: MobilePane) => void }) {
  return (
    <div
      className="flex shrink-0 gap-1 border-b border-border p-1.5 lg:hidden"
      role="tablist"
      aria-label="Pane"
    >
      {panes.map((entry) => (
        <button
          key={entry.id}
          type="button"
          role="tab"
          aria-selected={pane === entry.id}
          data-testid={`pane-${entry.id}`}
          onClick={() => onChange(entry.id)}
          className={clsx(
            'flex h-8 flex-1 items-center justify-center gap-1.5 rounded-md text-[13px] font-medium',
            pane === entry.id ? 'bg-surface-sunken text-text' : 'text-muted',
          )}
        >
          {entry.icon}
          {entry.label}
        </button>
      ))}
    </div>
  );
}
