import type { AppField, AppRecord } from '../schema';
import { formatValue } from './format';
import { readValue } from './model';

export interface SortOrder {
  fieldId: string;
  direction: 'asc' | 'desc';
}

/** Column filters: field id → the exact displayed value a row must have ("" = empty). */
export type ColumnFilters = Readonly<Record<string, string>>;

export type CellText = (field: AppField, record: AppRecord) => string;

export function displayText(titleOf: (field: AppField, id: string) => string): CellText {
  return (field, record) => formatValue(field, readValue(record, field.id), (id) => titleOf(field, id));
}

/** Search (the title and every field's displayed text), column filters, then sort: what a table shows. */
export function queryRecords(
  records: readonly AppRecord[],
  fields: readonly AppField[],
  cellText: CellText,
  search: string,
  columnFilters: ColumnFilters,
  sort: SortOrder | null,
  titleText: (record: AppRecord) => string = () => '',
): AppRecord[] {
  const needle = search.trim().toLowerCase();
  const filterEntries = Object.entries(columnFilters).filter(([, value]) => value !== '*');
  let rows = records.filter((record) => {
    if (
      needle !== '' &&
      !titleText(record).toLowerCase().includes(needle) &&
      !fields.some((field) => cellText(field, record).toLowerCase().includes(needle))
    )
      return false;
    return filterEntries.every(([fieldId, wanted]) => {
      const field = fields.find((candidate) => candidate.id === fieldId);
      if (!field) return true;
      const value = readValue(record, field.id);
      if (Array.isArray(value)) return wanted === '' ? value.length === 0 : value.includes(wanted);
      return cellText(field, record) === wanted;
    });
  });
  if (sort) {
    const field = fields.find((candidate) => candidate.id === sort.fieldId);
    if (field) {
      const sign = sort.direction === 'asc' ? 1 : -1;
      rows = [...rows].sort((a, b) => sign * compareValues(field, a, b, cellText));
    }
  }
  return rows;
}

function compareValues(field: AppField, a: AppRecord, b: AppRecord, cellText: CellText): number {
  const left = readValue(a, field.id);
  const right = readValue(b, field.id);
  // Empty values sort last in both directions would need the sign; keeping them first is simpler
  // to read when ascending, which is what a first click on a header does.
  if (left === null || left === '') return right === null || right === '' ? 0 : -1;
  if (right === null || right === '') return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (field.type === 'choice') {
    const order = (value: unknown) => field.options.indexOf(String(value));
    return order(left) - order(right);
  }
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  if (field.type === 'date' || field.type === 'dateTime' || field.type === 'time')
    return String(left).localeCompare(String(right));
  return cellText(field, a).localeCompare(cellText(field, b), 'en', { numeric: true, sensitivity: 'base' });
}
