import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { InlineName } from './blueprint-inline-name.tsx';

/**
 * A choice field's options as chips, in order: click one to rename it, × to remove it, type in the
 * last chip and press Enter to add one. Every change saves the whole list.
 */
export function OptionChips({
  fieldName,
  options,
  editable,
  onChange,
  problem,
}: {
  fieldName: string;
  options: string[];
  editable: boolean;
  onChange: (options: string[]) => Promise<boolean>;
  problem: string | null;
}) {
  const [adding, setAdding] = useState('');
  const add = async () => {
    const option = adding.trim().replace(/\s+/g, ' ');
    if (!option) return;
    if (await onChange([...options, option])) setAdding('');
  };
  if (!editable && options.length === 0) return <span className="text-xs text-subtle">No options yet</span>;
  return (
    <ul
      className="flex flex-wrap items-center gap-1.5"
      aria-label={`Options of ${fieldName}`}
      data-testid="blueprint-options"
    >
      {options.map((option, index) => (
        <li
          // Options are unique within a field (the validator refuses repeats).
          key={option}
          data-testid="blueprint-option"
          className="inline-flex items-center gap-0.5 rounded-full border border-border bg-surface-sunken py-0.5 pr-1 pl-2 text-xs text-text"
        >
          <InlineName
            value={option}
            label={`Option of ${fieldName}`}
            editable={editable}
            problem={null}
            onSave={(name) => onChange(options.map((existing, at) => (at === index ? name : existing)))}
            className="text-xs"
          />
          {editable && (
            <button
              type="button"
              aria-label={`Remove option ${option}`}
              onClick={() => void onChange(options.filter((_, at) => at !== index))}
              className="rounded-full p-0.5 text-subtle hover:bg-surface hover:text-text focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              <X className="size-3" aria-hidden="true" />
            </button>
          )}
        </li>
      ))}
      {editable && (
        <li className="inline-flex items-center gap-1 rounded-full border border-dashed border-border-strong py-0.5 pr-1 pl-2 focus-within:ring-2 focus-within:ring-ring">
          <input
            value={adding}
            onChange={(event) => setAdding(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void add();
              } else if (event.key === 'Escape') setAdding('');
            }}
            maxLength={120}
            placeholder="Add option"
            aria-label={`Add an option to ${fieldName}`}
            className="w-24 bg-transparent text-xs text-text placeholder:text-subtle focus:outline-none"
          />
          <button
            type="button"
            aria-label={`Add option to ${fieldName}`}
            disabled={!adding.trim()}
            onClick={() => void add()}
            className="rounded-full p-0.5 text-muted hover:text-text disabled:opacity-40 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <Plus className="size-3" aria-hidden="true" />
          </button>
        </li>
      )}
      {problem && (
        <li role="alert" className="basis-full text-xs text-danger" data-testid="blueprint-problem">
          {problem}
        </li>
      )}
    </ul>
  );
}
