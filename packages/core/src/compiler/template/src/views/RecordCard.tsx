import type { DragEvent, ReactNode } from 'react';
import { useApp } from '../app-context';
import { ValueView } from '../components/ValueView';
import { isEmptyValue } from '../logic/format';
import { readValue } from '../logic/model';
import type { AppEntity, AppRecord } from '../schema';

interface Props {
  entity: AppEntity;
  record: AppRecord;
  /** A field the surrounding view already shows (the board's column, the calendar's day). */
  hide?: string;
  /** How many filled-in fields to show under the title. */
  limit?: number;
  /** Show every field (empty ones as a dash) instead of the first few filled-in ones. */
  complete?: boolean;
  draggable?: boolean;
  onDragStart?: (event: DragEvent) => void;
  children?: ReactNode;
}

/** A record as a card: its title and its first few filled-in fields, each with its label. */
export function RecordCard({
  entity,
  record,
  hide,
  limit = 3,
  complete,
  draggable,
  onDragStart,
  children,
}: Props) {
  const { model, titleOf, navigate } = useApp();
  const title = model.titleField(entity.id);
  const shown = entity.fields
    .filter((field) => field.id !== title?.id && field.id !== hide && field.type !== 'longText')
    .filter((field) => complete || !isEmptyValue(readValue(record, field.id)))
    .slice(0, complete ? undefined : limit);
  return (
    <article
      className="record-card"
      data-record-id={record.id}
      draggable={draggable}
      onDragStart={onDragStart}
    >
      <button
        type="button"
        className="link card-title"
        data-testid="open-record"
        onClick={() => navigate({ kind: 'record', entityId: entity.id, recordId: record.id })}
      >
        {titleOf(entity, record)}
      </button>
      {shown.length > 0 ? (
        <dl className="card-fields">
          {shown.map((field) => (
            <div key={field.id} data-field-id={field.id}>
              <dt>{field.name}</dt>
              <dd>
                <ValueView field={field} record={record} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {children}
    </article>
  );
}
