import { useState } from 'react';
import { useApp } from '../app-context';
import { EmptyState } from '../components/EmptyState';
import { ValueView } from '../components/ValueView';
import type { ViewProps } from '../components/ViewPage';
import { readValue } from '../logic/model';
import { type ColumnFilters, queryRecords, type SortOrder } from '../logic/query';
import { TableControls } from './TableControls';

/** Rows of records: search, a filter per column with few values, sort by any column, related counts. */
export function TableView({ view, entity, records }: ViewProps) {
  const { model, store, cellText, titleOf, navigate } = useApp();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<ColumnFilters>({});
  const [sort, setSort] = useState<SortOrder | null>(null);
  const relations = model.relationsTo(entity.id);
  const title = model.titleField(entity.id);
  const rows = queryRecords(records, entity.fields, cellText, search, filters, sort, (record) =>
    titleOf(entity, record),
  );
  const sortBy = (fieldId: string) =>
    setSort((current) =>
      current?.fieldId === fieldId
        ? current.direction === 'asc'
          ? { fieldId, direction: 'desc' }
          : null
        : { fieldId, direction: 'asc' },
    );
  const open = (recordId: string) => navigate({ kind: 'record', entityId: entity.id, recordId });
  return (
    <div className="table-view">
      <TableControls
        entity={entity}
        records={records}
        search={search}
        onSearch={setSearch}
        filters={filters}
        onFilters={setFilters}
      />
      {rows.length === 0 ? (
        <EmptyState
          title={records.length === 0 ? `No ${entity.pluralName.toLowerCase()} yet` : 'No matches'}
          text={
            records.length === 0
              ? `Add the first ${entity.name.toLowerCase()} with the New button.`
              : 'Try another search or filter.'
          }
        />
      ) : (
        <div className="table-wrap card">
          <table className="table" aria-label={view.title}>
            <thead>
              <tr>
                {entity.fields.map((field) => {
                  const sorted = sort?.fieldId === field.id ? sort.direction : null;
                  return (
                    <th
                      key={field.id}
                      data-field-id={field.id}
                      className={field.type === 'number' || field.type === 'money' ? 'numeric' : undefined}
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      <button
                        type="button"
                        className="sort"
                        data-testid="sort"
                        onClick={() => sortBy(field.id)}
                      >
                        {field.name}
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
                {relations.map((relation) => (
                  <th
                    key={`${relation.entity.id}:${relation.field.id}`}
                    className="numeric"
                    data-related-field-id={relation.field.id}
                  >
                    {relation.entity.pluralName}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((record) => (
                <tr key={record.id} data-record-id={record.id} onClick={() => open(record.id)}>
                  {entity.fields.map((field) => (
                    <td
                      key={field.id}
                      data-field-id={field.id}
                      className={field.type === 'number' || field.type === 'money' ? 'numeric' : undefined}
                    >
                      {field.id === title?.id ? (
                        <button
                          type="button"
                          className="link row-title"
                          data-testid="open-record"
                          onClick={(event) => {
                            event.stopPropagation();
                            open(record.id);
                          }}
                        >
                          {titleOf(entity, record)}
                        </button>
                      ) : (
                        <ValueView field={field} record={record} />
                      )}
                    </td>
                  ))}
                  {relations.map((relation) => (
                    <td
                      key={`${relation.entity.id}:${relation.field.id}`}
                      className="numeric"
                      data-related-field-id={relation.field.id}
                    >
                      {
                        store
                          .records(relation.entity.id)
                          .filter((other) => readValue(other, relation.field.id) === record.id).length
                      }
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
