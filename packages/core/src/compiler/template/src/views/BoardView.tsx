import { type DragEvent, useState } from 'react';
import { useApp } from '../app-context';
import { EmptyState } from '../components/EmptyState';
import type { ViewProps } from '../components/ViewPage';
import { type Group, groupKeysOf, groupsOf } from '../logic/groups';
import type { AppRecord } from '../schema';
import { RecordCard } from './RecordCard';

const dragType = 'application/x-record-id';

/** Columns by a field (a status's options in order); cards move by their arrows or by dragging. */
export function BoardView({ view, entity, records }: ViewProps) {
  const { model, store, titleOf, openForm } = useApp();
  const [over, setOver] = useState<number | null>(null);
  const field = view.groupByFieldId ? model.field(entity.id, view.groupByFieldId) : undefined;
  if (!field) return <EmptyState title="No columns" text="This board has no field to group by." />;
  const target = field.referenceEntityId ? model.entity(field.referenceEntityId) : undefined;
  const referenced = target
    ? store.records(target.id).map((record) => ({ id: record.id, title: titleOf(target, record) }))
    : [];
  const columns = groupsOf(field, records, referenced);
  const inColumn = (group: Group) =>
    records.filter((record) => (groupKeysOf(field, record)[0] ?? '') === group.key);
  const move = (record: AppRecord, group: Group) =>
    void store.update(entity.id, record.id, { ...record.values, [field.id]: group.value });
  const drop = (event: DragEvent, group: Group) => {
    event.preventDefault();
    setOver(null);
    const id = event.dataTransfer.getData(dragType);
    const record = records.find((candidate) => candidate.id === id);
    if (record) move(record, group);
  };
  return (
    <>
      <p className="view-note">
        Columns by <strong>{field.name}</strong>
      </p>
      <div className="board" data-group-field-id={field.id}>
        {columns.map((group, index) => {
          const cards = inColumn(group);
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for dragged cards; the arrow buttons on each card are the keyboard way to move them
            <section
              key={group.key}
              className={over === index ? 'column over' : 'column'}
              data-board-column=""
              data-column-index={index}
              onDragOver={(event) => {
                event.preventDefault();
                setOver(index);
              }}
              onDragLeave={() => setOver((current) => (current === index ? null : current))}
              onDrop={(event) => drop(event, group)}
            >
              <header className="column-header">
                <span className="column-title" data-testid="column-title">
                  {group.label}
                </span>
                <span className="count">{cards.length}</span>
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={`Add ${entity.name} to ${group.label}`}
                  onClick={() =>
                    openForm({ entityId: entity.id, recordId: null, preset: { [field.id]: group.value } })
                  }
                >
                  +
                </button>
              </header>
              <div className="column-cards">
                {cards.map((record) => {
                  const previous = columns[index - 1];
                  const next = columns[index + 1];
                  return (
                    <RecordCard
                      key={record.id}
                      entity={entity}
                      record={record}
                      hide={field.id}
                      draggable
                      onDragStart={(event) => {
                        event.dataTransfer.setData(dragType, record.id);
                        event.dataTransfer.effectAllowed = 'move';
                      }}
                    >
                      <div className="card-moves">
                        <button
                          type="button"
                          className="icon-button small"
                          data-testid="move-prev"
                          disabled={!previous}
                          aria-label={previous ? `Move to ${previous.label}` : 'First column'}
                          onClick={() => previous && move(record, previous)}
                        >
                          ←
                        </button>
                        <button
                          type="button"
                          className="icon-button small"
                          data-testid="move-next"
                          disabled={!next}
                          aria-label={next ? `Move to ${next.label}` : 'Last column'}
                          onClick={() => next && move(record, next)}
                        >
                          →
                        </button>
                      </div>
                    </RecordCard>
                  );
                })}
                {cards.length === 0 ? <p className="column-empty">Drop cards here</p> : null}
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}
