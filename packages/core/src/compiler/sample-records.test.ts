import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../blueprint/blueprint.ts';
import { toAppBlueprint } from './app-blueprint.ts';
import { fixtureBlueprints } from './fixtures/blueprints.ts';
import { randomBlueprint } from './fixtures/random-blueprint.ts';
import { sampleRecords } from './sample-records.ts';
import { daysBetween } from './template/src/logic/dates.ts';
import { matchesFilter } from './template/src/logic/filters.ts';
import { readValue } from './template/src/logic/model.ts';
import type { AppField, FieldValue } from './template/src/schema.ts';

const today = '2025-03-10';

function fits(field: AppField, value: FieldValue): boolean {
  if (value === null) return true;
  switch (field.type) {
    case 'number':
    case 'money':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && field.options.includes(value);
    case 'multiChoice':
      return Array.isArray(value) && value.every((option) => field.options.includes(option));
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'dateTime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value);
    case 'time':
      return typeof value === 'string' && /^\d{2}:\d{2}$/.test(value);
    case 'email':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
    case 'url':
      return typeof value === 'string' && value.startsWith('https://');
    default:
      return typeof value === 'string' && value !== '';
  }
}

/** The properties every sample has, whatever the blueprint. */
function expectSound(blueprint: Blueprint, seed: number) {
  const app = toAppBlueprint(blueprint);
  const sample = sampleRecords(app, today, seed);
  const recordsOf = (entityId: string) => sample.records[entityId] ?? [];
  const ids = new Set<string>();
  for (const entity of app.entities) {
    const records = recordsOf(entity.id);
    expect(records.length).toBeGreaterThanOrEqual(6);
    for (const record of records) {
      expect(ids.has(`${entity.id}/${record.id}`)).toBe(false);
      ids.add(`${entity.id}/${record.id}`);
      for (const field of entity.fields) {
        const value = readValue(record, field.id);
        if (field.type === 'reference') {
          // Every reference points at an existing record of its entity, never at the spare.
          if (value !== null) {
            expect(recordsOf(field.referenceEntityId ?? '').some((other) => other.id === value)).toBe(true);
            expect(value).not.toBe(sample.spares[field.referenceEntityId ?? '']);
          }
        } else expect(fits(field, value), `${field.type} ${JSON.stringify(value)}`).toBe(true);
      }
    }
    for (const id of sample.regular[entity.id] ?? []) {
      const record = records.find((candidate) => candidate.id === id);
      for (const field of entity.fields) {
        const value = record ? readValue(record, field.id) : null;
        if (field.type === 'date' && typeof value === 'string')
          expect(Math.abs(daysBetween(today, value) ?? 99)).toBeLessThanOrEqual(21);
        if (field.type === 'number' && field.range && typeof value === 'number') {
          expect(value).toBeGreaterThanOrEqual(field.range.min);
          expect(value).toBeLessThanOrEqual(field.range.max);
        }
      }
    }
    // A few records per status: every option has at least one everyday record.
    for (const field of entity.fields.filter((candidate) => candidate.type === 'choice')) {
      const regular = (sample.regular[entity.id] ?? []).map((id) =>
        records.find((record) => record.id === id),
      );
      for (const option of field.options)
        expect(
          regular.some((record) => record && readValue(record, field.id) === option),
          option,
        ).toBe(true);
    }
  }
  for (const view of app.views) {
    const probe = sample.probes[view.id];
    if (!probe || !view.filter) continue;
    const records = recordsOf(view.entityId);
    const match = records.find((record) => record.id === probe.match);
    const miss = records.find((record) => record.id === probe.miss);
    expect(match && matchesFilter(view.filter, match, today, recordsOf), `${view.title} match`).toBe(true);
    expect(miss && matchesFilter(view.filter, miss, today, recordsOf), `${view.title} miss`).toBe(false);
  }
  return sample;
}

describe('sampleRecords', () => {
  it('is deterministic given the day and the seed', () => {
    const [first] = fixtureBlueprints;
    if (!first) throw new Error('no fixture');
    expect(sampleRecords(first.blueprint, today, 7)).toEqual(sampleRecords(first.blueprint, today, 7));
    expect(sampleRecords(first.blueprint, today, 7)).not.toEqual(sampleRecords(first.blueprint, today, 8));
  });

  it.each(fixtureBlueprints.map((fixture) => [fixture.name, fixture.blueprint] as const))(
    'fits every field of %s, and its filtered views have a record on each side',
    (_name, blueprint) => {
      const sample = expectSound(blueprint, 1);
      const app = toAppBlueprint(blueprint);
      for (const view of app.views.filter((candidate) => candidate.filter))
        expect(sample.probes[view.id], view.title).toBeDefined();
    },
  );

  it('is sound for random valid blueprints', () => {
    for (let seed = 1; seed <= 200; seed += 1) expectSound(randomBlueprint(seed), seed);
  });

  it('leaves the spare of each entity unreferenced', () => {
    for (let seed = 1; seed <= 100; seed += 1) {
      const app = toAppBlueprint(randomBlueprint(seed));
      const sample = sampleRecords(app, today, seed);
      const spares = new Set(Object.values(sample.spares));
      for (const entity of app.entities)
        for (const record of sample.records[entity.id] ?? [])
          for (const field of entity.fields.filter((candidate) => candidate.type === 'reference'))
            expect(spares.has(String(readValue(record, field.id)))).toBe(false);
    }
  });
});
