import type { AppFilter, AppRecord } from '../schema';
import { dayNumber } from './dates';
import { isEmptyValue } from './format';
import { readValue } from './model';

/** The records of other entities, for filters that count related records. */
export type RecordsOf = (entityId: string) => readonly AppRecord[];

/** Whether a record belongs in a filtered view ("Past due", "Classes with free seats") on `today`. */
export function matchesFilter(
  filter: AppFilter,
  record: AppRecord,
  today: string,
  recordsOf: RecordsOf,
): boolean {
  const todayNumber = dayNumber(today) ?? 0;
  switch (filter.kind) {
    case 'date': {
      const value = readValue(record, filter.fieldId);
      const day = typeof value === 'string' ? dayNumber(value) : null;
      if (day === null) return false;
      const days = filter.days ?? 7;
      switch (filter.relation) {
        case 'before_today':
          return day < todayNumber;
        case 'today':
          return day === todayNumber;
        case 'after_today':
          return day > todayNumber;
        case 'within_next_days':
          return day >= todayNumber && day <= todayNumber + days;
        case 'within_past_days':
          return day <= todayNumber && day >= todayNumber - days;
      }
      return false;
    }
    case 'choice': {
      const value = readValue(record, filter.fieldId);
      if (Array.isArray(value)) return value.some((item) => filter.values.includes(item));
      return typeof value === 'string' && filter.values.includes(value);
    }
    case 'boolean':
      return (readValue(record, filter.fieldId) === true) === filter.value;
    case 'empty':
      return isEmptyValue(readValue(record, filter.fieldId)) === filter.empty;
    case 'relatedCountBelow': {
      const limit = readValue(record, filter.limitFieldId);
      if (typeof limit !== 'number') return false;
      const count = recordsOf(filter.relatedEntityId).filter(
        (other) => readValue(other, filter.relatedFieldId) === record.id,
      ).length;
      return count < limit;
    }
    case 'intervalDue': {
      const value = readValue(record, filter.dateFieldId);
      const interval = readValue(record, filter.intervalFieldId);
      const day = typeof value === 'string' ? dayNumber(value) : null;
      // Never done yet: due now.
      if (day === null) return true;
      return typeof interval === 'number' && day + interval <= todayNumber;
    }
  }
}

/** A short phrase for the view's header: "Due Date before today". */
export function describeFilter(
  filter: AppFilter,
  fieldName: (fieldId: string) => string,
  pluralOf: (entityId: string) => string,
): string {
  switch (filter.kind) {
    case 'date': {
      const name = fieldName(filter.fieldId);
      const days = filter.days ?? 7;
      switch (filter.relation) {
        case 'before_today':
          return `${name} before today`;
        case 'today':
          return `${name} is today`;
        case 'after_today':
          return `${name} after today`;
        case 'within_next_days':
          return `${name} in the next ${days} days`;
        case 'within_past_days':
          return `${name} in the past ${days} days`;
      }
      return name;
    }
    case 'choice':
      return `${fieldName(filter.fieldId)} is ${filter.values.join(' or ')}`;
    case 'boolean':
      return `${fieldName(filter.fieldId)} is ${filter.value ? 'Yes' : 'No'}`;
    case 'empty':
      return `${fieldName(filter.fieldId)} is ${filter.empty ? 'empty' : 'filled in'}`;
    case 'relatedCountBelow':
      return `fewer ${pluralOf(filter.relatedEntityId)} than ${fieldName(filter.limitFieldId)}`;
    case 'intervalDue':
      return `${fieldName(filter.dateFieldId)} plus ${fieldName(filter.intervalFieldId)} days has come`;
  }
}
