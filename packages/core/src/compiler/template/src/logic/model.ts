import type { AppBlueprint, AppEntity, AppField, AppRecord, AppView, FieldType } from '../schema';
import { formatValue } from './format';

/** Records of `entity` whose `field` points at a record of the entity this relation belongs to. */
export interface Relation {
  entity: AppEntity;
  field: AppField;
}

/** Everything the screens derive from the blueprint, computed once. No DOM: the builder uses it too. */
export interface AppModel {
  blueprint: AppBlueprint;
  entities: readonly AppEntity[];
  /** The blueprint's views plus an "all records" table for an entity that has no unfiltered list. */
  views: readonly AppView[];
  entity(id: string): AppEntity | undefined;
  view(id: string): AppView | undefined;
  field(entityId: string, fieldId: string): AppField | undefined;
  /** Where a new or found record of the entity is listed: its first unfiltered table or list. */
  primaryView(entityId: string): AppView;
  /** The relations whose reference fields point at this entity ("Loans" of a Tool). */
  relationsTo(entityId: string): readonly Relation[];
  titleField(entityId: string): AppField | undefined;
}

/** The prefix of views the app adds itself; blueprint ids never contain a dot. */
export const implicitViewPrefix = 'auto.';

const titlePreference: readonly FieldType[] = [
  'text',
  'person',
  'email',
  'phone',
  'url',
  'reference',
  'choice',
  'date',
  'dateTime',
  'number',
  'money',
  'time',
  'longText',
  'multiChoice',
  'boolean',
];

export function titleFieldOf(entity: AppEntity): AppField | undefined {
  for (const type of titlePreference) {
    // A reference to its own kind ("Manager" of an Employee) would name records after each other.
    const field = entity.fields.find(
      (candidate) =>
        candidate.type === type && !(type === 'reference' && candidate.referenceEntityId === entity.id),
    );
    if (field) return field;
  }
  // Only references to its own kind: named after the record each points at, one level deep.
  return entity.fields[0];
}

const isListing = (view: AppView) => (view.kind === 'table' || view.kind === 'list') && view.filter === null;

export function buildModel(blueprint: AppBlueprint): AppModel {
  const entityById = new Map(blueprint.entities.map((entity) => [entity.id, entity]));
  const implicit: AppView[] = blueprint.entities
    .filter((entity) => !blueprint.views.some((view) => view.entityId === entity.id && isListing(view)))
    .map((entity) => ({
      id: `${implicitViewPrefix}${entity.id}`,
      kind: 'table',
      title: entity.pluralName,
      entityId: entity.id,
      groupByFieldId: null,
      dateFieldId: null,
      filter: null,
      aggregate: null,
    }));
  const views = [...blueprint.views.filter((view) => entityById.has(view.entityId)), ...implicit];
  const viewById = new Map(views.map((view) => [view.id, view]));
  const relations = new Map<string, Relation[]>();
  for (const entity of blueprint.entities) {
    for (const field of entity.fields) {
      if (field.type !== 'reference' || field.referenceEntityId === null) continue;
      const list = relations.get(field.referenceEntityId) ?? [];
      list.push({ entity, field });
      relations.set(field.referenceEntityId, list);
    }
  }
  const titleFields = new Map(blueprint.entities.map((entity) => [entity.id, titleFieldOf(entity)]));
  return {
    blueprint,
    entities: blueprint.entities,
    views,
    entity: (id) => entityById.get(id),
    view: (id) => viewById.get(id),
    field: (entityId, fieldId) => entityById.get(entityId)?.fields.find((field) => field.id === fieldId),
    primaryView(entityId) {
      const found = views.find((view) => view.entityId === entityId && isListing(view));
      // buildModel adds an implicit table for every entity without a listing, so one exists.
      return found ?? (views.find((view) => view.entityId === entityId) as AppView);
    },
    relationsTo: (entityId) => relations.get(entityId) ?? [],
    titleField: (entityId) => titleFields.get(entityId),
  };
}

/** Reads one value of a record; own properties only, so an id like "constructor" reads nothing. */
export function readValue(record: AppRecord, fieldId: string) {
  return Object.hasOwn(record.values, fieldId) ? (record.values[fieldId] ?? null) : null;
}

export type RecordLookup = (entityId: string, recordId: string) => AppRecord | undefined;

/**
 * What a record is called in lists, pickers and related lists: its title field's value. An entity
 * without a text field but with references (a Loan of a Tool to a Member) is called by the titles
 * of up to two of them ("Drill · Alex Kim"), resolved one level deep so that two entities
 * referring to each other by title do not recurse.
 */
export function recordTitle(
  model: AppModel,
  entity: AppEntity,
  record: AppRecord,
  lookup: RecordLookup,
  depth = 0,
): string {
  const field = model.titleField(entity.id);
  const untitled = `Untitled ${entity.name}`;
  if (!field) return untitled;
  const fields =
    field.type === 'reference'
      ? entity.fields
          .filter((candidate) => candidate.type === 'reference' && candidate.referenceEntityId !== entity.id)
          .slice(0, 2)
      : [field];
  const parts = fields.map((part) =>
    formatValue(part, readValue(record, part.id), (id) => {
      const target = part.referenceEntityId ? model.entity(part.referenceEntityId) : undefined;
      const other = target ? lookup(target.id, id) : undefined;
      if (!target || !other) return '';
      return depth >= 1 ? target.name : recordTitle(model, target, other, lookup, depth + 1);
    }),
  );
  const text = parts.filter((part) => part !== '').join(' · ');
  return text === '' ? untitled : text;
}
