import type { Blueprint } from '@app/core/schemas';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import type { BlueprintEditing } from './blueprint-editing.ts';
import {
  addField,
  removeField,
  renameEntity,
  renameField,
  setFieldType,
  setOptions,
  setReference,
} from './blueprint-edits.ts';
import { FieldRowView } from './blueprint-field-row.tsx';
import { InlineName } from './blueprint-inline-name.tsx';
import { ChangeBadge, SourceLabel } from './blueprint-sources.tsx';
import type { EntityCard } from './blueprint-view.ts';

/** One entity: its name (renamable), its fields, and what a change request removed from it. */
export function EntityCardView({
  card,
  blueprint,
  editing,
  editable,
}: {
  card: EntityCard;
  /** The blueprint on screen, which each edit starts from. */
  blueprint: Blueprint;
  editing: BlueprintEditing;
  editable: boolean;
}) {
  const entityKey = `entity:${card.id}`;
  const [addedFieldId, setAddedFieldId] = useState<string | null>(null);
  const onAddField = () => {
    const added = addField(blueprint, card.id);
    setAddedFieldId(added.fieldId);
    void editing.save(entityKey, added.blueprint);
  };
  const entities = blueprint.entities.map((entity) => ({ id: entity.id, name: entity.name }));
  const fieldEdits = (fieldId: string) => {
    const key = `field:${card.id}/${fieldId}`;
    return {
      rename: async (name: string) => {
        const saved = await editing.save(`${key}:name`, renameField(blueprint, card.id, fieldId, name));
        if (saved) setAddedFieldId(null);
        return saved;
      },
      setType: (type: Parameters<typeof setFieldType>[3]) =>
        editing.save(key, setFieldType(blueprint, card.id, fieldId, type)),
      setReference: (entityId: string) =>
        editing.save(key, setReference(blueprint, card.id, fieldId, entityId)),
      setOptions: (options: string[]) => editing.save(key, setOptions(blueprint, card.id, fieldId, options)),
      // A removal the server refuses (the last field) is the entity's problem, not the gone row's.
      remove: () => editing.save(entityKey, removeField(blueprint, card.id, fieldId)),
      clearProblem: editing.clearProblem,
    };
  };
  const problem = editing.problemFor(entityKey);
  return (
    <section
      aria-label={card.name}
      className="overflow-hidden rounded-lg border border-border bg-surface shadow-card"
      data-testid="blueprint-entity"
      data-entity-id={card.id}
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-0.5 border-b border-border bg-surface-sunken/60 px-3 py-2">
        <h4 className="min-w-0 text-sm font-semibold text-text">
          <InlineName
            value={card.name}
            label="Entity name"
            editable={editable}
            onSave={(name) => editing.save(`${entityKey}:name`, renameEntity(blueprint, card.id, name))}
            problem={editing.problemFor(`${entityKey}:name`)}
            onEditStart={editing.clearProblem}
            testId="blueprint-entity-name"
          />
        </h4>
        <span className="text-xs text-muted">{card.pluralName}</span>
        <ChangeBadge mark={card.mark} before={card.before} />
        <SourceLabel sources={card.sources} className="ml-auto" />
      </header>
      <ul className="flex flex-col divide-y divide-border">
        {card.fields.map((field) => (
          <FieldRowView
            key={field.id}
            field={field}
            editable={editable}
            entities={entities}
            edits={fieldEdits(field.id)}
            nameProblem={editing.problemFor(`field:${card.id}/${field.id}:name`)}
            problem={editing.problemFor(`field:${card.id}/${field.id}`)}
            justAdded={field.id === addedFieldId}
          />
        ))}
        {card.removedFields.map((name) => (
          <li
            key={`removed-${name}`}
            className="px-3 py-2 text-[13px] text-subtle line-through"
            data-testid="blueprint-removed-field"
          >
            {name}
          </li>
        ))}
      </ul>
      {(editable || problem) && (
        <footer className="flex flex-col gap-1 border-t border-border px-3 py-2">
          {problem && (
            <p role="alert" className="text-xs text-danger" data-testid="blueprint-problem">
              {problem}
            </p>
          )}
          {editable && (
            <Button
              size="sm"
              variant="ghost"
              className="self-start"
              leadingIcon={<Plus className="size-3.5" aria-hidden="true" />}
              onClick={onAddField}
              data-testid="blueprint-add-field"
            >
              Add field
            </Button>
          )}
        </footer>
      )}
    </section>
  );
}
