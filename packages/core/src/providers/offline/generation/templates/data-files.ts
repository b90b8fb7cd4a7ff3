import {
  type AppSpec,
  amountField,
  dateField,
  type FieldSpec,
  groupField,
  specMarker,
  titleField,
} from '../app-spec.ts';
import { samplePeople } from '../sample-data.ts';

const literal = (value: unknown) => JSON.stringify(value);

function valueType(field: FieldSpec): string {
  return field.kind === 'number' || field.kind === 'money' ? 'number' : 'string';
}

/** `src/types.ts`: the record type named after what the app stores ("Ticket", "Appointment"). */
export function typesFile(spec: AppSpec): string {
  const name = spec.record.typeName;
  const properties = spec.fields.map((field) => `  ${field.key}: ${valueType(field)};`).join('\n');
  return `export type Status = ${spec.statuses.map(literal).join(' | ')};

/** One ${spec.record.singular}, as stored in localStorage. */
export interface ${name} {
  id: string;
  createdAt: string;
  status: Status;
${properties}
}

/** The generic components work on "an item"; this app's items are ${spec.record.plural}. */
export type Item = ${name};

export type FieldKey = Exclude<keyof ${name}, 'id' | 'createdAt' | 'status'>;

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

export interface FieldDef {
  key: FieldKey;
  label: string;
  kind: FieldKind;
  options: string[];
  required: boolean;
}

/** Form state: every input holds text until the ${spec.record.singular} is saved. */
export type Draft = Record<FieldKey, string> & { status: Status };
`;
}

/** `src/config.ts`: names, fields and views. Its first line lets a later change start from this spec. */
export function configFile(spec: AppSpec): string {
  const key = (field: FieldSpec | null) => (field ? literal(field.key) : 'null');
  const fieldLines = spec.fields
    .map(
      (field) =>
        `  { key: ${literal(field.key)}, label: ${literal(field.label)}, kind: ${literal(field.kind)}, options: ${literal(field.options)}, required: ${field.required} },`,
    )
    .join('\n');
  return `${specMarker}${JSON.stringify(spec)}
import type { FieldDef, FieldKey, Status } from './types';

export const app = {
  title: ${literal(spec.title)},
  subtitle: ${literal(spec.subtitle)},
  singular: ${literal(spec.record.singular)},
  plural: ${literal(spec.record.plural)},
  storageKey: ${literal(spec.storageKey)},
  csvExport: ${spec.csvExport},
};

export const statuses: Status[] = ${literal(spec.statuses)};

export const fields: FieldDef[] = [
${fieldLines}
];

/** Shown on cards, in the calendar and in delete confirmations. */
export const titleKey: FieldKey = ${literal(titleField(spec).key)};
export const dateKey: FieldKey | null = ${key(dateField(spec))};
export const groupKey: FieldKey | null = ${key(groupField(spec))};
export const amountKey: FieldKey | null = ${key(amountField(spec))};

/** Suggestions for people fields; the form accepts any other name too. */
export const people: string[] = ${literal(samplePeople)};
`;
}

function sampleValue(field: FieldSpec, index: number, spec: AppSpec): string {
  const n = index + 1;
  switch (field.kind) {
    case 'number':
      return String([12, 3, 40, 7][index % 4]);
    case 'money':
      return String([120, 89.5, 1450, 36][index % 4]);
    case 'date':
      return `dateFromNow(${[1, 4, -2, 9][index % 4]})`;
    case 'datetime':
      return `dateTimeFromNow(${[0, 1, 3, 6][index % 4]}, ${[9, 11, 14, 16][index % 4]})`;
    case 'email':
      return literal(
        `${(samplePeople[index % samplePeople.length] ?? 'alex').split(' ')[0]?.toLowerCase()}@example.com`,
      );
    case 'phone':
      return literal(`555-01${String(10 + n)}`);
    case 'url':
      return literal(`https://example.com/${spec.record.singular.replace(/\s+/g, '-')}/${n}`);
    case 'select':
      return literal(field.options[index % Math.max(field.options.length, 1)] ?? '');
    case 'person':
      return literal(samplePeople[index % samplePeople.length] ?? '');
    case 'longtext':
      return literal(`Notes for ${spec.record.singular} ${n}.`);
    case 'text':
      return literal(
        field === spec.fields[0]
          ? (spec.sampleTitles[index % spec.sampleTitles.length] ?? `${field.label} ${n}`)
          : `${field.label} ${n}`,
      );
  }
}

/** `src/data/samples.ts`: what a fresh app shows before anyone adds a ${'record'}. */
export function samplesFile(spec: AppSpec): string {
  const count = Math.max(4, spec.statuses.length);
  const items = Array.from({ length: count }, (_, index) => {
    const values = spec.fields
      .map((field) => `    ${field.key}: ${sampleValue(field, index, spec)},`)
      .join('\n');
    return `  {
    id: 'sample-${index + 1}',
    createdAt: dateFromNow(${-index - 1}),
    status: ${literal(spec.statuses[index % spec.statuses.length])},
${values}
  },`;
  }).join('\n');
  return `import type { Item } from '../types';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Dates relative to today, so the samples never look stale. */
function dateFromNow(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
}

function dateTimeFromNow(days: number, hour: number): string {
  return dateFromNow(days) + 'T' + pad(hour) + ':00';
}

export function sampleItems(): Item[] {
  return [
${items}
  ];
}
`;
}
