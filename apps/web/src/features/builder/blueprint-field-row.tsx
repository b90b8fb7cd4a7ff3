import { type FieldType, fieldTypeLabels, fieldTypes } from '@app/core/schemas';
import { Trash2 } from 'lucide-react';
import { InlineName } from './blueprint-inline-name.tsx';
import { OptionChips } from './blueprint-option-chips.tsx';
import { ChangeBadge, SourceLabel } from './blueprint-sources.tsx';
import type { FieldRow } from './blueprint-view.ts';

export type FieldEdits = {
  rename: (name: string) => Promise<boolean>;
  setType: (type: FieldType) => Promise<boolean>;
  setReference: (entityId: string) => Promise<boolean>;
  setOptions: (options: string[]) => Promise<boolean>;
  remove: () => Promise<boolean>;
  clearProblem: () => void;
};

const selectClassName =
  'h-7 rounded-md border border-border bg-surface px-1.5 text-xs text-text shadow-sm focus:outline-none focus:ring-2 focus:ring-ring disabled:opacity-60';

/** One field: its name, its type (a select while editable), options or target, and its source. */
export function FieldRowView({
  field,
  editable,
  entities,
  edits,
  nameProblem,
  problem,
  justAdded = false,
}: {
  field: FieldRow;
  editable: boolean;
  /** Entities a reference may point at. */
  entities: { id: string; name: string }[];
  edits: FieldEdits;
  /** A refused rename (shown in the open name input) … */
  nameProblem: string | null;
  /** … and any other refused edit of this field (type, options, target, removal). */
  problem: string | null;
  /** Added by this person a moment ago: its name opens for typing. */
  justAdded?: boolean;
}) {
  return (
    <li className="flex flex-col gap-1.5 px-3 py-2" data-testid="blueprint-field" data-field-id={field.id}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <InlineName
          value={field.name}
          label="Field name"
          editable={editable}
          onSave={edits.rename}
          problem={nameProblem}
          onEditStart={edits.clearProblem}
          autoEdit={justAdded}
          className="text-[13.5px] font-medium text-text"
          testId="blueprint-field-name"
        />
        {field.required && <span className="text-[11px] text-subtle">required</span>}
        {field.isStatus && (
          <span className="rounded bg-accent-soft px-1.5 py-px text-[10.5px] font-medium text-accent-text">
            status
          </span>
        )}
        <ChangeBadge mark={field.mark} before={field.before} />
        <span className="ml-auto flex items-center gap-1.5">
          {editable ? (
            <select
              aria-label={`Type of ${field.name}`}
              value={field.type}
              onChange={(event) => void edits.setType(event.target.value as FieldType)}
              className={selectClassName}
              data-testid="blueprint-field-type"
            >
              {fieldTypes.map((type) => (
                <option key={type} value={type}>
                  {fieldTypeLabels[type]}
                </option>
              ))}
            </select>
          ) : (
            <span
              className="rounded bg-surface-sunken px-1.5 py-0.5 text-xs text-muted"
              data-testid="blueprint-field-type"
            >
              {field.typeLabel}
            </span>
          )}
          {editable && (
            <button
              type="button"
              aria-label={`Remove field ${field.name}`}
              onClick={() => void edits.remove()}
              className="rounded-md p-1 text-subtle hover:bg-surface-sunken hover:text-danger focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              <Trash2 className="size-3.5" aria-hidden="true" />
            </button>
          )}
        </span>
      </div>
      {field.type === 'reference' &&
        (editable ? (
          <label className="flex items-center gap-1.5 text-xs text-muted">
            refers to
            <select
              value={field.referenceEntityId ?? ''}
              onChange={(event) => void edits.setReference(event.target.value)}
              className={selectClassName}
            >
              {entities.map((entity) => (
                <option key={entity.id} value={entity.id}>
                  {entity.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="text-xs text-muted">refers to {field.referenceName ?? 'nothing yet'}</span>
        ))}
      {field.range && <span className="text-xs text-muted">from {field.range.replace('–', ' to ')}</span>}
      {field.hasOptions && (
        <OptionChips
          fieldName={field.name}
          options={field.options}
          editable={editable}
          onChange={edits.setOptions}
          problem={null}
        />
      )}
      {problem && (
        <p role="alert" className="text-xs text-danger" data-testid="blueprint-problem">
          {problem}
        </p>
      )}
      <SourceLabel sources={field.sources} />
    </li>
  );
}
