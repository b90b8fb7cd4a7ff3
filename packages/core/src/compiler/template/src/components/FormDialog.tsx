import { type FormEvent, useState } from 'react';
import { type FormRequest, useApp } from '../app-context';
import { type Draft, draftOf, parseDraft } from '../logic/validate';
import { Dialog } from './Dialog';
import { FieldInput } from './FieldInput';

/** The form of one entity, for a new record or an existing one. Saves only when every field is right. */
export function FormDialog({ request, onClose }: { request: FormRequest; onClose: () => void }) {
  const { model, store, notify } = useApp();
  const entity = model.entity(request.entityId);
  // The record as the form opened on it: live updates may change (or delete) it meanwhile, and the
  // save must be judged against what the person saw (a stale edit is refused, never a new record).
  const [existing] = useState(() =>
    request.recordId ? store.find(request.entityId, request.recordId) : undefined,
  );
  const [draft, setDraft] = useState<Draft>(() =>
    entity ? draftOf(entity, existing?.values ?? request.preset) : {},
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!entity) return null;
  const editing = Boolean(existing);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDraft(entity, draft);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    setSaving(true);
    try {
      if (existing) await store.update(entity.id, existing.id, parsed.values, existing);
      else await store.create(entity.id, parsed.values);
      notify(editing ? `${entity.name} saved` : `${entity.name} added`);
      onClose();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  return (
    <Dialog title={editing ? `Edit ${entity.name}` : `New ${entity.name}`} onClose={onClose}>
      <form
        className="form"
        noValidate
        data-testid="record-form"
        data-entity-id={entity.id}
        onSubmit={(event) => void submit(event)}
      >
        <div className="form-fields">
          {entity.fields.map((field) => (
            <FieldInput
              key={field.id}
              field={field}
              value={Object.hasOwn(draft, field.id) ? draft[field.id] : undefined}
              error={errors[field.id] ?? null}
              onChange={(value) => setDraft((previous) => ({ ...previous, [field.id]: value }))}
            />
          ))}
        </div>
        {failure ? (
          <p className="notice danger" role="alert">
            Could not save: {failure}
          </p>
        ) : null}
        <footer className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving} data-testid="save-record">
            {editing ? 'Save changes' : `Add ${entity.name}`}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
