import type { AppAggregate, AppField, AppRecord, FieldValue } from '../schema';
import { isEmptyValue } from './format';
import { readValue } from './model';

/** One board column / chart bar: the value records in it hold, and how it is labelled. */
export interface Group {
  key: string;
  label: string;
  /** What a record moved into this group gets as the field's value. */
  value: FieldValue;
}

export const emptyGroupKey = '\u0000empty';

/**
 * The groups of a field, in the order a person expects: options in the blueprint's order, Yes
 * before No, referenced records in their list order, other values alphabetically. The "No …"
 * group comes last and only when a record has no value.
 */
export function groupsOf(
  field: AppField,
  records: readonly AppRecord[],
  referenced: readonly { id: string; title: string }[],
): Group[] {
  let groups: Group[];
  switch (field.type) {
    case 'choice':
    case 'multiChoice':
      groups = field.options.map((option) => ({
        key: option,
        label: option,
        value: field.type === 'multiChoice' ? [option] : option,
      }));
      break;
    case 'boolean':
      groups = [
        { key: 'true', label: 'Yes', value: true },
        { key: 'false', label: 'No', value: false },
      ];
      break;
    case 'reference':
      groups = referenced.map((record) => ({ key: record.id, label: record.title, value: record.id }));
      break;
    default: {
      const values = new Set<string>();
      for (const record of records) {
        const value = readValue(record, field.id);
        if (!isEmptyValue(value)) values.add(String(value));
      }
      groups = [...values]
        .sort((a, b) => a.localeCompare(b))
        .map((value) => ({ key: value, label: value, value }));
    }
  }
  if (
    field.type !== 'boolean' &&
    records.some((record) => groupKeysOf(field, record).includes(emptyGroupKey))
  )
    groups.push({
      key: emptyGroupKey,
      label: `No ${field.name}`,
      value: field.type === 'multiChoice' ? [] : null,
    });
  return groups;
}

/** The groups a record is in: one, except a multiChoice value with several options. */
export function groupKeysOf(field: AppField, record: AppRecord): string[] {
  const value = readValue(record, field.id);
  if (field.type === 'boolean') return [value === true ? 'true' : 'false'];
  if (Array.isArray(value)) return value.length === 0 ? [emptyGroupKey] : value.map(String);
  return isEmptyValue(value) ? [emptyGroupKey] : [String(value)];
}

/** count / sum / average of the records in one group; an average of nothing is 0. */
export function aggregateOf(aggregate: AppAggregate | null, records: readonly AppRecord[]): number {
  if (!aggregate || aggregate.fn === 'count' || aggregate.fieldId === null) return records.length;
  const fieldId = aggregate.fieldId;
  const numbers = records
    .map((record) => readValue(record, fieldId))
    .filter((value): value is number => typeof value === 'number');
  const sum = numbers.reduce((total, value) => total + value, 0);
  if (aggregate.fn === 'sum') return sum;
  return numbers.length === 0 ? 0 : sum / numbers.length;
}
