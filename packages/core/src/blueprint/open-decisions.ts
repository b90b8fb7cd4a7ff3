import { z } from 'zod';
import type { JobKind } from '../job.ts';
import type { Blueprint, Entity, Field } from './blueprint.ts';

/**
 * What the interview works on (docs/state-machine.md#turns-and-runs): the decisions a build of this blueprint needs, each
 * either made (the request, an answer, a skip default or an edit settled it) or open. Readiness is
 * the made share of them, weighted by how much of the build each settles; the main agent asks
 * about the heaviest open one.
 *
 * Pure and runtime-safe (no NLP): the db layer and `jobs.updateBlueprint` recompute readiness with
 * it, the SPA may show the open list.
 */

export const openDecisionKinds = [
  /** No entity yet: what the app keeps track of. */
  'records',
  /** A change job whose request changed nothing yet: what should change. */
  'change',
  /** An entity with nothing but its name: what each one records. */
  'entity_fields',
  /** A choice field (a status workflow or another choice) without options. */
  'choice_options',
  /** A person field that could be a list of its own ("assigned to a technician"). */
  'relation',
  /** An entity's dates with no view on them: a calendar, a "due soon" list? */
  'date_view',
  /** Nobody named as the app's users. */
  'audience',
  /** Shared or private, neither said nor implied by who uses it. */
  'sharing',
] as const;
export const OpenDecisionKind = z.enum(openDecisionKinds);
export type OpenDecisionKind = z.infer<typeof OpenDecisionKind>;

export interface OpenDecision {
  /**
   * Stable while the element keeps its id (`entity_fields:<entityId>`, `audience`). A question stores
   * the id of the decision it asks about; once answered or skipped, that decision is made for good.
   */
  id: string;
  kind: OpenDecisionKind;
  entityId: string | null;
  fieldId: string | null;
  /** How much of the build this settles; a blueprint's decisions' weights add up to its total. */
  weight: number;
  /** What is open, in the blueprint's words ("What each Member records"). */
  summary: string;
}

/** One of the build's decisions, with whether it is already made. */
export interface BuildDecision extends OpenDecision {
  made: boolean;
}

export interface OpenDecisionContext {
  jobKind: JobKind;
  /** Decisions a question already asked about (answered or skipped): never open again. */
  askedDecisionIds?: readonly string[];
  /** A change job's starting point: everything it already had was decided when it was built. */
  base?: Blueprint | null;
}

/** Weights: an unknown subject changes everything; unknown sharing changes little. */
export const decisionWeights = {
  /** No entity: the records and the main entity's fields are both unknown. */
  records: 50,
  /** Entities known: the share of `records` that naming them settled. */
  recordsNamed: 20,
  change: 40,
  mainEntityFields: 30,
  otherEntityFields: 8,
  statusOptions: 10,
  choiceOptions: 5,
  relation: 3,
  dateView: 3,
  audience: 5,
  sharing: 3,
} as const;

const kindOrder = new Map<OpenDecisionKind, number>(openDecisionKinds.map((kind, index) => [kind, index]));

/** The open decisions, heaviest first (ties: by kind, then by position in the blueprint). */
export function openDecisions(blueprint: Blueprint, context: OpenDecisionContext): OpenDecision[] {
  return buildDecisions(blueprint, context)
    .map((decision, position) => ({ decision, position }))
    .filter(({ decision }) => !decision.made)
    .sort(
      (a, b) =>
        b.decision.weight - a.decision.weight ||
        (kindOrder.get(a.decision.kind) ?? 0) - (kindOrder.get(b.decision.kind) ?? 0) ||
        a.position - b.position,
    )
    .map(({ decision: { made: _made, ...open } }) => open);
}

/** 0–100: the weighted share of the build's decisions that are made. */
export function readinessOf(blueprint: Blueprint, context: OpenDecisionContext): number {
  const decisions = buildDecisions(blueprint, context);
  const total = decisions.reduce((sum, decision) => sum + decision.weight, 0);
  if (total === 0) return 100;
  const made = decisions.reduce((sum, decision) => sum + (decision.made ? decision.weight : 0), 0);
  return Math.round((100 * made) / total);
}

/** Same as `readinessOf`; the name the shared design uses. */
export const computeReadiness = readinessOf;

/** Every decision the build of this blueprint needs, made or open, in blueprint order. */
export function buildDecisions(blueprint: Blueprint, context: OpenDecisionContext): BuildDecision[] {
  const asked = new Set(context.askedDecisionIds ?? []);
  const decisions: BuildDecision[] = [];
  const add = (decision: OpenDecision, made: boolean) =>
    decisions.push({ ...decision, made: made || asked.has(decision.id) });

  const base = context.jobKind === 'change' ? (context.base ?? null) : null;
  if (context.jobKind === 'change') {
    add(
      decision('change', null, null, decisionWeights.change, 'What should change'),
      base ? !sameDesign(base, blueprint) : blueprint.entities.length > 0,
    );
  }
  // For a change, only what the change added is still to decide: the rest was built already.
  const baseEntityIds = new Set(base?.entities.map((entity) => entity.id) ?? []);
  const baseFieldIds = new Set(
    base?.entities.flatMap((entity) => entity.fields.map((field) => field.id)) ?? [],
  );
  const isNewEntity = (entity: Entity) => context.jobKind === 'create' || !baseEntityIds.has(entity.id);
  const isNewField = (field: Field) => context.jobKind === 'create' || !baseFieldIds.has(field.id);

  if (context.jobKind === 'create') {
    const named = blueprint.entities.length > 0;
    add(
      decision(
        'records',
        null,
        null,
        named ? decisionWeights.recordsNamed : decisionWeights.records,
        'What the app keeps track of',
      ),
      named,
    );
  }

  blueprint.entities.forEach((entity, index) => {
    if (isNewEntity(entity)) {
      add(
        decision(
          'entity_fields',
          entity.id,
          null,
          index === 0 ? decisionWeights.mainEntityFields : decisionWeights.otherEntityFields,
          `What each ${entity.name} records`,
        ),
        hasOwnDetails(entity),
      );
    }
    for (const field of entity.fields) {
      if (!isNewField(field)) continue;
      if (field.type === 'choice' || field.type === 'multiChoice') {
        const isStatus = entity.statusFieldId === field.id;
        add(
          decision(
            'choice_options',
            entity.id,
            field.id,
            isStatus ? decisionWeights.statusOptions : decisionWeights.choiceOptions,
            isStatus ? `The stages of each ${entity.name}` : `The choices for ${field.name}`,
          ),
          field.options.length > 0,
        );
      }
      if (field.type === 'person') {
        add(
          decision(
            'relation',
            entity.id,
            field.id,
            decisionWeights.relation,
            `Whether ${field.name} is a name or a list of its own`,
          ),
          false,
        );
      }
    }
    const dateField = entity.fields.find(
      (field) => isDateType(field) && field.sourceFactIds.length > 0 && isNewField(field),
    );
    if (dateField) {
      add(
        decision(
          'date_view',
          entity.id,
          dateField.id,
          decisionWeights.dateView,
          `How to see ${entity.pluralName} by ${dateField.name}`,
        ),
        hasDateView(blueprint, entity),
      );
    }
  });

  if (context.jobKind === 'create') {
    const named = blueprint.audience.length > 0;
    add(decision('audience', null, null, decisionWeights.audience, 'Who uses the app'), named);
    // Named users imply the answer: a group shares its records, "just me" keeps them private.
    const implied = blueprint.audience.some((audience) => audience.sourceFactIds.length > 0);
    add(
      decision('sharing', null, null, decisionWeights.sharing, 'Whether everyone sees the same records'),
      blueprint.sharingSourceFactIds.length > 0 || implied,
    );
  }
  return decisions;
}

function decision(
  kind: OpenDecisionKind,
  entityId: string | null,
  fieldId: string | null,
  weight: number,
  summary: string,
): OpenDecision {
  const id = fieldId ? `${kind}:${fieldId}` : entityId ? `${kind}:${entityId}` : kind;
  return { id, kind, entityId, fieldId, weight, summary };
}

/** A name alone says nothing about what a record holds. */
export function isNameField(entity: Pick<Entity, 'name'>, field: Pick<Field, 'name' | 'type'>): boolean {
  if (field.type !== 'text') return false;
  const name = field.name.trim().toLowerCase();
  const entityName = entity.name.trim().toLowerCase();
  return name === 'name' || name === 'title' || name === `${entityName} name`;
}

/** Something the person said the record holds, beyond its name (a reference counts: "who has it"). */
function hasOwnDetails(entity: Entity): boolean {
  return entity.fields.some((field) => field.sourceFactIds.length > 0 && !isNameField(entity, field));
}

function isDateType(field: Field): boolean {
  return field.type === 'date' || field.type === 'dateTime';
}

/** A calendar of the entity, or any view that reads one of its dates. */
function hasDateView(blueprint: Blueprint, entity: Entity): boolean {
  const dateIds = new Set(entity.fields.filter(isDateType).map((field) => field.id));
  return blueprint.views.some((view) => {
    if (view.entityId !== entity.id) return false;
    if (view.kind === 'calendar' || (view.dateFieldId !== null && dateIds.has(view.dateFieldId))) return true;
    const filter = view.filter;
    if (!filter) return false;
    if (filter.kind === 'intervalDue') return dateIds.has(filter.dateFieldId);
    return 'fieldId' in filter && dateIds.has(filter.fieldId);
  });
}

/**
 * Whether two blueprints describe the same app (ids, names, types, options, views, title). Sources
 * are ignored: re-reading the same words must not count as a change.
 */
export function sameDesign(a: Blueprint, b: Blueprint): boolean {
  return JSON.stringify(designOf(a)) === JSON.stringify(designOf(b));
}

function designOf(blueprint: Blueprint) {
  return {
    title: blueprint.title,
    sharing: blueprint.sharing,
    audience: blueprint.audience.map((audience) => audience.name),
    entities: blueprint.entities.map((entity) => ({
      id: entity.id,
      name: entity.name,
      statusFieldId: entity.statusFieldId,
      fields: entity.fields.map(({ sourceFactIds: _sources, ...field }) => field),
    })),
    views: blueprint.views.map(({ sourceFactIds: _sources, ...view }) => view),
  };
}
