/**
 * What the offline builder generates, decided once from the ledger and then rendered by the
 * templates. Plain data (JSON-safe): it is embedded in the generated `src/config.ts` so a later
 * change request can start from exactly what was built.
 */
export type FieldKind =
  | 'text'
  | 'longtext'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'url'
  | 'select'
  | 'person';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  /** Choices for `select` fields. */
  options: string[];
  required: boolean;
}

export interface AppSpec {
  domainId: string;
  title: string;
  subtitle: string;
  record: { singular: string; plural: string; typeName: string };
  /** The first field is the record's title (shown on cards, in the calendar and in confirmations). */
  fields: FieldSpec[];
  statuses: string[];
  views: { board: boolean; calendar: boolean; dashboard: boolean };
  csvExport: boolean;
  accentHue: number;
  storageKey: string;
  sampleTitles: string[];
}

export const specMarker = '// app-spec: ';

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
