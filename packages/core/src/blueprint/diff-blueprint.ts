import {
  type Blueprint,
  type Entity,
  emptyBlueprint,
  type Field,
  type FieldType,
  type View,
  type ViewKind,
} from './blueprint.ts';
import { nameKey } from './validate-blueprint.ts';

export type BlueprintChangeKind = 'add' | 'rename' | 'remove' | 'update';
export type BlueprintChangeTarget = 'entity' | 'field' | 'option' | 'view' | 'title' | 'audience' | 'sharing';

/**
 * One difference between two blueprints, in words a person reads ("Renamed field Condition to
 * State on Tool") and with the ids of the element it lands on, so a screen can mark it and an edit
 * can point the element's `sourceFactIds` at the fact that records it.
 */
export interface BlueprintChange {
  kind: BlueprintChangeKind;
  target: BlueprintChangeTarget;
  /** Where, by id: `entity:tool`, `entity:tool/field:tool-name`, `…/option:Good`, `view:due`, `title`. */
  path: string;
  before: string | null;
  after: string | null;
  /** The entity / field / view the change is on (for a removal: the one that was removed). */
  entityId: string | null;
  fieldId: string | null;
  viewId: string | null;
  description: string;
}

/** Field types in words ("date and time", not `dateTime`), for descriptions and the Blueprint tab. */
export const fieldTypeLabels: Record<FieldType, string> = {
  text: 'text',
  longText: 'long text',
  number: 'number',
  money: 'money',
  date: 'date',
  time: 'time',
  dateTime: 'date and time',
  boolean: 'yes / no',
  choice: 'choice',
  multiChoice: 'multiple choice',
  email: 'email',
  phone: 'phone',
  url: 'link',
  person: 'person',
  reference: 'reference',
};

export const viewKindLabels: Record<ViewKind, string> = {
  table: 'table',
  board: 'board',
  calendar: 'calendar',
  chart: 'chart',
  list: 'list',
  detail: 'detail page',
};

/**
 * What changed from `before` to `after`. Elements are matched by id (a rename keeps the id; the
 * Blueprint tab and the understanding module both preserve ids), audience entries by name, options
 * by position when only one of them differs (a rename) and by value otherwise. `before` null is an
 * empty design: everything in `after` is an addition. Pure and deterministic: the order is
 * entities (each with its fields and options), views, title, audience, sharing.
 */
export function diffBlueprint(before: Blueprint | null, after: Blueprint): BlueprintChange[] {
  const changes: BlueprintChange[] = [];
  const previous = before ?? emptyBlueprint(after.title);

  const beforeEntities = new Map(previous.entities.map((entity) => [entity.id, entity]));
  for (const entity of after.entities) {
    const old = beforeEntities.get(entity.id);
    if (!old) changes.push(entityAdded(entity, after));
    else changes.push(...entityChanges(old, entity, previous, after));
  }
  const afterEntityIds = new Set(after.entities.map((entity) => entity.id));
  for (const entity of previous.entities) {
    if (afterEntityIds.has(entity.id)) continue;
    changes.push({
      ...on(entity.id, null, null),
      kind: 'remove',
      target: 'entity',
      path: `entity:${entity.id}`,
      before: entity.name,
      after: null,
      description: `Removed entity ${entity.name}`,
    });
  }

  const beforeViews = new Map(previous.views.map((view) => [view.id, view]));
  for (const view of after.views) {
    const old = beforeViews.get(view.id);
    if (!old)
      changes.push({
        ...on(view.entityId, null, view.id),
        kind: 'add',
        target: 'view',
        path: `view:${view.id}`,
        before: null,
        after: view.title,
        description: `Added ${describeView(view, after)}`,
      });
    else changes.push(...viewChanges(old, view, after));
  }
  const afterViewIds = new Set(after.views.map((view) => view.id));
  for (const view of previous.views) {
    if (afterViewIds.has(view.id)) continue;
    changes.push({
      ...on(view.entityId, null, view.id),
      kind: 'remove',
      target: 'view',
      path: `view:${view.id}`,
      before: view.title,
      after: null,
      description: `Removed view ${view.title}`,
    });
  }

  if (before && before.title !== after.title)
    changes.push({
      ...on(null, null, null),
      kind: 'rename',
      target: 'title',
      path: 'title',
      before: before.title,
      after: after.title,
      description: `Renamed the app from ${before.title} to ${after.title}`,
    });
  if (before && before.summary !== after.summary && after.summary.trim() !== '')
    changes.push({
      ...on(null, null, null),
      kind: 'update',
      target: 'title',
      path: 'summary',
      before: before.summary,
      after: after.summary,
      description: `Described the app as: ${after.summary}`,
    });

  const beforeAudience = new Set(previous.audience.map((entry) => nameKey(entry.name)));
  const afterAudience = new Set(after.audience.map((entry) => nameKey(entry.name)));
  for (const entry of after.audience)
    if (!beforeAudience.has(nameKey(entry.name)))
      changes.push({
        ...on(null, null, null),
        kind: 'add',
        target: 'audience',
        path: `audience:${entry.name}`,
        before: null,
        after: entry.name,
        description: `Used by ${entry.name}`,
      });
  for (const entry of previous.audience)
    if (!afterAudience.has(nameKey(entry.name)))
      changes.push({
        ...on(null, null, null),
        kind: 'remove',
        target: 'audience',
        path: `audience:${entry.name}`,
        before: entry.name,
        after: null,
        description: `Not used by ${entry.name}`,
      });

  if (before && before.sharing !== after.sharing)
    changes.push({
      ...on(null, null, null),
      kind: 'update',
      target: 'sharing',
      path: 'sharing',
      before: before.sharing,
      after: after.sharing,
      description:
        after.sharing === 'shared'
          ? 'Everyone who uses the app shares the same data'
          : 'Each person keeps their own data',
    });
  return changes;
}

function on(entityId: string | null, fieldId: string | null, viewId: string | null) {
  return { entityId, fieldId, viewId };
}

function entityAdded(entity: Entity, blueprint: Blueprint): BlueprintChange {
  const fields = entity.fields.map((field) => describeField(field, blueprint)).join(', ');
  return {
    ...on(entity.id, null, null),
    kind: 'add',
    target: 'entity',
    path: `entity:${entity.id}`,
    before: null,
    after: entity.name,
    description: fields ? `Added entity ${entity.name} with ${fields}` : `Added entity ${entity.name}`,
  };
}

function entityChanges(old: Entity, entity: Entity, before: Blueprint, after: Blueprint): BlueprintChange[] {
  const changes: BlueprintChange[] = [];
  const path = `entity:${entity.id}`;
  const base = { ...on(entity.id, null, null), target: 'entity' as const, path };
  if (old.name !== entity.name)
    changes.push({
      ...base,
      kind: 'rename',
      before: old.name,
      after: entity.name,
      description: `Renamed entity ${old.name} to ${entity.name}`,
    });
  else if (old.pluralName !== entity.pluralName)
    changes.push({
      ...base,
      kind: 'update',
      before: old.pluralName,
      after: entity.pluralName,
      description: `Called more than one ${entity.name} ${entity.pluralName}`,
    });

  const oldFields = new Map(old.fields.map((field) => [field.id, field]));
  for (const field of entity.fields) {
    const previous = oldFields.get(field.id);
    if (!previous)
      changes.push({
        ...on(entity.id, field.id, null),
        kind: 'add',
        target: 'field',
        path: `${path}/field:${field.id}`,
        before: null,
        after: field.name,
        description: `Added field ${describeField(field, after)} to ${entity.name}`,
      });
    else changes.push(...fieldChanges(previous, field, entity, before, after));
  }
  const fieldIds = new Set(entity.fields.map((field) => field.id));
  for (const field of old.fields) {
    if (fieldIds.has(field.id)) continue;
    changes.push({
      ...on(entity.id, field.id, null),
      kind: 'remove',
      target: 'field',
      path: `${path}/field:${field.id}`,
      before: field.name,
      after: null,
      description: `Removed field ${field.name} from ${entity.name}`,
    });
  }

  if (old.statusFieldId !== entity.statusFieldId) {
    const status = entity.fields.find((field) => field.id === entity.statusFieldId);
    changes.push({
      ...base,
      kind: 'update',
      before: old.statusFieldId,
      after: entity.statusFieldId,
      description: status
        ? `${status.name} is the status of each ${entity.name}`
        : `${entity.name} has no status field`,
    });
  }
  return changes;
}

function fieldChanges(
  old: Field,
  field: Field,
  entity: Entity,
  before: Blueprint,
  after: Blueprint,
): BlueprintChange[] {
  const changes: BlueprintChange[] = [];
  const path = `entity:${entity.id}/field:${field.id}`;
  const base = { ...on(entity.id, field.id, null), target: 'field' as const, path };
  if (old.name !== field.name)
    changes.push({
      ...base,
      kind: 'rename',
      before: old.name,
      after: field.name,
      description: `Renamed field ${old.name} to ${field.name} on ${entity.name}`,
    });
  if (old.type !== field.type)
    changes.push({
      ...base,
      kind: 'update',
      before: old.type,
      after: field.type,
      description: `Changed ${field.name} on ${entity.name} from ${fieldTypeLabels[old.type]} to ${describeType(field, after)}`,
    });
  else if (field.type === 'reference' && old.referenceEntityId !== field.referenceEntityId)
    changes.push({
      ...base,
      kind: 'update',
      before: old.referenceEntityId,
      after: field.referenceEntityId,
      description: `${field.name} on ${entity.name} now refers to ${entityNameIn(after, field.referenceEntityId)} instead of ${entityNameIn(before, old.referenceEntityId)}`,
    });
  if (old.required !== field.required)
    changes.push({
      ...base,
      kind: 'update',
      before: String(old.required),
      after: String(field.required),
      description: `${field.name} on ${entity.name} is ${field.required ? 'required' : 'optional'}`,
    });
  const oldRange = old.range ? `${old.range.min}–${old.range.max}` : null;
  const range = field.range ? `${field.range.min}–${field.range.max}` : null;
  if (oldRange !== range)
    changes.push({
      ...base,
      kind: 'update',
      before: oldRange,
      after: range,
      description: range
        ? `${field.name} on ${entity.name} goes from ${range.replace('–', ' to ')}`
        : `${field.name} on ${entity.name} has no fixed range`,
    });
  changes.push(...optionChanges(old.options, field.options, `${field.name} on ${entity.name}`, base));
  return changes;
}

function optionChanges(
  old: readonly string[],
  options: readonly string[],
  owner: string,
  base: { entityId: string | null; fieldId: string | null; viewId: string | null; path: string },
): BlueprintChange[] {
  const option = (kind: BlueprintChangeKind, name: string, description: string, before: string | null) => ({
    ...base,
    kind,
    target: 'option' as const,
    path: `${base.path}/option:${name}`,
    before,
    after: kind === 'remove' ? null : name,
    description,
  });
  // One option differs in place, nothing else moved: the person renamed it.
  if (old.length === options.length) {
    const differing = options.flatMap((name, index) => (old[index] === name ? [] : [index]));
    const [index] = differing;
    if (differing.length === 1 && index !== undefined) {
      const from = old[index] ?? '';
      const to = options[index] ?? '';
      if (!options.some((name) => nameKey(name) === nameKey(from)) || nameKey(from) === nameKey(to))
        return [option('rename', to, `Renamed option ${from} to ${to} in ${owner}`, from)];
    }
  }
  const oldKeys = new Set(old.map(nameKey));
  const newKeys = new Set(options.map(nameKey));
  const changes: BlueprintChange[] = [];
  for (const name of options)
    if (!oldKeys.has(nameKey(name)))
      changes.push(option('add', name, `Added option ${name} to ${owner}`, null));
  for (const name of old)
    if (!newKeys.has(nameKey(name)))
      changes.push(option('remove', name, `Removed option ${name} from ${owner}`, name));
  const kept = options.filter((name) => oldKeys.has(nameKey(name))).map(nameKey);
  const keptBefore = old.filter((name) => newKeys.has(nameKey(name))).map(nameKey);
  if (changes.length === 0 && kept.join('\u0000') !== keptBefore.join('\u0000'))
    changes.push({
      ...base,
      kind: 'update',
      target: 'option',
      path: base.path,
      before: old.join(', '),
      after: options.join(', '),
      description: `Put the options of ${owner} in the order ${options.join(', ')}`,
    });
  return changes;
}

function viewChanges(old: View, view: View, after: Blueprint): BlueprintChange[] {
  const changes: BlueprintChange[] = [];
  const base = { ...on(view.entityId, null, view.id), target: 'view' as const, path: `view:${view.id}` };
  const fieldName = (id: string | null) =>
    after.entities.find((entity) => entity.id === view.entityId)?.fields.find((field) => field.id === id)
      ?.name ?? null;
  if (old.title !== view.title)
    changes.push({
      ...base,
      kind: 'rename',
      before: old.title,
      after: view.title,
      description: `Renamed view ${old.title} to ${view.title}`,
    });
  const update = (before: string | null, after_: string | null, description: string) =>
    changes.push({ ...base, kind: 'update', before, after: after_, description });
  if (old.kind !== view.kind)
    update(
      old.kind,
      view.kind,
      `${view.title} is a ${viewKindLabels[view.kind]} instead of a ${viewKindLabels[old.kind]}`,
    );
  if (old.entityId !== view.entityId)
    update(
      old.entityId,
      view.entityId,
      `${view.title} shows ${after.entities.find((entity) => entity.id === view.entityId)?.pluralName ?? 'another entity'}`,
    );
  if (old.groupByFieldId !== view.groupByFieldId)
    update(
      old.groupByFieldId,
      view.groupByFieldId,
      view.groupByFieldId
        ? `${view.title} is grouped by ${fieldName(view.groupByFieldId)}`
        : `${view.title} is not grouped`,
    );
  if (old.dateFieldId !== view.dateFieldId)
    update(
      old.dateFieldId,
      view.dateFieldId,
      view.dateFieldId
        ? `${view.title} is laid out by ${fieldName(view.dateFieldId)}`
        : `${view.title} has no date field`,
    );
  if (JSON.stringify(old.filter) !== JSON.stringify(view.filter))
    update(
      old.filter?.kind ?? null,
      view.filter?.kind ?? null,
      view.filter
        ? `${view.title} shows only ${describeFilter(view, after)}`
        : `${view.title} shows every record`,
    );
  if (JSON.stringify(old.aggregate) !== JSON.stringify(view.aggregate))
    update(
      old.aggregate?.fn ?? null,
      view.aggregate?.fn ?? null,
      view.aggregate
        ? `${view.title} shows the ${view.aggregate.fn}${view.aggregate.fieldId ? ` of ${fieldName(view.aggregate.fieldId)}` : ''}`
        : `${view.title} adds nothing up`,
    );
  return changes;
}

function entityNameIn(blueprint: Blueprint, id: string | null): string {
  return blueprint.entities.find((entity) => entity.id === id)?.name ?? 'nothing';
}

/** "Severity (choice: Low, Medium, High)", "Tool (reference to Tool)", "Due Date (date)". */
export function describeField(field: Field, blueprint: Blueprint): string {
  return `${field.name} (${describeType(field, blueprint)})`;
}

function describeType(field: Field, blueprint: Blueprint): string {
  if (field.type === 'reference') return `reference to ${entityNameIn(blueprint, field.referenceEntityId)}`;
  if ((field.type === 'choice' || field.type === 'multiChoice') && field.options.length > 0)
    return `${fieldTypeLabels[field.type]}: ${field.options.join(', ')}`;
  return fieldTypeLabels[field.type];
}

/** "board Loans by Status of Loans, grouped by Status". */
export function describeView(view: View, blueprint: Blueprint): string {
  const entity = blueprint.entities.find((candidate) => candidate.id === view.entityId);
  const field = (id: string | null) => entity?.fields.find((candidate) => candidate.id === id)?.name;
  const parts = [`${viewKindLabels[view.kind]} ${view.title} of ${entity?.pluralName ?? 'records'}`];
  const groupBy = field(view.groupByFieldId);
  if (groupBy) parts.push(`grouped by ${groupBy}`);
  const date = field(view.dateFieldId);
  if (date) parts.push(`by ${date}`);
  if (view.filter) parts.push(`only ${describeFilter(view, blueprint)}`);
  return parts.join(', ');
}

/** A view's condition in words: "Due Date before today", "Status is Out", "Returned On empty". */
export function describeFilter(view: View, blueprint: Blueprint): string {
  const filter = view.filter;
  if (!filter) return 'every record';
  const entity = blueprint.entities.find((candidate) => candidate.id === view.entityId);
  const field = (id: string, owner: Entity | undefined = entity) =>
    owner?.fields.find((candidate) => candidate.id === id)?.name ?? 'a field';
  switch (filter.kind) {
    case 'date': {
      const relation = {
        before_today: 'before today',
        today: 'today',
        after_today: 'after today',
        within_next_days: `within the next ${filter.days ?? 0} days`,
        within_past_days: `within the past ${filter.days ?? 0} days`,
      }[filter.relation];
      return `${field(filter.fieldId)} ${relation}`;
    }
    case 'choice':
      return `${field(filter.fieldId)} is ${filter.values.join(' or ')}`;
    case 'boolean':
      return `${field(filter.fieldId)} is ${filter.value ? 'yes' : 'no'}`;
    case 'empty':
      return `${field(filter.fieldId)} ${filter.empty ? 'is empty' : 'is filled in'}`;
    case 'relatedCountBelow': {
      const related = blueprint.entities.find((candidate) => candidate.id === filter.relatedEntityId);
      return `fewer ${related?.pluralName ?? 'related records'} than ${field(filter.limitFieldId)}`;
    }
    case 'intervalDue':
      return `${field(filter.dateFieldId)} plus ${field(filter.intervalFieldId)} days has come`;
  }
}
