import type { Entity, Field, FieldType } from '../../../blueprint/blueprint.ts';
import { singularize } from './inflect.ts';

export const dateTypes: readonly FieldType[] = ['date', 'dateTime'];
export const groupTypes: readonly FieldType[] = [
  'choice',
  'multiChoice',
  'boolean',
  'person',
  'reference',
  'text',
];
export const measureTypes: readonly FieldType[] = ['number', 'money'];

const noise = new Set([
  'the',
  'a',
  'an',
  'of',
  'all',
  'each',
  'every',
  'their',
  'our',
  'its',
  'by',
  'per',
  'date',
  'dates',
]);

function stems(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .filter((word) => word && !noise.has(word))
    .map((word) => singularize(word));
}

/**
 * The field of `entity` a phrase names ("channel" → Channel, "leads" → Leads Generated, "due
 * dates" → Due Date), of one of `types` when given: every word of the phrase in the field's name
 * first, then its last word.
 */
export function fieldNamed(entity: Entity, phrase: string, types?: readonly FieldType[]): Field | null {
  const wanted = stems(phrase);
  const candidates = entity.fields.filter((field) => !types || types.includes(field.type));
  if (wanted.length === 0) {
    // "due dates" is only "date" after the noise: a date field whose name holds the phrase.
    const raw = phrase.toLowerCase().replace(/s\b/g, '');
    return candidates.find((field) => field.name.toLowerCase().includes(raw)) ?? null;
  }
  const named = (field: Field) => new Set(stems(field.name));
  const all = candidates.find((field) => wanted.every((word) => named(field).has(word)));
  if (all) return all;
  const last = wanted[wanted.length - 1] as string;
  const byLast =
    candidates.find((field) => named(field).has(last)) ??
    candidates.find((field) => [...named(field)].some((word) => word.startsWith(last) && last.length > 3));
  if (byLast) return byLast;
  // "tickets sold" → Tickets: any word of the phrase, in the person's order.
  for (const word of wanted) {
    const hit = candidates.find((field) => named(field).has(word));
    if (hit) return hit;
  }
  return null;
}

/** The date a calendar or a date filter uses when the person named none: start dates first. */
export function mainDate(entity: Entity, prefer: readonly string[] = []): Field | null {
  const dates = entity.fields.filter((field) => dateTypes.includes(field.type));
  for (const word of prefer) {
    const hit = dates.find((field) => field.name.toLowerCase().includes(word));
    if (hit) return hit;
  }
  return dates.find((field) => /start|date|day/i.test(field.name)) ?? dates[0] ?? null;
}

export function firstOfType(entity: Entity, types: readonly FieldType[]): Field | null {
  return entity.fields.find((field) => types.includes(field.type)) ?? null;
}
