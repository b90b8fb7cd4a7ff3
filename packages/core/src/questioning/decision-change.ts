import { z } from 'zod';
import {
  type Blueprint,
  type Entity,
  type Field,
  FieldType,
  Sharing,
  type View,
  ViewKind,
} from '../blueprint/blueprint.ts';
import { OpenDecisionKind } from '../blueprint/open-decisions.ts';
import { nameKey, validateBlueprint } from '../blueprint/validate-blueprint.ts';

/*
 * What picking an option (or skipping) does to the blueprint. A question stores one change per
 * option and one for the skip, so applying an answer is deterministic: the same answer to the same
 * question always makes the same design, whatever model wrote the question. Fields and views are
 * named, not referenced by id, so a model can write changes; `applyDecisionChange` resolves them.
 * Strict-mode friendly (nullable, never optional).
 */

const Name = z.string().min(1).max(120);

export const NewField = z.object({
  name: Name,
  type: FieldType,
  /** Choice options in order; empty for other types. */
  options: z.array(Name).max(50),
});
export type NewField = z.infer<typeof NewField>;

export const NewView = z.object({
  kind: ViewKind,
  title: Name,
  /** The calendar's / date filter's date field, or the board's / chart's grouping field. */
  fieldName: Name.nullable(),
  /** For a list on a date: past due (before today) or coming up (within the next `days`). */
  dateFilter: z.enum(['before_today', 'today', 'within_next_days']).nullable(),
  days: z.number().int().positive().max(365).nullable(),
});
export type NewView = z.infer<typeof NewView>;

export const DecisionChange = z.object({
  /** `records`: the entity the app keeps; `relation`: the list a person field becomes a reference to. */
  entity: z.object({ name: Name, pluralName: Name, fields: z.array(NewField).max(20) }).nullable(),
  /** Fields added to the decision's entity (or to `entityName`'s). */
  fields: z.array(NewField).max(20),
  /** The options of the decision's choice field, in order. */
  options: z.array(Name).max(50),
  view: NewView.nullable(),
  audience: z.array(Name).max(10),
  sharing: Sharing.nullable(),
  /** Which entity `fields` and `view` go on when it is not the decision's own (change requests). */
  entityName: Name.nullable(),
});
export type DecisionChange = z.infer<typeof DecisionChange>;

export const noChange: DecisionChange = {
  entity: null,
  fields: [],
  options: [],
  view: null,
  audience: [],
  sharing: null,
  entityName: null,
};

export function change(parts: Partial<DecisionChange>): DecisionChange {
  return { ...noChange, ...parts };
}

/**
 * Stored with a question (never shown: the public Question keeps the shape of docs/architecture.md#shapes): which decision it asks
 * about and what each option and the skip do.
 */
export const QuestionDecision = z.object({
  decisionId: z.string(),
  kind: OpenDecisionKind,
  entityId: z.string().nullable(),
  fieldId: z.string().nullable(),
  /** What was open, in the blueprint's words ("What each Member records"): the answer fact's lead. */
  summary: z.string(),
  options: z.array(z.object({ optionId: z.string(), change: DecisionChange })),
  skip: DecisionChange,
});
export type QuestionDecision = z.infer<typeof QuestionDecision>;

export interface DecisionTarget {
  kind: OpenDecisionKind;
  entityId: string | null;
  fieldId: string | null;
}

/**
 * Applies one change for one decision, every element it adds or settles citing `factId` (the
 * answer's or the skip's fact). Pure; ids are slugs made unique within the blueprint. Parts that
 * do not fit (a view on a field that does not exist) are left out rather than breaking the design.
 */
export function applyDecisionChange(
  blueprint: Blueprint,
  target: DecisionTarget,
  decisionChange: DecisionChange,
  factId: string,
): Blueprint {
  const next = structuredClone(blueprint);
  const ids = new Ids(next);
  const cite = (sources: string[]) => (sources.includes(factId) ? sources : [...sources, factId]);
  const makeField = (owner: Entity, field: NewField): Field => ({
    id: ids.claim(`${owner.id}-${field.name}`),
    name: titleCase(field.name),
    type: field.type,
    options: field.type === 'choice' || field.type === 'multiChoice' ? dedupe(field.options) : [],
    required: false,
    referenceEntityId: null,
    range: null,
    sourceFactIds: [factId],
  });

  let newEntity: Entity | null = null;
  if (decisionChange.entity) {
    const existing = findEntity(next, decisionChange.entity.name);
    if (existing) {
      existing.sourceFactIds = cite(existing.sourceFactIds);
      newEntity = existing;
    } else {
      const entity: Entity = {
        id: ids.claim(decisionChange.entity.name),
        name: titleCase(decisionChange.entity.name),
        pluralName: titleCase(decisionChange.entity.pluralName),
        fields: [],
        statusFieldId: null,
        sourceFactIds: [factId],
      };
      for (const field of decisionChange.entity.fields) addField(entity, makeField(entity, field));
      if (entity.fields.length === 0)
        entity.fields.push(makeField(entity, { name: 'Name', type: 'text', options: [] }));
      const status = entity.fields.find(
        (field) => field.type === 'choice' && nameKey(field.name) === 'status',
      );
      entity.statusFieldId = status?.id ?? null;
      next.entities.push(entity);
      newEntity = entity;
    }
    if (target.kind === 'relation' && target.fieldId) {
      const field = findFieldById(next, target.fieldId);
      if (field && newEntity.id !== target.entityId) {
        field.type = 'reference';
        field.referenceEntityId = newEntity.id;
        field.options = [];
        field.sourceFactIds = cite(field.sourceFactIds);
      }
    }
  }

  const owner =
    (decisionChange.entityName ? findEntity(next, decisionChange.entityName) : undefined) ??
    next.entities.find((entity) => entity.id === target.entityId) ??
    (target.kind === 'records' ? newEntity : null) ??
    next.entities[0];
  if (owner) {
    for (const field of decisionChange.fields) addField(owner, makeField(owner, field));
    if (decisionChange.fields.length > 0 || target.kind === 'entity_fields')
      owner.sourceFactIds = cite(owner.sourceFactIds);
  }

  if (decisionChange.options.length > 0 && target.fieldId) {
    const field = findFieldById(next, target.fieldId);
    if (field && (field.type === 'choice' || field.type === 'multiChoice')) {
      field.options = dedupe(decisionChange.options.map((option) => option.trim()).filter(Boolean));
      field.sourceFactIds = cite(field.sourceFactIds);
    }
  }

  if (decisionChange.view && owner) {
    const view = makeView(owner, decisionChange.view, ids, factId);
    if (view && !next.views.some((existing) => nameKey(existing.title) === nameKey(view.title)))
      next.views.push(view);
  }

  for (const name of decisionChange.audience) {
    const existing = next.audience.find((audience) => nameKey(audience.name) === nameKey(name));
    if (existing) existing.sourceFactIds = cite(existing.sourceFactIds);
    else next.audience.push({ name: titleCase(name), sourceFactIds: [factId] });
  }
  if (decisionChange.sharing) {
    next.sharing = decisionChange.sharing;
    next.sharingSourceFactIds = cite(next.sharingSourceFactIds);
  }
  return next;
}

/** Whether a change can be applied and leaves a buildable design (used to vet written options). */
export function changeProblem(
  blueprint: Blueprint,
  target: DecisionTarget,
  decisionChange: DecisionChange,
): string | null {
  if (decisionChange.entityName && !findEntity(blueprint, decisionChange.entityName))
    return `there is no entity called ${decisionChange.entityName}`;
  const applied = applyDecisionChange(blueprint, target, decisionChange, 'check');
  if (decisionChange.view && applied.views.length === blueprint.views.length)
    return `the view ${decisionChange.view.title} cannot be made (no such field, or not a date / grouping field)`;
  const problem = validateBlueprint(applied)[0];
  return problem ? `${problem.path}: ${problem.message}` : null;
}

function addField(entity: Entity, field: Field): void {
  if (entity.fields.some((existing) => nameKey(existing.name) === nameKey(field.name))) return;
  entity.fields.push(field);
}

function makeView(owner: Entity, view: NewView, ids: Ids, factId: string): View | null {
  const field = view.fieldName
    ? owner.fields.find((candidate) => nameKey(candidate.name) === nameKey(view.fieldName ?? ''))
    : undefined;
  if (view.fieldName && !field) return null;
  const isDate = field?.type === 'date' || field?.type === 'dateTime';
  if ((view.kind === 'calendar' || view.dateFilter) && !isDate) return null;
  if (view.kind === 'board' && !field) return null;
  const groupBy = field && !isDate && (view.kind === 'board' || view.kind === 'chart') ? field.id : null;
  return {
    id: ids.claim(`${owner.id}-${view.title}`),
    kind: view.kind,
    title: titleCase(view.title),
    entityId: owner.id,
    groupByFieldId: groupBy,
    dateFieldId: view.kind === 'calendar' && field ? field.id : null,
    filter:
      view.dateFilter && field
        ? {
            kind: 'date',
            fieldId: field.id,
            relation: view.dateFilter,
            days: view.dateFilter === 'within_next_days' ? (view.days ?? 7) : null,
          }
        : null,
    aggregate: view.kind === 'chart' ? { fn: 'count', fieldId: null } : null,
    sourceFactIds: [factId],
  };
}

function findEntity(blueprint: Blueprint, name: string): Entity | undefined {
  const key = nameKey(name);
  return blueprint.entities.find(
    (entity) => nameKey(entity.name) === key || nameKey(entity.pluralName) === key,
  );
}

function findFieldById(blueprint: Blueprint, fieldId: string): Field | undefined {
  for (const entity of blueprint.entities) {
    const field = entity.fields.find((candidate) => candidate.id === fieldId);
    if (field) return field;
  }
  return undefined;
}

function dedupe(options: readonly string[]): string[] {
  const seen = new Set<string>();
  return options.filter((option) => {
    const key = nameKey(option);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "due date" → "Due Date"; words already capitalised (SKU, iPad) keep their case. */
export function titleCase(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .split(' ')
    .map((word) => (word === word.toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(' ');
}

/** Readable, unique ids for new elements ("member-email"), unique across the whole blueprint. */
class Ids {
  private readonly taken = new Set<string>();

  constructor(blueprint: Blueprint) {
    for (const entity of blueprint.entities) {
      this.taken.add(entity.id);
      for (const field of entity.fields) this.taken.add(field.id);
    }
    for (const view of blueprint.views) this.taken.add(view.id);
  }

  claim(base: string): string {
    const slug =
      base
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'item';
    let id = slug;
    for (let suffix = 2; this.taken.has(id); suffix++) id = `${slug}-${suffix}`;
    this.taken.add(id);
    return id;
  }
}
