import { type Blueprint, type ViewKind, viewKindLabels } from '@app/core/schemas';
import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import type { BlueprintEditing } from './blueprint-editing.ts';
import { addableViewKinds, addView, removeView, renameView } from './blueprint-edits.ts';
import { InlineName } from './blueprint-inline-name.tsx';
import { ChangeBadge, SourceLabel } from './blueprint-sources.tsx';
import type { ViewRow } from './blueprint-view.ts';

const selectClassName =
  'h-8 rounded-md border border-border bg-surface px-2 text-xs text-text shadow-sm focus:outline-none focus:ring-2 focus:ring-ring';

/** The app's views (kind, title, what they show and how), and a small form to add one. */
export function ViewList({
  views,
  removed,
  blueprint,
  editing,
  editable,
}: {
  views: ViewRow[];
  removed: string[];
  blueprint: Blueprint;
  editing: BlueprintEditing;
  editable: boolean;
}) {
  return (
    <div className="flex flex-col gap-2">
      {views.length === 0 && removed.length === 0 && (
        <p className="text-[13px] text-muted">No views yet: the app gets a table per entity.</p>
      )}
      {views.length > 0 && (
        <ul className="flex flex-col divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface">
          {views.map((view) => (
            <li key={view.id} className="flex flex-col gap-0.5 px-3 py-2" data-testid="blueprint-view">
              <div className="flex flex-wrap items-center gap-2">
                <span className="rounded bg-surface-sunken px-1.5 py-0.5 text-[11px] font-medium text-muted">
                  {view.kindLabel}
                </span>
                <InlineName
                  value={view.title}
                  label="View title"
                  editable={editable}
                  onSave={(title) =>
                    editing.save(`view:${view.id}:title`, renameView(blueprint, view.id, title))
                  }
                  problem={editing.problemFor(`view:${view.id}:title`)}
                  onEditStart={editing.clearProblem}
                  className="text-[13.5px] font-medium text-text"
                />
                <ChangeBadge mark={view.mark} />
                {editable && (
                  <button
                    type="button"
                    aria-label={`Remove view ${view.title}`}
                    onClick={() => void editing.save(`view:${view.id}`, removeView(blueprint, view.id))}
                    className="ml-auto rounded-md p-1 text-subtle hover:bg-surface-sunken hover:text-danger focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  >
                    <Trash2 className="size-3.5" aria-hidden="true" />
                  </button>
                )}
              </div>
              <p className="text-xs text-muted">
                {[view.entityName, view.layout, view.filter && `only ${view.filter}`]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {editing.problemFor(`view:${view.id}`) && (
                <p role="alert" className="text-xs text-danger" data-testid="blueprint-problem">
                  {editing.problemFor(`view:${view.id}`)}
                </p>
              )}
              <SourceLabel sources={view.sources} />
            </li>
          ))}
          {removed.map((title) => (
            <li key={`removed-${title}`} className="px-3 py-2 text-[13px] text-subtle line-through">
              {title}
            </li>
          ))}
        </ul>
      )}
      {editable && blueprint.entities.length > 0 && <AddView blueprint={blueprint} editing={editing} />}
    </div>
  );
}

function AddView({ blueprint, editing }: { blueprint: Blueprint; editing: BlueprintEditing }) {
  const [kind, setKind] = useState<ViewKind>('table');
  const [entityId, setEntityId] = useState(blueprint.entities[0]?.id ?? '');
  const target = blueprint.entities.some((entity) => entity.id === entityId)
    ? entityId
    : blueprint.entities[0]?.id;
  const problem = editing.problemFor('views');
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-1.5">
        <select
          aria-label="Kind of view"
          value={kind}
          onChange={(e) => setKind(e.target.value as ViewKind)}
          className={selectClassName}
        >
          {addableViewKinds.map((option) => (
            <option key={option} value={option}>
              {viewKindLabels[option]}
            </option>
          ))}
        </select>
        <span className="text-xs text-muted">of</span>
        <select
          aria-label="Entity the view shows"
          value={target}
          onChange={(e) => setEntityId(e.target.value)}
          className={selectClassName}
        >
          {blueprint.entities.map((entity) => (
            <option key={entity.id} value={entity.id}>
              {entity.pluralName}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          leadingIcon={<Plus className="size-3.5" aria-hidden="true" />}
          onClick={() => target && void editing.save('views', addView(blueprint, kind, target))}
          data-testid="blueprint-add-view"
        >
          Add view
        </Button>
      </div>
      {problem && (
        <p role="alert" className="text-xs text-danger" data-testid="blueprint-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
