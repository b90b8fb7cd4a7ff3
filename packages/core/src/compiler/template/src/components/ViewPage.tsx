import { useApp } from '../app-context';
import { describeFilter, matchesFilter } from '../logic/filters';
import type { AppEntity, AppRecord, AppView } from '../schema';
import { BoardView } from '../views/BoardView';
import { CalendarView } from '../views/CalendarView';
import { ChartView } from '../views/ChartView';
import { DetailView } from '../views/DetailView';
import { ListView } from '../views/ListView';
import { TableView } from '../views/TableView';
import { EmptyState } from './EmptyState';
import { ErrorBoundary } from './ErrorBoundary';

export interface ViewProps {
  view: AppView;
  entity: AppEntity;
  /** The entity's records, already narrowed by the view's filter. */
  records: readonly AppRecord[];
}

function ViewBody(props: ViewProps) {
  switch (props.view.kind) {
    case 'table':
      return <TableView {...props} />;
    case 'board':
      return <BoardView {...props} />;
    case 'calendar':
      return <CalendarView {...props} />;
    case 'chart':
      return <ChartView {...props} />;
    case 'list':
      return <ListView {...props} />;
    case 'detail':
      return <DetailView {...props} />;
  }
}

/** One view: its header (title, what it shows, New …) and the view itself. */
export function ViewPage({ viewId }: { viewId: string }) {
  const { model, store, today, visit, openForm } = useApp();
  const view = model.view(viewId);
  const entity = view ? model.entity(view.entityId) : undefined;
  if (!view || !entity) return <EmptyState title="Nothing here" text="This view no longer exists." />;
  const all = store.records(entity.id);
  const filter = view.filter;
  const records = filter ? all.filter((record) => matchesFilter(filter, record, today, store.records)) : all;
  const fieldName = (fieldId: string) => model.field(entity.id, fieldId)?.name ?? fieldId;
  const pluralOf = (entityId: string) => model.entity(entityId)?.pluralName ?? entityId;
  const count = `${records.length} ${records.length === 1 ? entity.name : entity.pluralName}`;
  return (
    <section className="page" data-view-id={view.id} data-view-kind={view.kind} data-entity-id={entity.id}>
      <header className="page-header">
        <div>
          <h1 className="page-title">{view.title}</h1>
          <p className="page-subtitle">
            {filter ? `${entity.pluralName} with ${describeFilter(filter, fieldName, pluralOf)} · ` : ''}
            {count}
          </p>
        </div>
        <button
          type="button"
          className="button primary"
          data-testid="new-record"
          data-entity-id={entity.id}
          onClick={() => openForm({ entityId: entity.id, recordId: null, preset: null })}
        >
          <span aria-hidden="true">+</span> New {entity.name}
        </button>
      </header>
      <ErrorBoundary key={`${view.id}:${visit}`} label={view.title}>
        <ViewBody view={view} entity={entity} records={records} />
      </ErrorBoundary>
    </section>
  );
}
