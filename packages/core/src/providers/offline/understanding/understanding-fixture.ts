import { expect } from 'vitest';
import type { Blueprint, Entity, Field } from '../../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { understandText } from './understand-text.ts';

/**
 * What the understanding tests share: a request read into a blueprint that must be valid and
 * deterministic (the same words give the same blueprint), and lookups that name what was there
 * when a name is missing.
 */
export function read(text: string, base: Blueprint | null = null): Blueprint {
  const first = understandText({ text, base, focus: null }).blueprint;
  expect(validateBlueprint(first)).toEqual([]);
  expect(understandText({ text, base, focus: null }).blueprint).toEqual(first);
  return first;
}

/** The entity named `name` (any case). */
export function entity(blueprint: Blueprint, name: string): Entity {
  const found = blueprint.entities.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`no entity ${name} in ${blueprint.entities.map((e) => e.name).join(', ')}`);
  return found;
}

/** The field named `name` (any case). */
export function field(owner: Entity, name: string): Field {
  const found = owner.fields.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`no field ${name} in ${owner.fields.map((f) => f.name).join(', ')}`);
  return found;
}

export function fieldsOf(text: string, name: string): Entity {
  return entity(read(text), name);
}

export function statusOf(owner: Entity): Field {
  const found = owner.fields.find((candidate) => candidate.id === owner.statusFieldId);
  if (!found) throw new Error(`${owner.name} has no status field`);
  return found;
}

export const fieldNames = (owner: Entity) => owner.fields.map((item) => item.name);
export const entityNames = (blueprint: Blueprint) => blueprint.entities.map((owner) => owner.name);
