import type { AppBlueprint, AppRecord, FieldValue, SampleData } from '../schema';
import { addDays, daysBetween } from './dates';

/**
 * The sample dataset as of `today`: every date and dateTime moved by the days since the sample
 * was made, so "due yesterday" is still yesterday whenever the app is opened.
 */
export function sampleAsOf(
  blueprint: AppBlueprint,
  sample: SampleData,
  today: string,
): Record<string, AppRecord[]> {
  const shift = daysBetween(sample.today, today) ?? 0;
  const out: Record<string, AppRecord[]> = {};
  for (const entity of blueprint.entities) {
    const dated = entity.fields.filter((field) => field.type === 'date' || field.type === 'dateTime');
    const records = Object.hasOwn(sample.records, entity.id) ? (sample.records[entity.id] ?? []) : [];
    out[entity.id] = records.map((record) => {
      if (shift === 0 || dated.length === 0) return record;
      const values: Record<string, FieldValue> = { ...record.values };
      for (const field of dated) {
        const value = Object.hasOwn(values, field.id) ? values[field.id] : null;
        if (typeof value === 'string' && value !== '')
          values[field.id] = addDays(value.slice(0, 10), shift) + value.slice(10);
      }
      return { id: record.id, values };
    });
  }
  return out;
}
