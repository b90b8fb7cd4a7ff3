import { EmptyState } from '../components/EmptyState';
import type { ViewProps } from '../components/ViewPage';
import { RecordCard } from './RecordCard';

/** Records as a list of cards: a filtered view's matches ("Past due"), or simply every record. */
export function ListView({ view, entity, records }: ViewProps) {
  if (records.length === 0)
    return (
      <EmptyState
        title={view.filter ? 'Nothing matches right now' : `No ${entity.pluralName.toLowerCase()} yet`}
        text={
          view.filter
            ? `${entity.pluralName} show up here when they match.`
            : `Add the first ${entity.name.toLowerCase()}.`
        }
      />
    );
  return (
    <div className="list">
      {records.map((record) => (
        <RecordCard key={record.id} entity={entity} record={record} complete />
      ))}
    </div>
  );
}
