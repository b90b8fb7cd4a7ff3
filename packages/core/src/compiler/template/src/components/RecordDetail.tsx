import { useState } from 'react';
import { useApp } from '../app-context';
import type { AppEntity, AppRecord } from '../schema';
import { RecordActions } from './RecordActions';
import { RelatedList } from './RelatedList';
import { ValueView } from './ValueView';

/** Every field of one record, the records that refer to it, and Edit / Delete. */
export function RecordDetail({
  entity,
  record,
  onDeleted,
}: {
  entity: AppEntity;
  record: AppRecord;
  onDeleted: () => void;
}) {
  const { model, store, titleOf, openForm, notify } = useApp();
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    await store.remove(entity.id, record.id);
    notify(`${entity.name} deleted`);
    onDeleted();
  };
  return (
    <article className="detail card" data-testid="record-detail" data-record-id={record.id}>
      <header className="detail-header">
        <div>
          <p className="eyebrow">{entity.name}</p>
          <h2 className="detail-title">{titleOf(entity, record)}</h2>
        </div>
        <div className="actions">
          <RecordActions entity={entity} record={record} />
          <button
            type="button"
            className="button"
            data-testid="edit-record"
            onClick={() => openForm({ entityId: entity.id, recordId: record.id, preset: null })}
          >
            Edit
          </button>
          {confirming ? (
            <span className="confirm">
              <span className="muted">Delete?</span>
              <button
                type="button"
                className="button danger"
                data-testid="confirm-delete"
                onClick={() => void remove()}
              >
                Delete
              </button>
              <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button ghost danger-text"
              data-testid="delete-record"
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          )}
        </div>
      </header>
      <dl className="fields">
        {entity.fields.map((field) => (
          <div
            key={field.id}
            className={field.type === 'longText' ? 'field wide' : 'field'}
            data-field-id={field.id}
          >
            <dt>{field.name}</dt>
            <dd>
              <ValueView field={field} record={record} />
            </dd>
          </div>
        ))}
      </dl>
      {model.relationsTo(entity.id).map((relation) => (
        <RelatedList key={`${relation.entity.id}:${relation.field.id}`} relation={relation} parent={record} />
      ))}
    </article>
  );
}
