/*
 * These components are the same for every app: names, labels and options reach them only through
 * `config.ts`, which reads the data module.
 */

/** `src/components/Toolbar.tsx`: search, filters, export and the "new" button. */
export function toolbarFile(): string {
  return `import { app, fields, groupKey, statuses } from '../config';
import type { Status } from '../types';

export interface Filters {
  query: string;
  status: Status | 'all';
  group: string;
}

interface ToolbarProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
  onCreate: () => void;
  onExport: (() => void) | null;
  shown: number;
  total: number;
}

const groupField = fields.find((field) => field.key === groupKey) ?? null;

export function Toolbar({ filters, onChange, onCreate, onExport, shown, total }: ToolbarProps) {
  return (
    <div className="toolbar">
      <input
        className="search"
        type="search"
        placeholder={'Search ' + app.plural + '…'}
        aria-label={'Search ' + app.plural}
        value={filters.query}
        onChange={(event) => onChange({ ...filters, query: event.target.value })}
      />
      <select
        aria-label="Filter by status"
        value={filters.status}
        onChange={(event) => onChange({ ...filters, status: event.target.value as Status | 'all' })}
      >
        <option value="all">All statuses</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </select>
      {groupField && groupField.options.length > 0 && (
        <select
          aria-label={'Filter by ' + groupField.label.toLowerCase()}
          value={filters.group}
          onChange={(event) => onChange({ ...filters, group: event.target.value })}
        >
          <option value="">{'Any ' + groupField.label.toLowerCase()}</option>
          {groupField.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
      <span className="muted count">
        {shown === total ? total + ' ' + app.plural : shown + ' of ' + total + ' ' + app.plural}
      </span>
      <div className="spacer" />
      {onExport && (
        <button type="button" className="button ghost" onClick={onExport}>
          Export CSV
        </button>
      )}
      <button type="button" className="button primary" onClick={onCreate}>
        {'New ' + app.singular}
      </button>
    </div>
  );
}
`;
}

/** `src/components/RecordForm.tsx`: one form for create and edit, built from the field list. */
export function recordFormFile(): string {
  return `import { type FormEvent, useEffect, useState } from 'react';
import { app, fields, people, statuses } from '../config';
import type { Draft, FieldDef, Status } from '../types';

interface RecordFormProps {
  initial: Draft;
  mode: 'create' | 'edit';
  onSave: (draft: Draft) => void;
  onCancel: () => void;
}

const inputTypes: Record<string, string> = {
  number: 'number',
  money: 'number',
  date: 'date',
  datetime: 'datetime-local',
  email: 'email',
  phone: 'tel',
  url: 'url',
};

export function RecordForm({ initial, mode, onSave, onCancel }: RecordFormProps) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  const set = (field: FieldDef, value: string) => setDraft((current) => ({ ...current, [field.key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = fields.find((field) => field.required && draft[field.key].trim() === '');
    if (missing) {
      setError(missing.label + ' is required.');
      return;
    }
    onSave(draft);
  };

  return (
    <div className="overlay" role="presentation" onMouseDown={onCancel}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={mode === 'create' ? 'New ' + app.singular : 'Edit ' + app.singular}
        onMouseDown={(event) => event.stopPropagation()}
        onSubmit={submit}
      >
        <h2>{mode === 'create' ? 'New ' + app.singular : 'Edit ' + app.singular}</h2>
        <div className="form-grid">
          {fields.map((field) => (
            <label key={field.key} className={field.kind === 'longtext' ? 'field wide' : 'field'}>
              <span>
                {field.label}
                {field.required && <em aria-hidden="true"> *</em>}
              </span>
              {field.kind === 'longtext' ? (
                <textarea rows={3} value={draft[field.key]} onChange={(event) => set(field, event.target.value)} />
              ) : field.kind === 'select' ? (
                <select value={draft[field.key]} onChange={(event) => set(field, event.target.value)}>
                  {field.options.map((option) => (
                    <option key={option}>{option}</option>
                  ))}
                </select>
              ) : (
                <input
                  type={inputTypes[field.kind] ?? 'text'}
                  step={field.kind === 'money' ? '0.01' : undefined}
                  list={field.kind === 'person' ? 'people' : undefined}
                  value={draft[field.key]}
                  autoFocus={field.required}
                  onChange={(event) => set(field, event.target.value)}
                />
              )}
            </label>
          ))}
          <label className="field">
            <span>Status</span>
            <select
              value={draft.status}
              onChange={(event) => setDraft((current) => ({ ...current, status: event.target.value as Status }))}
            >
              {statuses.map((status) => (
                <option key={status}>{status}</option>
              ))}
            </select>
          </label>
        </div>
        <datalist id="people">
          {people.map((person) => (
            <option key={person} value={person} />
          ))}
        </datalist>
        {error && <p className="error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            {mode === 'create' ? 'Add ' + app.singular : 'Save changes'}
          </button>
        </div>
      </form>
    </div>
  );
}
`;
}

/** `src/components/RecordTable.tsx`: sortable table with edit and delete. */
export function recordTableFile(): string {
  return `import { useMemo, useState } from 'react';
import { fields } from '../config';
import { formatValue } from '../lib/records';
import type { FieldKey, Item } from '../types';
import { EmptyState } from './EmptyState';
import { StatusBadge } from './StatusBadge';

interface RecordTableProps {
  items: Item[];
  onEdit: (item: Item) => void;
  onDelete: (item: Item) => void;
}

const columns = fields.filter((field) => field.kind !== 'longtext').slice(0, 5);

export function RecordTable({ items, onEdit, onDelete }: RecordTableProps) {
  const [sort, setSort] = useState<{ key: FieldKey | 'status'; descending: boolean } | null>(null);

  const sorted = useMemo(() => {
    if (!sort) return items;
    const direction = sort.descending ? -1 : 1;
    return [...items].sort((a, b) => {
      const left = a[sort.key];
      const right = b[sort.key];
      if (typeof left === 'number' && typeof right === 'number') return (left - right) * direction;
      return String(left).localeCompare(String(right)) * direction;
    });
  }, [items, sort]);

  if (items.length === 0) return <EmptyState />;

  const header = (key: FieldKey | 'status', label: string) => (
    <th key={key}>
      <button
        type="button"
        className="sort"
        onClick={() => setSort((current) => ({ key, descending: current?.key === key ? !current.descending : false }))}
      >
        {label}
        {sort?.key === key ? (sort.descending ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );

  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((field) => header(field.key, field.label))}
            {header('status', 'Status')}
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {sorted.map((item) => (
            <tr key={item.id}>
              {columns.map((field, index) => (
                <td key={field.key} className={field.kind === 'money' || field.kind === 'number' ? 'numeric' : undefined}>
                  {index === 0 ? (
                    <button type="button" className="link" onClick={() => onEdit(item)}>
                      {formatValue(field, item)}
                    </button>
                  ) : (
                    formatValue(field, item)
                  )}
                </td>
              ))}
              <td>
                <StatusBadge status={item.status} />
              </td>
              <td className="row-actions">
                <button type="button" className="button ghost small" onClick={() => onEdit(item)}>
                  Edit
                </button>
                <button type="button" className="button danger small" onClick={() => onDelete(item)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
`;
}

/** `src/components/EmptyState.tsx` and `StatusBadge.tsx`: the small shared pieces. */
export function emptyStateFile(): string {
  return `import { app } from '../config';

export function EmptyState() {
  return (
    <div className="empty">
      <div className="empty-icon" aria-hidden="true">
        ◎
      </div>
      <p>{'No ' + app.plural + ' match.'}</p>
      <p className="muted">{'Clear the search or filters, or add a new ' + app.singular + '.'}</p>
    </div>
  );
}
`;
}

export function statusBadgeFile(): string {
  return `import { statuses } from '../config';
import type { Status } from '../types';

/** Each status gets a stable tone from its position in the workflow. */
export function statusTone(status: Status): number {
  return Math.max(0, statuses.indexOf(status)) % 6;
}

export function StatusBadge({ status }: { status: Status }) {
  return <span className={'badge tone-' + statusTone(status)}>{status}</span>;
}
`;
}
