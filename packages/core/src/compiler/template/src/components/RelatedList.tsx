import { useApp } from '../app-context';
import { type Relation, readValue } from '../logic/model';
import type { AppRecord } from '../schema';

/** The records of another entity that point at this one ("Loans of this Tool"), with a way to add one. */
export function RelatedList({ relation, parent }: { relation: Relation; parent: AppRecord }) {
  const { model, store, titleOf, navigate, openForm } = useApp();
  const { entity, field } = relation;
  const records = store.records(entity.id).filter((record) => readValue(record, field.id) === parent.id);
  const own = model.entity(field.referenceEntityId ?? '');
  const heading =
    own && field.name.toLowerCase() !== own.name.toLowerCase()
      ? `${entity.pluralName} (${field.name})`
      : entity.pluralName;
  return (
    <section className="related" data-related-entity-id={entity.id} data-related-field-id={field.id}>
      <header className="related-header">
        <h3>
          {heading} <span className="count">{records.length}</span>
        </h3>
        <button
          type="button"
          className="button small"
          data-testid="add-related"
          onClick={() => openForm({ entityId: entity.id, recordId: null, preset: { [field.id]: parent.id } })}
        >
          + Add {entity.name}
        </button>
      </header>
      {records.length === 0 ? (
        <p className="muted small">No {entity.pluralName.toLowerCase()} yet.</p>
      ) : (
        <ul className="related-list">
          {records.map((record) => (
            <li key={record.id} data-record-id={record.id}>
              <button
                type="button"
                className="link"
                data-testid="open-record"
                onClick={() => navigate({ kind: 'record', entityId: entity.id, recordId: record.id })}
              >
                {titleOf(entity, record)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
