import type { Blueprint, ViewFilter } from '../blueprint/blueprint.ts';
import type { AppBlueprint, AppFilter } from './template/src/schema.ts';

/**
 * Ids as the compiled app uses them: in record keys, `data-*` hooks and the URL. A blueprint id
 * that is already plain (`loan-due`) is kept, so stored records keep their keys across versions; any
 * other (spaces, quotes, `__proto__`, very long) becomes `id-<hash>` of itself — stable too, since
 * the hash depends only on the id. Never containing a dot keeps them apart from the app's own
 * implicit views (`auto.<entity>`).
 */
export type IdMap = (id: string) => string;

const plainId = /^[A-Za-z0-9_-]{1,64}$/;
const reserved = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

export function createIdMap(blueprint: Blueprint): IdMap {
  const taken = new Set<string>();
  const mapped = new Map<string, string>();
  const all = [
    ...blueprint.entities.flatMap((entity) => [entity.id, ...entity.fields.map((field) => field.id)]),
    ...blueprint.views.map((view) => view.id),
  ];
  // Plain ids first, so a hashed id can never take a plain one's name.
  for (const id of all) if (plainId.test(id) && !reserved.has(id)) taken.add(id);
  const assign = (id: string): string => {
    const existing = mapped.get(id);
    if (existing !== undefined) return existing;
    let candidate = plainId.test(id) && !reserved.has(id) ? id : `id-${fnv1a(id)}`;
    if (candidate !== id) {
      for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `id-${fnv1a(id)}-${suffix}`;
      taken.add(candidate);
    }
    mapped.set(id, candidate);
    return candidate;
  };
  for (const id of all) assign(id);
  return assign;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** The blueprint as the app's data module holds it: names and structure, no provenance. */
export function toAppBlueprint(blueprint: Blueprint, ids: IdMap = createIdMap(blueprint)): AppBlueprint {
  const id = (value: string | null) => (value === null ? null : ids(value));
  return {
    title: blueprint.title,
    summary: blueprint.summary,
    audience: blueprint.audience.map((audience) => audience.name),
    entities: blueprint.entities.map((entity) => ({
      id: ids(entity.id),
      name: entity.name,
      pluralName: entity.pluralName,
      statusFieldId: id(entity.statusFieldId),
      fields: entity.fields.map((field) => ({
        id: ids(field.id),
        name: field.name,
        type: field.type,
        options: [...field.options],
        required: field.required,
        referenceEntityId: id(field.referenceEntityId),
        range: field.range ? { min: field.range.min, max: field.range.max } : null,
      })),
    })),
    views: blueprint.views.map((view) => ({
      id: ids(view.id),
      kind: view.kind,
      title: view.title,
      entityId: ids(view.entityId),
      groupByFieldId: id(view.groupByFieldId),
      dateFieldId: id(view.dateFieldId),
      filter: view.filter ? toAppFilter(view.filter, ids) : null,
      aggregate: view.aggregate ? { fn: view.aggregate.fn, fieldId: id(view.aggregate.fieldId) } : null,
    })),
  };
}

function toAppFilter(filter: ViewFilter, ids: IdMap): AppFilter {
  switch (filter.kind) {
    case 'date':
      return { kind: 'date', fieldId: ids(filter.fieldId), relation: filter.relation, days: filter.days };
    case 'choice':
      return { kind: 'choice', fieldId: ids(filter.fieldId), values: [...filter.values] };
    case 'boolean':
      return { kind: 'boolean', fieldId: ids(filter.fieldId), value: filter.value };
    case 'empty':
      return { kind: 'empty', fieldId: ids(filter.fieldId), empty: filter.empty };
    case 'relatedCountBelow':
      return {
        kind: 'relatedCountBelow',
        relatedEntityId: ids(filter.relatedEntityId),
        relatedFieldId: ids(filter.relatedFieldId),
        limitFieldId: ids(filter.limitFieldId),
      };
    case 'intervalDue':
      return {
        kind: 'intervalDue',
        dateFieldId: ids(filter.dateFieldId),
        intervalFieldId: ids(filter.intervalFieldId),
      };
  }
}
