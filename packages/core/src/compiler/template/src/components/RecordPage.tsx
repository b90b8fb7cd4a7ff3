import { useApp } from '../app-context';
import { EmptyState } from './EmptyState';
import { RecordDetail } from './RecordDetail';

/** A record's own page (from a table row, a card, a reference or a related list). */
export function RecordPage({ entityId, recordId }: { entityId: string; recordId: string }) {
  const { model, store, navigate } = useApp();
  const entity = model.entity(entityId);
  const record = entity ? store.find(entity.id, recordId) : undefined;
  const back = entity ? model.primaryView(entity.id) : model.views[0];
  const backButton = back ? (
    <button
      type="button"
      className="button ghost back"
      onClick={() => navigate({ kind: 'view', viewId: back.id })}
    >
      ← {back.title}
    </button>
  ) : null;
  if (!entity || !record)
    return (
      <section className="page">
        {backButton}
        <EmptyState title="Record not found" text="It may have been deleted." />
      </section>
    );
  return (
    <section className="page" data-entity-id={entity.id}>
      {backButton}
      <RecordDetail
        entity={entity}
        record={record}
        onDeleted={() => back && navigate({ kind: 'view', viewId: back.id })}
      />
    </section>
  );
}
