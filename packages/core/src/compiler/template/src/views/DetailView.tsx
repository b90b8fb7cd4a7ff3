import { useState } from 'react';
import { useApp } from '../app-context';
import { EmptyState } from '../components/EmptyState';
import { RecordDetail } from '../components/RecordDetail';
import type { ViewProps } from '../components/ViewPage';

/** A list of records beside the selected one's full detail. */
export function DetailView({ entity, records }: ViewProps) {
  const { titleOf } = useApp();
  const [selected, setSelected] = useState<string | null>(null);
  const record = records.find((candidate) => candidate.id === selected) ?? records[0];
  if (!record)
    return (
      <EmptyState
        title={`No ${entity.pluralName.toLowerCase()} yet`}
        text={`Add the first ${entity.name.toLowerCase()}.`}
      />
    );
  return (
    <div className="master-detail">
      <ul className="master card">
        {records.map((candidate) => (
          <li key={candidate.id} data-record-id={candidate.id}>
            <button
              type="button"
              className={candidate.id === record.id ? 'master-item active' : 'master-item'}
              data-testid="select-record"
              onClick={() => setSelected(candidate.id)}
            >
              {titleOf(entity, candidate)}
            </button>
          </li>
        ))}
      </ul>
      <RecordDetail entity={entity} record={record} onDeleted={() => setSelected(null)} />
    </div>
  );
}
