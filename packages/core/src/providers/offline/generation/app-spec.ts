import { z } from 'zod';

/**
 * What the offline builder generates, decided once from the ledger and then rendered by the
 * templates. Plain data: it is written into the generated data module (`src/app-data.ts`) so a
 * later change request can start from exactly what was built.
 *
 * Only `key` and `typeName` ever become code (property and type names), so they are restricted to
 * an identifier alphabet here; every other string is the person's words and stays data.
 */
export const FieldKind = z.enum([
  'text',
  'longtext',
  'number',
  'money',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
  'select',
  'person',
]);
export type FieldKind = z.infer<typeof FieldKind>;

/** The alphabet of generated identifiers: ASCII letters and digits, starting with a letter. */
export const identifierPattern = /^[A-Za-z][A-Za-z0-9]*$/;
const Identifier = z.string().regex(identifierPattern);

export const FieldSpec = z.object({
  key: Identifier,
  label: z.string(),
  kind: FieldKind,
  /** Choices for `select` fields. */
  options: z.array(z.string()),
  required: z.boolean(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const AppSpec = z.object({
  domainId: z.string(),
  title: z.string(),
  subtitle: z.string(),
  record: z.object({ singular: z.string(), plural: z.string(), typeName: Identifier }),
  /** The first field is the record's title (shown on cards, in the calendar and in confirmations). */
  fields: z.array(FieldSpec).min(1),
  statuses: z.array(z.string()).min(1),
  views: z.object({ board: z.boolean(), calendar: z.boolean(), dashboard: z.boolean() }),
  csvExport: z.boolean(),
  accentHue: z.number().int().min(0).max(360),
  storageKey: z.string(),
  sampleTitles: z.array(z.string()),
});
export type AppSpec = z.infer<typeof AppSpec>;

/**
 * A name about to be written into code. The spec's schema already guarantees the alphabet; this
 * re-checks at the point of use so no future path (a spec built in code, not parsed) can splice text.
 */
export function identifier(name: string): string {
  if (!identifierPattern.test(name)) throw new Error(`not a safe identifier: ${JSON.stringify(name)}`);
  return name;
}

/** Key of the first field of one of the given kinds, or null. */
export function fieldOfKind(spec: AppSpec, kinds: readonly FieldKind[]): FieldSpec | null {
  return spec.fields.find((field) => kinds.includes(field.kind)) ?? null;
}

export function dateField(spec: AppSpec): FieldSpec | null {
  return fieldOfKind(spec, ['date', 'datetime']);
}

/** The field the filter bar and the dashboard group by: a select, else a person. */
export function groupField(spec: AppSpec): FieldSpec | null {
  return fieldOfKind(spec, ['select']) ?? fieldOfKind(spec, ['person']);
}

export function amountField(spec: AppSpec): FieldSpec | null {
  return fieldOfKind(spec, ['money']) ?? fieldOfKind(spec, ['number']);
}

export function titleField(spec: AppSpec): FieldSpec {
  const first = spec.fields[0];
  if (!first) throw new Error('an app spec needs at least one field');
  return first;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (word === word.toUpperCase() ? word : capitalize(word)))
    .join(' ');
}

/** "work order" → "WorkOrder": a TypeScript type name. */
export function pascalCase(text: string): string {
  const name = text
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => capitalize(word.toLowerCase()))
    .join('');
  return /^[A-Za-z]/.test(name) ? name : `Record${name}`;
}

/** "date and time" → "dateAndTime": a property name. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
