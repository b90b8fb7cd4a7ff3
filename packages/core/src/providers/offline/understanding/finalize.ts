import type { Blueprint, Entity } from '../../../blueprint/blueprint.ts';
import { nameKey, validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import type { Design } from './design.ts';
import { singularize } from './inflect.ts';

/**
 * "We lend artworks … Each loan is to a borrowing institution with a loan start date, a return
 * date …": the out / back dates a lending verb supplied give way to the dates the person stated.
 * Runs before views look for date fields, so a view never points at a dropped one.
 */
function settleSuppliedDates(design: Design): void {
  for (const entity of design.blueprint.entities) {
    const supplied = entity.fields.filter((field) => design.suppliedDates.has(field.id));
    if (supplied.length === 0) continue;
    const stated = entity.fields.filter(
      (field) => !design.suppliedDates.has(field.id) && ['date', 'dateTime'].includes(field.type),
    );
    if (stated.length < 2) continue;
    const used = new Set(
      design.blueprint.views.flatMap((view) => [
        view.dateFieldId,
        view.groupByFieldId,
        view.aggregate?.fieldId,
        ...Object.values(view.filter ?? {}),
      ]),
    );
    entity.fields = entity.fields.filter((field) => !supplied.includes(field) || used.has(field.id));
    for (const field of supplied) design.suppliedDates.delete(field.id);
  }
}

/** A field named like another record ("each lease has a tenant, property") points at it. */
export function resolveReferences(design: Design): void {
  settleSuppliedDates(design);
  const entities = design.blueprint.entities;
  for (const entity of entities) {
    for (const field of entity.fields) {
      if ((field.type !== 'text' && field.type !== 'person') || field.options.length > 0) continue;
      const key = nameKey(singularize(field.name));
      const target = entities.find(
        (candidate) =>
          candidate !== entity &&
          (nameKey(candidate.name) === key || nameKey(candidate.pluralName) === nameKey(field.name)),
      );
      if (target) {
        field.type = 'reference';
        field.referenceEntityId = target.id;
      }
    }
  }
}

/** Every record shows something: one with no fields (or only one link) gets a Name, assumed. */
function ensureNames(design: Design): void {
  for (const entity of design.blueprint.entities) {
    const own = entity.fields.filter((field) => field.type !== 'reference');
    const links = entity.fields.length - own.length;
    if (own.length === 0 && links <= 1 && !design.findField(entity, 'Name')) {
      const name = design.addField(entity, { name: 'Name', type: 'text' }, null);
      entity.fields.splice(entity.fields.indexOf(name), 1);
      entity.fields.unshift(name);
    }
  }
}

/** A table of every record type the person has not got a table of: assumed, so the interview may ask. */
function defaultTables(design: Design): void {
  for (const entity of design.blueprint.entities) {
    if (design.blueprint.views.some((view) => view.kind === 'table' && view.entityId === entity.id)) continue;
    const taken = design.blueprint.views.some((view) => nameKey(view.title) === nameKey(entity.pluralName));
    design.addView(
      { kind: 'table', title: taken ? `All ${entity.pluralName}` : entity.pluralName, entity },
      null,
    );
  }
}

function statusFields(entity: Entity): void {
  const status = entity.fields.find((field) => field.id === entity.statusFieldId);
  if (entity.statusFieldId !== null && status?.type !== 'choice') entity.statusFieldId = null;
  if (entity.statusFieldId === null) {
    const named = entity.fields.find(
      (field) => field.type === 'choice' && /^(status|stage|state)$/i.test(field.name.split(' ').pop() ?? ''),
    );
    if (named) entity.statusFieldId = named.id;
  }
}

/**
 * Repairs what validation still finds, so the result is always buildable: a view that cannot show
 * what it names is dropped, a reference to nothing becomes text, a name used twice is numbered.
 */
function repair(blueprint: Blueprint): void {
  for (let round = 0; round < 5; round++) {
    const problems = validateBlueprint(blueprint);
    if (problems.length === 0) return;
    const dropViews = new Set<number>();
    for (const problem of problems) {
      const view = /^views\[(\d+)\]/.exec(problem.path);
      if (view) {
        dropViews.add(Number(view[1]));
        continue;
      }
      const field = /^entities\[(\d+)\]\.fields\[(\d+)\]/.exec(problem.path);
      const entityMatch = /^entities\[(\d+)\]$/.exec(problem.path);
      if (field) {
        const entity = blueprint.entities[Number(field[1])];
        const target = entity?.fields[Number(field[2])];
        if (!entity || !target) continue;
        if (/two fields called/.test(problem.message)) target.name = `${target.name} ${Number(field[2]) + 1}`;
        else if (target.type === 'reference' || target.referenceEntityId !== null) {
          target.type = 'text';
          target.referenceEntityId = null;
        } else if (/range/.test(problem.message) && target.range)
          target.range = { min: target.range.max, max: target.range.min };
        else if (/same option twice/.test(problem.message)) target.options = [...new Set(target.options)];
      } else if (entityMatch) {
        const entity = blueprint.entities[Number(entityMatch[1])];
        if (!entity) continue;
        if (/status field/.test(problem.message)) entity.statusFieldId = null;
        if (/Two entities/.test(problem.message))
          entity.name = `${entity.name} ${Number(entityMatch[1]) + 1}`;
        if (/no fields/.test(problem.message))
          entity.fields.push({
            id: `${entity.id}-name`,
            name: 'Name',
            type: 'text',
            options: [],
            required: false,
            referenceEntityId: null,
            range: null,
            sourceFactIds: [],
          });
      }
    }
    blueprint.views = blueprint.views.filter((_, index) => !dropViews.has(index));
  }
}

/**
 * People named as the app's users are who it is for, not its records: "The mechanics and the front
 * counter both use it" leaves no Mechanic entity behind. Only a record nothing was said about (no
 * stated field, no relation made to it) goes, and a field named after it holds a person;
 * "Volunteers: name, phone" and the Member of "members check tools out" stay records.
 */
function dropUsersAsRecords(design: Design): void {
  const blueprint = design.blueprint;
  const users = new Set(blueprint.audience.map((audience) => nameKey(audience.name)));
  const dropped = blueprint.entities.filter((entity) => {
    if (!users.has(nameKey(entity.name)) && !users.has(nameKey(entity.pluralName))) return false;
    if (design.linked.has(entity.id) || design.baseEntityIds.has(entity.id)) return false;
    return !entity.fields.some((field) => field.sourceFactIds.length > 0);
  });
  if (dropped.length === 0) return;
  const ids = new Set(dropped.map((entity) => entity.id));
  // "client, stylist, date … The stylists use it": the stylist of a booking is one of the users.
  for (const entity of blueprint.entities)
    for (const field of entity.fields)
      if (field.referenceEntityId && ids.has(field.referenceEntityId)) {
        field.type = 'person';
        field.referenceEntityId = null;
      }
  blueprint.entities = blueprint.entities.filter((entity) => !ids.has(entity.id));
  blueprint.views = blueprint.views.filter((view) => !ids.has(view.entityId));
  if (design.main && ids.has(design.main.id)) design.main = blueprint.entities[0] ?? null;
  // The title came from the dropped record ("Mechanics"): the next record names the app instead.
  if (dropped.some((entity) => nameKey(entity.pluralName) === nameKey(blueprint.title)))
    blueprint.title = blueprint.entities[0]?.pluralName ?? '';
}

/** The design made whole: references resolved, names and tables assumed, statuses set, caps kept, valid. */
export function finalizeDesign(design: Design): Blueprint {
  resolveReferences(design);
  dropUsersAsRecords(design);
  ensureNames(design);
  for (const entity of design.blueprint.entities) statusFields(entity);
  defaultTables(design);
  const blueprint = design.blueprint;
  blueprint.entities = blueprint.entities.slice(0, 30);
  for (const entity of blueprint.entities) entity.fields = entity.fields.slice(0, 80);
  blueprint.views = blueprint.views.slice(0, 60);
  blueprint.audience = blueprint.audience.slice(0, 20);
  if (!blueprint.title.trim()) blueprint.title = 'New App';
  repair(blueprint);
  return blueprint;
}
