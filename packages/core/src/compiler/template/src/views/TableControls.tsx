import { useApp } from '../app-context';
import { emptyGroupKey, groupsOf } from '../logic/groups';
import type { ColumnFilters } from '../logic/query';
import type { AppEntity, AppField, AppRecord } from '../schema';

const filterable = (field: AppField) =>
  field.type === 'choice' ||
  field.type === 'multiChoice' ||
  field.type === 'boolean' ||
  field.type === 'person' ||
  field.type === 'reference';

interface Props {
  entity: AppEntity;
  records: readonly AppRecord[];
  search: string;
  onSearch(search: string): void;
  filters: ColumnFilters;
  onFilters(filters: ColumnFilters): void;
}

/** The search box and one filter per column whose values are few (options, yes/no, people, references). */
export function TableControls({ entity, records, search, onSearch, filters, onFilters }: Props) {
  const { model, store, titleOf } = useApp();
  return (
    <div className="controls">
      <label className="search">
        <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
          <circle cx="9" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M13.5 13.5L17 17" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        <input
          type="search"
          data-testid="search"
          placeholder={`Search ${entity.pluralName.toLowerCase()}`}
          aria-label={`Search ${entity.pluralName}`}
          value={search}
          onChange={(event) => onSearch(event.target.value)}
        />
      </label>
      {entity.fields.filter(filterable).map((field) => {
        const target = field.referenceEntityId ? model.entity(field.referenceEntityId) : undefined;
        const referenced = target
          ? store.records(target.id).map((record) => ({ id: record.id, title: titleOf(target, record) }))
          : [];
        const groups = groupsOf(field, records, referenced);
        // The filter compares the cell's displayed text; a reference displays its title.
        const valueFor = (key: string, label: string) =>
          key === emptyGroupKey ? '' : field.type === 'reference' || field.type === 'boolean' ? label : key;
        return (
          <select
            key={field.id}
            className="filter"
            data-testid="column-filter"
            data-field-id={field.id}
            aria-label={`Filter by ${field.name}`}
            value={(Object.hasOwn(filters, field.id) ? filters[field.id] : undefined) ?? '*'}
            onChange={(event) => onFilters({ ...filters, [field.id]: event.target.value })}
          >
            <option value="*">All {field.name}</option>
            {groups.map((group) => (
              <option key={group.key} value={valueFor(group.key, group.label)}>
                {group.label}
              </option>
            ))}
          </select>
        );
      })}
    </div>
  );
}
