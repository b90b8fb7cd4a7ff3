import {
  type AppSpec,
  amountField,
  dateField,
  type FieldSpec,
  groupField,
  identifier,
  titleField,
} from '../app-spec.ts';
import { samplePeople } from '../sample-data.ts';
import { type AppData, appDataFile, type SampleText } from './app-data-file.ts';
import { tabsFor } from './app-file.ts';

// Only identifiers (field keys) are ever quoted with this: the person's words go to the data module.
const literal = (value: string) => JSON.stringify(identifier(value));

function valueType(field: FieldSpec): string {
  return field.kind === 'number' || field.kind === 'money' ? 'number' : 'string';
}

/** `src/types.ts`: the record type named after what the app stores ("Ticket", "Appointment"). */
export function typesFile(spec: AppSpec): string {
  const name = identifier(spec.record.typeName);
  const properties = spec.fields
    .map((field) => `  ${identifier(field.key)}: ${valueType(field)};`)
    .join('\n');
  return `import type { appData } from './app-data';

/** The statuses of the workflow, in order (from the app's data module). */
export type Status = (typeof appData.spec.statuses)[number];

/** One record of this app, as stored in localStorage. */
export interface ${name} {
  id: string;
  createdAt: string;
  status: Status;
${properties}
}

/** The generic components work on "an item"; this app's items are ${name} records. */
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

/** Form state: every input holds text until the record is saved. */
export type Draft = Record<FieldKey, string> & { status: Status };
`;
}

/** `src/config.ts`: names, fields and views, typed, from the data module. */
export function configFile(spec: AppSpec): string {
  const key = (field: FieldSpec | null) => (field ? literal(field.key) : 'null');
  return `import { appData } from './app-data';
import type { FieldDef, FieldKey, Status } from './types';

export const app = {
  title: appData.spec.title,
  subtitle: appData.spec.subtitle,
  singular: appData.spec.record.singular,
  plural: appData.spec.record.plural,
  storageKey: appData.spec.storageKey,
  csvExport: ${spec.csvExport ? 'true' : 'false'},
};

export const statuses: Status[] = [...appData.spec.statuses];

export const fields: FieldDef[] = appData.spec.fields.map((field) => ({ ...field, options: [...field.options] }));

/** Shown on cards, in the calendar and in delete confirmations. */
export const titleKey: FieldKey = ${literal(titleField(spec).key)};
export const dateKey: FieldKey | null = ${key(dateField(spec))};
export const groupKey: FieldKey | null = ${key(groupField(spec))};
export const amountKey: FieldKey | null = ${key(amountField(spec))};

/** Suggestions for people fields; the form accepts any other name too. */
export const people: string[] = [...appData.people];
`;
}

const sampleCount = (spec: AppSpec) => Math.max(4, spec.statuses.length);

/** A sample value that is a number or a relative date: code made of numbers only. */
function sampleCode(field: FieldSpec, index: number): string | null {
  switch (field.kind) {
    case 'number':
      return String([12, 3, 40, 7][index % 4]);
    case 'money':
      return String([120, 89.5, 1450, 36][index % 4]);
    case 'date':
      return `dateFromNow(${[1, 4, -2, 9][index % 4]})`;
    case 'datetime':
      return `dateTimeFromNow(${[0, 1, 3, 6][index % 4]}, ${[9, 11, 14, 16][index % 4]})`;
    default:
      return null;
  }
}

/** A sample value that is words (the person's labels, titles and options): it goes to the data module. */
function sampleText(field: FieldSpec, index: number, spec: AppSpec): string {
  const n = index + 1;
  switch (field.kind) {
    case 'email':
      return `${(samplePeople[index % samplePeople.length] ?? 'alex').split(' ')[0]?.toLowerCase()}@example.com`;
    case 'phone':
      return `555-01${String(10 + n)}`;
    case 'url':
      return `https://example.com/${spec.record.singular.replace(/\s+/g, '-')}/${n}`;
    case 'select':
      return field.options[index % Math.max(field.options.length, 1)] ?? '';
    case 'person':
      return samplePeople[index % samplePeople.length] ?? '';
    case 'longtext':
      return `Notes for ${spec.record.singular} ${n}.`;
    default:
      return field === spec.fields[0]
        ? (spec.sampleTitles[index % spec.sampleTitles.length] ?? `${field.label} ${n}`)
        : `${field.label} ${n}`;
  }
}

function sampleTexts(spec: AppSpec): SampleText[] {
  return Array.from({ length: sampleCount(spec) }, (_, index) => ({
    status: spec.statuses[index % spec.statuses.length] ?? '',
    values: Object.fromEntries(
      spec.fields
        .filter((field) => sampleCode(field, index) === null)
        .map((field) => [identifier(field.key), sampleText(field, index, spec)]),
    ),
  }));
}

/** The data module's content for a spec: the one place the person's words are written. */
export function appDataFor(spec: AppSpec): AppData {
  return { spec, tabs: tabsFor(spec), people: [...samplePeople], samples: sampleTexts(spec) };
}

export function appDataModule(spec: AppSpec): string {
  return appDataFile(appDataFor(spec));
}

/** `src/data/samples.ts`: what a fresh app shows before anyone adds a record. */
export function samplesFile(spec: AppSpec): string {
  const items = Array.from({ length: sampleCount(spec) }, (_, index) => {
    const sample = `appData.samples[${index}]`;
    const values = spec.fields
      .map((field) => {
        const key = identifier(field.key);
        return `    ${key}: ${sampleCode(field, index) ?? `${sample}.values.${key}`},`;
      })
      .join('\n');
    return `  {
    id: 'sample-${index + 1}',
    createdAt: dateFromNow(${-index - 1}),
    status: ${sample}.status,
${values}
  },`;
  }).join('\n');
  return `import { appData } from '../app-data';
import type { Item } from '../types';

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
