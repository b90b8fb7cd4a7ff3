import type { Blueprint } from '../blueprint/blueprint.ts';
import { toAppBlueprint } from './app-blueprint.ts';
import { addDays } from './template/src/logic/dates.ts';
import { titleFieldOf } from './template/src/logic/model.ts';
import type {
  AppBlueprint,
  AppEntity,
  AppField,
  AppFilter,
  AppRecord,
  FieldValue,
  SampleData,
} from './template/src/schema.ts';

/** Two sample records a filtered view's check looks for: one it must list and one it must hide. */
export interface FilterProbe {
  match: string;
  miss: string;
}

export interface SampleSet extends SampleData {
  records: Record<string, AppRecord[]>;
  /** Per filtered view (compiled id): its probe records, in the view's entity. */
  probes: Record<string, FilterProbe>;
  /** Per entity: a record nothing refers to and no check depends on, for edit / delete checks. */
  spares: Record<string, string>;
  /** Per entity: the records that stand for its everyday data (not probes, not the spare). */
  regular: Record<string, string[]>;
}

export const samplePeople = [
  'Alex Kim',
  'Sam Patel',
  'Jordan Lee',
  'Riley Chen',
  'Maria Lopez',
  'Chris Okafor',
  'Dana Whitfield',
  'Priya Shah',
];
const times = ['09:00', '10:30', '13:15', '15:45', '17:00', '08:15'];
/** Days from today for the everyday records: some past, today, soon and later. */
const dateOffsets = [-6, 2, 0, -2, 5, 1, 9, -12, 14, 3, -1, 21];
const personWord =
  /\b(member|staff|guest|customer|client|student|employee|person|people|user|patient|volunteer|teacher|tenant|driver|contact|player|attendee|candidate|worker|owner)s?\b/i;
/** Whether a text title names people: a Member's Name, a Complaint's Guest Name. */
const namesPeople = (entity: AppEntity, field: AppField) =>
  /name/i.test(field.name) && (personWord.test(entity.name) || personWord.test(field.name));

/** A small deterministic generator (mulberry32): the same seed gives the same sample. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Context {
  today: string;
  next: () => number;
  /** Everyday record ids per entity, known before any probe is made. */
  regular: Record<string, string[]>;
}

/**
 * Sample records for a blueprint, as of `today`: values that fit every field (options cycled so
 * each status has a few records, dates around today, people, references to other sample records),
 * a spare record per entity, and for every filtered view one record it lists and one it hides.
 * Deterministic given the blueprint, `today` and `seed`. Ids are the compiled app's.
 */
export function sampleRecords(blueprint: Blueprint | AppBlueprint, today: string, seed = 1): SampleSet {
  const app = 'sharing' in blueprint ? toAppBlueprint(blueprint) : blueprint;
  const regular: Record<string, string[]> = {};
  const context: Context = { today, next: random(seed), regular };
  const records: Record<string, AppRecord[]> = {};
  /** `recordId fieldId` of values set on purpose (a probe's empty reference stays empty). */
  const pinned = new Set<string>();
  const spares: Record<string, string> = {};
  const probes: Record<string, FilterProbe> = {};
  const counters = new Map<string, number>();
  const make = (entity: AppEntity, id: string, overrides: Record<string, FieldValue> = {}): AppRecord => {
    const index = counters.get(entity.id) ?? 0;
    counters.set(entity.id, index + 1);
    const values: Record<string, FieldValue> = {};
    for (const field of entity.fields) values[field.id] = valueFor(entity, field, index, context);
    Object.assign(values, overrides);
    for (const key of Object.keys(overrides)) pinned.add(`${id} ${key}`);
    const record = { id, values };
    const list = records[entity.id] ?? [];
    list.push(record);
    records[entity.id] = list;
    return record;
  };

  app.entities.forEach((entity, entityIndex) => {
    const options = Math.max(0, ...entity.fields.filter(isChoice).map((field) => field.options.length));
    const count = Math.min(12, Math.max(5, options * 2 > 12 ? options + 1 : options * 2));
    regular[entity.id] = [];
    for (let index = 0; index < count; index += 1)
      regular[entity.id]?.push(make(entity, `s${entityIndex}-${index + 1}`).id);
    spares[entity.id] = make(entity, `s${entityIndex}-spare`).id;
  });

  app.views.forEach((view, viewIndex) => {
    const entity = app.entities.find((candidate) => candidate.id === view.entityId);
    if (!view.filter || !entity) return;
    const pair = probeValues(view.filter, entity, context);
    if (!pair) return;
    const match = make(entity, `p${viewIndex}-in`, pair.match);
    const miss = make(entity, `p${viewIndex}-out`, pair.miss);
    probes[view.id] = { match: match.id, miss: miss.id };
    if (view.filter.kind === 'relatedCountBelow') {
      const { relatedEntityId, relatedFieldId } = view.filter;
      const related = app.entities.find((candidate) => candidate.id === relatedEntityId);
      if (!related) return;
      // The match may hold 3 and has 1; the miss may hold 1 and has 2.
      const linked = [match.id, miss.id, miss.id];
      for (const [index, parent] of linked.entries())
        make(related, `p${viewIndex}-rel${index + 1}`, { [relatedFieldId]: parent });
    }
  });

  // References last, once every entity's everyday records exist: they point only at those, so a
  // spare stays unreferenced and a probe's related count stays what its filter needs.
  for (const entity of app.entities) {
    for (const field of entity.fields) {
      if (field.type !== 'reference' || field.referenceEntityId === null) continue;
      const targets = regular[field.referenceEntityId] ?? [];
      // A record of an entity that refers to its own kind never points at itself.
      const shift = field.referenceEntityId === entity.id ? 1 : 0;
      (records[entity.id] ?? []).forEach((record, index) => {
        if (pinned.has(`${record.id} ${field.id}`)) return;
        const values = record.values as Record<string, FieldValue>;
        values[field.id] = targets.length === 0 ? null : (targets[(index + shift) % targets.length] ?? null);
      });
    }
  }
  return { today, records, probes, spares, regular };
}

const isChoice = (field: AppField) => field.type === 'choice' || field.type === 'multiChoice';

function valueFor(entity: AppEntity, field: AppField, index: number, context: Context): FieldValue {
  const title = titleFieldOf(entity);
  const n = index + 1;
  const day = addDays(context.today, dateOffsets[index % dateOffsets.length] ?? 0);
  switch (field.type) {
    case 'text':
      if (field.id !== title?.id) return `${field.name} ${n}`;
      return namesPeople(entity, field)
        ? (samplePeople[index % samplePeople.length] ?? `${entity.name} ${n}`) +
            (index >= samplePeople.length ? ` ${Math.floor(index / samplePeople.length) + 1}` : '')
        : `${entity.name} ${n}`;
    case 'longText':
      return `Notes on ${entity.name.toLowerCase()} ${n}: sample text to show how longer entries read.`;
    case 'number': {
      if (field.range) {
        const span = field.range.max - field.range.min;
        return Math.round(field.range.min + ((index * 0.37 + context.next() * 0.3) % 1) * span);
      }
      return 1 + Math.floor(context.next() * 20);
    }
    case 'money':
      return Math.round((20 + context.next() * 880) * 2) / 2;
    case 'date':
      return day;
    case 'time':
      return times[index % times.length] ?? '09:00';
    case 'dateTime':
      return `${day}T${times[index % times.length] ?? '09:00'}`;
    case 'boolean':
      return index % 3 === 0;
    case 'choice':
      return field.options.length === 0 ? null : (field.options[index % field.options.length] ?? null);
    case 'multiChoice': {
      const count = field.options.length;
      if (count === 0) return [];
      const first = field.options[index % count] ?? '';
      const second = field.options[(index + 1) % count] ?? '';
      return index % 2 === 0 && count > 1 ? [first, second] : [first];
    }
    case 'email': {
      const name = samplePeople[index % samplePeople.length] ?? 'alex kim';
      return `${name.toLowerCase().replace(/\s+/g, '.')}${index >= samplePeople.length ? n : ''}@example.com`;
    }
    case 'phone':
      return `(555) 010-${String(1000 + n * 37).slice(-4)}`;
    case 'url':
      return `https://example.com/${n}`;
    case 'person':
      return samplePeople[index % samplePeople.length] ?? 'Alex Kim';
    case 'reference':
      return null;
  }
}

/** Values that put a record inside / outside a filter; null when no record can be outside it. */
function probeValues(
  filter: AppFilter,
  entity: AppEntity,
  context: Context,
): { match: Record<string, FieldValue>; miss: Record<string, FieldValue> } | null {
  const field = (id: string) => entity.fields.find((candidate) => candidate.id === id);
  const on = (id: string, days: number) =>
    field(id)?.type === 'dateTime' ? `${addDays(context.today, days)}T12:00` : addDays(context.today, days);
  switch (filter.kind) {
    case 'date': {
      const days = filter.days ?? 7;
      const offsets: Record<typeof filter.relation, readonly [inside: number, outside: number]> = {
        before_today: [-1, 7],
        today: [0, 1],
        after_today: [1, -1],
        within_next_days: [1, days + 3],
        within_past_days: [-1, -(days + 3)],
      };
      const [inside, outside] = offsets[filter.relation];
      return {
        match: { [filter.fieldId]: on(filter.fieldId, inside) },
        miss: { [filter.fieldId]: on(filter.fieldId, outside) },
      };
    }
    case 'choice': {
      const target = field(filter.fieldId);
      if (!target) return null;
      const wanted = filter.values[0] ?? '';
      const other = target.options.find((option) => !filter.values.includes(option)) ?? null;
      if (target.type === 'multiChoice')
        return { match: { [target.id]: [wanted] }, miss: { [target.id]: other === null ? [] : [other] } };
      return { match: { [target.id]: wanted }, miss: { [target.id]: other } };
    }
    case 'boolean':
      return { match: { [filter.fieldId]: filter.value }, miss: { [filter.fieldId]: !filter.value } };
    case 'empty': {
      const target = field(filter.fieldId);
      if (!target) return null;
      const empty: FieldValue = target.type === 'multiChoice' ? [] : null;
      const filled = filledValue(entity, target, context);
      if (filled === null) return null;
      return filter.empty
        ? { match: { [target.id]: empty }, miss: { [target.id]: filled } }
        : { match: { [target.id]: filled }, miss: { [target.id]: empty } };
    }
    case 'relatedCountBelow':
      return { match: { [filter.limitFieldId]: 3 }, miss: { [filter.limitFieldId]: 1 } };
    case 'intervalDue':
      return {
        match: { [filter.dateFieldId]: on(filter.dateFieldId, -3), [filter.intervalFieldId]: 2 },
        miss: { [filter.dateFieldId]: on(filter.dateFieldId, -1), [filter.intervalFieldId]: 7 },
      };
  }
}

/** A non-empty value for a field, for "is filled in" (a reference: the first everyday record it can point at). */
function filledValue(entity: AppEntity, field: AppField, context: Context): FieldValue {
  if (field.type === 'reference') return context.regular[field.referenceEntityId ?? '']?.[0] ?? null;
  if (field.type === 'boolean') return true;
  const value = valueFor(entity, field, 0, context);
  if (value === null || (Array.isArray(value) && value.length === 0) || value === '') return null;
  return value;
}
