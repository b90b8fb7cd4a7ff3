import type { Blueprint, Entity, ViewFilter } from './blueprint.ts';

/** One reason a blueprint cannot be built, with where it is (`entities[1].fields[2]`). */
export interface BlueprintProblem {
  path: string;
  message: string;
}

/**
 * The structural rules every stored blueprint obeys (the zod schema checks shapes; this checks
 * meaning): unique ids, unique names (case-insensitive) among entities, among an entity's fields
 * and among views, no empty entity, every reference resolvable, view fields of the view's entity
 * and of the right type. An empty list means valid. Open decisions (a choice with no options yet)
 * are not problems: the interview settles those.
 */
export function validateBlueprint(blueprint: Blueprint): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const entityById = new Map<string, Entity>();
  const ids = new Set<string>();
  const claimId = (id: string, path: string) => {
    if (ids.has(id)) problems.push({ path, message: `Duplicate id "${id}"` });
    ids.add(id);
  };
  const entityNames = new Set<string>();

  blueprint.entities.forEach((entity, entityIndex) => {
    const path = `entities[${entityIndex}]`;
    claimId(entity.id, path);
    entityById.set(entity.id, entity);
    const key = nameKey(entity.name);
    if (entityNames.has(key)) problems.push({ path, message: `Two entities are called "${entity.name}"` });
    entityNames.add(key);
    if (entity.fields.length === 0)
      problems.push({ path, message: `${entity.name} has no fields: add at least one` });
    const fieldNames = new Set<string>();
    entity.fields.forEach((field, fieldIndex) => {
      const fieldPath = `${path}.fields[${fieldIndex}]`;
      claimId(field.id, fieldPath);
      const fieldKey = nameKey(field.name);
      if (fieldNames.has(fieldKey))
        problems.push({ path: fieldPath, message: `${entity.name} has two fields called "${field.name}"` });
      fieldNames.add(fieldKey);
      if (field.range && field.range.min > field.range.max)
        problems.push({
          path: fieldPath,
          message: `${field.name}: the range's minimum is above its maximum`,
        });
      const optionKeys = field.options.map(nameKey);
      if (new Set(optionKeys).size !== optionKeys.length)
        problems.push({ path: fieldPath, message: `${field.name} lists the same option twice` });
    });
    if (entity.statusFieldId !== null) {
      const status = entity.fields.find((field) => field.id === entity.statusFieldId);
      if (!status) problems.push({ path, message: `${entity.name}'s status field does not exist` });
      else if (status.type !== 'choice')
        problems.push({ path, message: `${entity.name}'s status field ${status.name} is not a choice` });
    }
  });

  // References need every entity known first.
  blueprint.entities.forEach((entity, entityIndex) => {
    entity.fields.forEach((field, fieldIndex) => {
      const fieldPath = `entities[${entityIndex}].fields[${fieldIndex}]`;
      if (field.type === 'reference') {
        if (field.referenceEntityId === null)
          problems.push({ path: fieldPath, message: `${field.name} refers to no entity` });
        else if (!entityById.has(field.referenceEntityId))
          problems.push({
            path: fieldPath,
            message: `${field.name} refers to an entity that does not exist (${field.referenceEntityId})`,
          });
      } else if (field.referenceEntityId !== null) {
        problems.push({ path: fieldPath, message: `${field.name} is not a reference but names an entity` });
      }
    });
  });

  const viewTitles = new Set<string>();
  blueprint.views.forEach((view, viewIndex) => {
    const path = `views[${viewIndex}]`;
    claimId(view.id, path);
    const titleKey = nameKey(view.title);
    if (viewTitles.has(titleKey)) problems.push({ path, message: `Two views are called "${view.title}"` });
    viewTitles.add(titleKey);
    const entity = entityById.get(view.entityId);
    if (!entity) {
      problems.push({ path, message: `View ${view.title} shows an entity that does not exist` });
      return;
    }
    const fieldOf = (fieldId: string | null, what: string, types?: readonly string[]) => {
      if (fieldId === null) return;
      const field = entity.fields.find((candidate) => candidate.id === fieldId);
      if (!field)
        problems.push({ path, message: `View ${view.title}: its ${what} is not a field of ${entity.name}` });
      else if (types && !types.includes(field.type))
        problems.push({
          path,
          message: `View ${view.title}: ${field.name} cannot be its ${what} (${field.type})`,
        });
    };
    fieldOf(view.groupByFieldId, 'grouping field', [
      'choice',
      'multiChoice',
      'boolean',
      'person',
      'reference',
      'text',
    ]);
    fieldOf(view.dateFieldId, 'date field', ['date', 'dateTime']);
    if (view.kind === 'board' && view.groupByFieldId === null)
      problems.push({ path, message: `Board ${view.title} needs a field to group its columns by` });
    if (view.kind === 'calendar' && view.dateFieldId === null)
      problems.push({ path, message: `Calendar ${view.title} needs a date field` });
    if (view.aggregate && view.aggregate.fn !== 'count') {
      if (view.aggregate.fieldId === null)
        problems.push({ path, message: `View ${view.title}: ${view.aggregate.fn} needs a number field` });
      else fieldOf(view.aggregate.fieldId, 'aggregated field', ['number', 'money']);
    }
    if (view.filter) problems.push(...filterProblems(view.filter, entity, entityById, path, view.title));
  });
  return problems;
}

function filterProblems(
  filter: ViewFilter,
  entity: Entity,
  entityById: ReadonlyMap<string, Entity>,
  path: string,
  title: string,
): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const need = (owner: Entity, fieldId: string, types: readonly string[]) => {
    const field = owner.fields.find((candidate) => candidate.id === fieldId);
    if (!field) problems.push({ path, message: `Filter of ${title}: no such field in ${owner.name}` });
    else if (!types.includes(field.type))
      problems.push({ path, message: `Filter of ${title}: ${field.name} is a ${field.type} field` });
  };
  switch (filter.kind) {
    case 'date':
      need(entity, filter.fieldId, ['date', 'dateTime']);
      if ((filter.relation === 'within_next_days' || filter.relation === 'within_past_days') && !filter.days)
        problems.push({ path, message: `Filter of ${title}: how many days?` });
      break;
    case 'choice':
      need(entity, filter.fieldId, ['choice', 'multiChoice']);
      break;
    case 'boolean':
      need(entity, filter.fieldId, ['boolean']);
      break;
    case 'empty':
      if (!entity.fields.some((field) => field.id === filter.fieldId))
        problems.push({ path, message: `Filter of ${title}: no such field in ${entity.name}` });
      break;
    case 'relatedCountBelow': {
      const related = entityById.get(filter.relatedEntityId);
      if (!related) {
        problems.push({ path, message: `Filter of ${title}: the related entity does not exist` });
        break;
      }
      const link = related.fields.find((field) => field.id === filter.relatedFieldId);
      if (link?.type !== 'reference' || link.referenceEntityId !== entity.id)
        problems.push({
          path,
          message: `Filter of ${title}: ${related.name} has no reference to ${entity.name}`,
        });
      need(entity, filter.limitFieldId, ['number']);
      break;
    }
    case 'intervalDue':
      need(entity, filter.dateFieldId, ['date', 'dateTime']);
      need(entity, filter.intervalFieldId, ['number']);
      break;
  }
  return problems;
}

/** Names compare case- and space-insensitively: "Due date" and "Due  Date" are the same name. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
