import type { Blueprint, Entity, Field } from '../../../blueprint/blueprint.ts';
import { type AppSpec, camelCase, type FieldKind, type FieldSpec, pascalCase } from './app-spec.ts';
import { sampleTitlesFor } from './sample-data.ts';

/**
 * The offline builder's app from the blueprint (until issue 11's compiler builds every entity):
 * the main entity — the one with a status workflow, else the first — with its fields, their types
 * and options, and its statuses, all in the blueprint's words. Views follow the blueprint's views
 * of that entity. Pure and deterministic, so plan, write steps and retries agree.
 */

const maxFields = 10;
const fallbackStatuses = ['Active', 'Done'];

export function deriveSpec(blueprint: Blueprint, request: string): AppSpec {
  const entity = mainEntity(blueprint);
  const status = entity.fields.find(
    (field) => field.id === entity.statusFieldId && field.type === 'choice' && field.options.length >= 1,
  );
  const fields = fieldSpecs(entity, status ?? null);
  const views = blueprint.views.filter((view) => view.entityId === entity.id);
  const dated = fields.some((field) => field.kind === 'date' || field.kind === 'datetime');
  const singular = lowerWords(entity.name);
  const plural = lowerWords(entity.pluralName);
  const domainId = slug(entity.name) || 'record';
  const subtitle = (blueprint.summary.trim() || request.trim()).replace(/\s+/g, ' ').slice(0, 140);
  return {
    domainId,
    title: blueprint.title.trim() || entity.pluralName,
    subtitle: subtitle.charAt(0).toUpperCase() + subtitle.slice(1),
    record: { singular, plural, typeName: recordTypeName(entity.name) },
    fields,
    statuses: status ? [...status.options] : fallbackStatuses,
    views: {
      board: Boolean(status) || views.some((view) => view.kind === 'board'),
      calendar: dated && views.some((view) => view.kind === 'calendar' || view.dateFieldId !== null),
      dashboard: views.some((view) => view.kind === 'chart'),
    },
    csvExport: /\b(csv|export|spreadsheet|excel)\b/i.test(request),
    accentHue: [...domainId].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 360, 7),
    storageKey: `app:${domainId}:${slug(entity.pluralName) || 'records'}:v1`,
    sampleTitles: sampleTitlesFor(domainId, singular),
  };
}

/** The entity the single-record app is about; an empty blueprint gets a plain list of items. */
export function mainEntity(blueprint: Blueprint): Entity {
  const withStatus = blueprint.entities.find((entity) => entity.statusFieldId !== null);
  return (
    withStatus ??
    blueprint.entities[0] ?? {
      id: 'item',
      name: 'Item',
      pluralName: 'Items',
      fields: [
        { ...plainField('item-name', 'Name', 'text') },
        { ...plainField('item-notes', 'Notes', 'longText') },
      ],
      statusFieldId: null,
      sourceFactIds: [],
    }
  );
}

function plainField(id: string, name: string, type: Field['type']): Field {
  return {
    id,
    name,
    type,
    options: [],
    required: false,
    referenceEntityId: null,
    range: null,
    sourceFactIds: [],
  };
}

const kindOfType: Record<Field['type'], FieldKind> = {
  text: 'text',
  longText: 'longtext',
  number: 'number',
  money: 'money',
  date: 'date',
  time: 'text',
  dateTime: 'datetime',
  boolean: 'select',
  choice: 'select',
  multiChoice: 'select',
  email: 'email',
  phone: 'phone',
  url: 'url',
  person: 'person',
  // One record type only: a reference is the referenced record's name, typed in.
  reference: 'text',
};

/** Keys the generated code already uses for its own properties. */
const reservedKeys = new Set(['id', 'createdAt', 'status']);

/** The title field first (a name, else the first text field, else an added Name), then the rest. */
function fieldSpecs(entity: Entity, status: Field | null): FieldSpec[] {
  const candidates = entity.fields.filter((field) => field !== status);
  const title =
    candidates.find((field) => field.type === 'text' && /^(name|title)$|\bname$/i.test(field.name.trim())) ??
    candidates.find((field) => field.type === 'text');
  const ordered = title ? [title, ...candidates.filter((field) => field !== title)] : candidates;
  const specs: FieldSpec[] = [];
  if (!title) specs.push({ key: 'name', label: 'Name', kind: 'text', options: [], required: true });
  for (const field of ordered) {
    if (specs.length >= maxFields) break;
    let key = camelCase(field.name);
    if (reservedKeys.has(key)) key = `${key}Field`;
    while (specs.some((spec) => spec.key === key)) key = `${key}2`;
    const kind = kindOfType[field.type];
    specs.push({
      key,
      label: field.name,
      kind,
      options: optionsOf(field),
      required: specs.length === 0 || field.required,
    });
  }
  return specs;
}

function optionsOf(field: Field): string[] {
  if (field.type === 'boolean') return ['Yes', 'No'];
  if (field.type !== 'choice' && field.type !== 'multiChoice') return [];
  return field.options.length > 0 ? [...field.options] : ['General', 'Other'];
}

/**
 * Names the generated code already uses for its own types, and global types it relies on
 * (`Record<…>`, `Omit<…>`, `Date`), can't also name the record.
 */
const reservedTypeNames = new Set([
  'Item',
  'Status',
  'Draft',
  'FieldDef',
  'FieldKey',
  'FieldKind',
  'App',
  'View',
  'Filters',
  'Editing',
  'Record',
  'Omit',
  'Exclude',
  'Date',
  'String',
  'Number',
  'Array',
  'Map',
  'Set',
]);

function recordTypeName(name: string): string {
  const typeName = pascalCase(name);
  // A name with no ASCII letters (say, Japanese) leaves only pascalCase's bare fallback.
  if (typeName === 'Record') return 'Entry';
  return reservedTypeNames.has(typeName) ? `${typeName}Record` : typeName;
}

/** "Work Order" → "work order"; words in capitals (SKU) keep them. */
function lowerWords(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
    .join(' ');
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
