import type { Blueprint, Entity, Field, FieldType, View, ViewKind } from '@app/core/schemas';

/*
 * The Blueprint tab's edits: pure functions from the blueprint on screen to the one sent to
 * `jobs.updateBlueprint`. Ids are kept (the server diffs by id, so a rename stays a rename); the
 * server validates the result and records what changed.
 */

function mapEntity(blueprint: Blueprint, entityId: string, change: (entity: Entity) => Entity): Blueprint {
  return {
    ...blueprint,
    entities: blueprint.entities.map((entity) => (entity.id === entityId ? change(entity) : entity)),
  };
}

function mapField(
  blueprint: Blueprint,
  entityId: string,
  fieldId: string,
  change: (field: Field) => Field,
): Blueprint {
  return mapEntity(blueprint, entityId, (entity) => ({
    ...entity,
    fields: entity.fields.map((field) => (field.id === fieldId ? change(field) : field)),
  }));
}

/** "Tool" → "Tools", "Category" → "Categories", "Box" → "Boxes": good enough for a default. */
export function pluralOf(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/** A fresh id that cannot collide with the understanding module's readable ones. */
function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** "New Field", "New Field 2" …: the first name no sibling has (names compare case-insensitively). */
function freeName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  for (let number = 1; ; number += 1) {
    const name = number === 1 ? base : `${base} ${number}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

export function renameEntity(blueprint: Blueprint, entityId: string, name: string): Blueprint {
  return mapEntity(blueprint, entityId, (entity) => ({
    ...entity,
    name,
    // A plural the builder derived follows the rename; one the person chose ("People") would too
    // rarely still fit, so it is derived again.
    pluralName: pluralOf(name),
  }));
}

export function renameField(
  blueprint: Blueprint,
  entityId: string,
  fieldId: string,
  name: string,
): Blueprint {
  return mapField(blueprint, entityId, fieldId, (field) => ({ ...field, name }));
}

export function addField(blueprint: Blueprint, entityId: string): { blueprint: Blueprint; fieldId: string } {
  const fieldId = newId('field');
  const next = mapEntity(blueprint, entityId, (entity) => ({
    ...entity,
    fields: [
      ...entity.fields,
      {
        id: fieldId,
        name: freeName(
          'New Field',
          entity.fields.map((field) => field.name),
        ),
        type: 'text',
        options: [],
        required: false,
        referenceEntityId: null,
        range: null,
        sourceFactIds: [],
      },
    ],
  }));
  return { blueprint: next, fieldId };
}

/** Views lose what pointed at the field; a board or calendar left without its field becomes a table. */
function withoutFieldInViews(views: readonly View[], fieldId: string): View[] {
  return views.map((view) => {
    const groupByFieldId = view.groupByFieldId === fieldId ? null : view.groupByFieldId;
    const dateFieldId = view.dateFieldId === fieldId ? null : view.dateFieldId;
    const filter = view.filter && JSON.stringify(view.filter).includes(`"${fieldId}"`) ? null : view.filter;
    const aggregate = view.aggregate?.fieldId === fieldId ? null : view.aggregate;
    const orphaned =
      (view.kind === 'board' && groupByFieldId === null) ||
      (view.kind === 'calendar' && dateFieldId === null);
    return { ...view, kind: orphaned ? 'table' : view.kind, groupByFieldId, dateFieldId, filter, aggregate };
  });
}

export function removeField(blueprint: Blueprint, entityId: string, fieldId: string): Blueprint {
  const next = mapEntity(blueprint, entityId, (entity) => ({
    ...entity,
    fields: entity.fields.filter((field) => field.id !== fieldId),
    statusFieldId: entity.statusFieldId === fieldId ? null : entity.statusFieldId,
  }));
  return { ...next, views: withoutFieldInViews(next.views, fieldId) };
}

const choiceTypes: readonly FieldType[] = ['choice', 'multiChoice'];

export function setFieldType(
  blueprint: Blueprint,
  entityId: string,
  fieldId: string,
  type: FieldType,
): Blueprint {
  const otherEntity = blueprint.entities.find((entity) => entity.id !== entityId) ?? blueprint.entities[0];
  const next = mapField(blueprint, entityId, fieldId, (field) => ({
    ...field,
    type,
    options: choiceTypes.includes(type) ? field.options : [],
    // A new reference points somewhere at once (the person picks where next to the type).
    referenceEntityId: type === 'reference' ? (field.referenceEntityId ?? otherEntity?.id ?? null) : null,
    range: type === 'number' || type === 'money' ? field.range : null,
  }));
  // The status workflow is a choice field: one that stops being a choice stops being the status.
  return type === 'choice'
    ? next
    : mapEntity(next, entityId, (entity) => ({
        ...entity,
        statusFieldId: entity.statusFieldId === fieldId ? null : entity.statusFieldId,
      }));
}

export function setReference(
  blueprint: Blueprint,
  entityId: string,
  fieldId: string,
  referenceEntityId: string,
): Blueprint {
  return mapField(blueprint, entityId, fieldId, (field) => ({ ...field, referenceEntityId }));
}

export function setOptions(
  blueprint: Blueprint,
  entityId: string,
  fieldId: string,
  options: string[],
): Blueprint {
  return mapField(blueprint, entityId, fieldId, (field) => ({ ...field, options }));
}

export const addableViewKinds: readonly ViewKind[] = ['table', 'board', 'calendar', 'chart', 'list'];

/**
 * A new view of an entity with sensible defaults: a board grouped by its status (or first choice),
 * a calendar on its first date, a chart counting by its first choice. Titles never repeat.
 */
export function addView(blueprint: Blueprint, kind: ViewKind, entityId: string): Blueprint {
  const entity = blueprint.entities.find((candidate) => candidate.id === entityId);
  if (!entity) return blueprint;
  const choice =
    entity.fields.find((field) => field.id === entity.statusFieldId) ??
    entity.fields.find((field) => choiceTypes.includes(field.type) || field.type === 'boolean');
  const date = entity.fields.find((field) => field.type === 'date' || field.type === 'dateTime');
  const groupBy = kind === 'board' || kind === 'chart' ? (choice ?? null) : null;
  const title = {
    table: entity.pluralName,
    board: `${entity.pluralName} by ${groupBy?.name ?? 'Status'}`,
    calendar: `${date?.name ?? entity.name} Calendar`,
    chart: `${entity.pluralName} per ${groupBy?.name ?? 'Group'}`,
    list: `${entity.pluralName} List`,
    detail: `${entity.name} Details`,
  }[kind];
  const view: View = {
    id: newId('view'),
    kind,
    title: freeName(
      title,
      blueprint.views.map((existing) => existing.title),
    ),
    entityId,
    groupByFieldId: groupBy?.id ?? null,
    dateFieldId: kind === 'calendar' ? (date?.id ?? null) : null,
    filter: null,
    aggregate: kind === 'chart' ? { fn: 'count', fieldId: null } : null,
    sourceFactIds: [],
  };
  return { ...blueprint, views: [...blueprint.views, view] };
}

export function removeView(blueprint: Blueprint, viewId: string): Blueprint {
  return { ...blueprint, views: blueprint.views.filter((view) => view.id !== viewId) };
}

export function renameView(blueprint: Blueprint, viewId: string, title: string): Blueprint {
  return {
    ...blueprint,
    views: blueprint.views.map((view) => (view.id === viewId ? { ...view, title } : view)),
  };
}

/**
 * The problem of a refused edit, without its place in the payload: the server says
 * "blueprint.entities[0].fields[1]: Tool has two fields called "Name"" (or, from the input schema,
 * "blueprint.entities.0.name: Too small"); the tab shows it next to the element being edited.
 */
export function editProblem(message: string): string {
  const first = message.split('; blueprint.')[0] ?? message;
  return first.replace(/^blueprint(?:\.[\w[\].]+)?: /, '');
}
