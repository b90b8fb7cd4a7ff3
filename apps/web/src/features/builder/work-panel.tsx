import { clsx } from 'clsx';
import { BookOpenText, Boxes, Code2, Database, GitCommitVertical, MonitorPlay } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useRef } from 'react';

export type WorkTab = 'blueprint' | 'ledger' | 'preview' | 'code' | 'versions' | 'data';

const tabs: { id: WorkTab; label: string; icon: ReactNode }[] = [
  { id: 'blueprint', label: 'Blueprint', icon: <Boxes className="size-4" aria-hidden="true" /> },
  { id: 'ledger', label: 'Ledger', icon: <BookOpenText className="size-4" aria-hidden="true" /> },
  { id: 'preview', label: 'Preview', icon: <MonitorPlay className="size-4" aria-hidden="true" /> },
  { id: 'code', label: 'Code', icon: <Code2 className="size-4" aria-hidden="true" /> },
  { id: 'versions', label: 'Versions', icon: <GitCommitVertical className="size-4" aria-hidden="true" /> },
  { id: 'data', label: 'Data', icon: <Database className="size-4" aria-hidden="true" /> },
];

/** The right pane: a tab strip (←/→ move between tabs) and the selected tab's content. */
export function WorkPanel({
  tab,
  onTabChange,
  counts,
  children,
}: {
  tab: WorkTab;
  onTabChange: (tab: WorkTab) => void;
  counts: Partial<Record<WorkTab, number>>;
  children: ReactNode;
}) {
  const tabRefs = useRef(new Map<WorkTab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = tabs.findIndex((entry) => entry.id === tab);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    onTabChange(next.id);
    tabRefs.current.get(next.id)?.focus();
  };
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div
        role="tablist"
        aria-label="Work"
        onKeyDown={onKeyDown}
        className="flex h-11 shrink-0 items-end gap-1 overflow-x-auto border-b border-border px-3"
      >
        {tabs.map((entry) => {
          const selected = entry.id === tab;
          const count = counts[entry.id];
          return (
            <button
              key={entry.id}
              ref={(element) => {
                if (element) tabRefs.current.set(entry.id, element);
                else tabRefs.current.delete(entry.id);
              }}
              type="button"
              role="tab"
              id={`work-tab-${entry.id}`}
              aria-selected={selected}
              aria-controls="work-tabpanel"
              tabIndex={selected ? 0 : -1}
              onClick={() => onTabChange(entry.id)}
              className={clsx(
                '-mb-px flex h-10 items-center gap-1.5 border-b-2 px-2.5 text-[13px] font-medium whitespace-nowrap transition-colors',
                'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset',
                selected ? 'border-accent text-text' : 'border-transparent text-muted hover:text-text',
              )}
            >
              {entry.icon}
              {entry.label}
              {count !== undefined && count > 0 && (
                <span className="rounded-full bg-surface-sunken px-1.5 text-[11px] font-medium text-muted tabular-nums">
                  {count}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id="work-tabpanel"
        aria-labelledby={`work-tab-${tab}`}
        data-testid={`work-panel-${tab}`}
        className="min-h-0 flex-1 overflow-auto"
      >
        {children}
      </div>
    </div>
  );
}
