import { z } from 'zod';

/**
 * The blueprint (docs/architecture.md#shapes): the typed design of the app — what the interview works on and the one
 * input of generation. Runtime-safe (zod only), so the SPA and the db layer may import it.
 *
 * Optional parts are `.nullable()`, never `.optional()`, so the same schema is an OpenAI strict
 * structured-output schema. Names are the person's words, title-cased; every element links to
 * the ledger facts it came from (`sourceFactIds`; empty = assumed by the builder).
 */

export const fieldTypes = [
  'text',
  'longText',
  'number',
  'money',
  'date',
  'time',
  'dateTime',
  'boolean',
  'choice',
  'multiChoice',
  'email',
  'phone',
  'url',
  'person',
  'reference',
] as const;
export const FieldType = z.enum(fieldTypes);
export type FieldType = z.infer<typeof FieldType>;

export const viewKinds = ['table', 'board', 'calendar', 'chart', 'list', 'detail'] as const;
export const ViewKind = z.enum(viewKinds);
export type ViewKind = z.infer<typeof ViewKind>;

const SourceFactIds = z.array(z.string());

/** "scored 1 to 10": the inclusive bounds of a number field. */
export const NumberRange = z.object({ min: z.number(), max: z.number() });
export type NumberRange = z.infer<typeof NumberRange>;

export const Field = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(120),
  type: FieldType,
  /** Choice / multiChoice options in the person's order; for a status field, the statuses in order. */
  options: z.array(z.string().min(1).max(120)).max(50),
  required: z.boolean(),
  /** The entity a `reference` field points at; null for every other type. */
  referenceEntityId: z.string().nullable(),
  range: NumberRange.nullable(),
  sourceFactIds: SourceFactIds,
});
export type Field = z.infer<typeof Field>;

export const Entity = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(120),
  pluralName: z.string().min(1).max(120),
  fields: z.array(Field).max(80),
  /** The choice field that is this entity's workflow (a status workflow is a choice field whose options are the statuses in order). */
  statusFieldId: z.string().nullable(),
  sourceFactIds: SourceFactIds,
});
export type Entity = z.infer<typeof Entity>;

/**
 * The condition of a filtered view ("Past due", "Classes with free seats", "Out right now").
 * Dates are compared with the viewer's today.
 */
export const ViewFilter = z.discriminatedUnion('kind', [
  /** A date field relative to today: before / on / after today, or within the next / past N days. */
  z.object({
    kind: z.literal('date'),
    fieldId: z.string(),
    relation: z.enum(['before_today', 'today', 'after_today', 'within_next_days', 'within_past_days']),
    days: z.number().int().positive().nullable(),
  }),
  /** A choice field holding one of these options ("which tools are out" → Status is Out). */
  z.object({ kind: z.literal('choice'), fieldId: z.string(), values: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('boolean'), fieldId: z.string(), value: z.boolean() }),
  /** A field that is empty / filled in ("loans not returned yet" → Returned On is empty). */
  z.object({ kind: z.literal('empty'), fieldId: z.string(), empty: z.boolean() }),
  /**
   * Fewer related records than a number field of the record itself ("classes that still have free
   * seats": Bookings whose Class is this one, fewer than Seats).
   */
  z.object({
    kind: z.literal('relatedCountBelow'),
    relatedEntityId: z.string(),
    relatedFieldId: z.string(),
    limitFieldId: z.string(),
  }),
  /** A date plus an interval in days has come ("plants that need water today"). */
  z.object({ kind: z.literal('intervalDue'), dateFieldId: z.string(), intervalFieldId: z.string() }),
]);
export type ViewFilter = z.infer<typeof ViewFilter>;

export const Aggregate = z.object({
  fn: z.enum(['count', 'sum', 'average']),
  /** The number / money field summed or averaged; null for `count`. */
  fieldId: z.string().nullable(),
});
export type Aggregate = z.infer<typeof Aggregate>;

export const View = z.object({
  id: z.string().min(1),
  kind: ViewKind,
  title: z.string().min(1).max(120),
  entityId: z.string(),
  /** Board columns / chart groups. */
  groupByFieldId: z.string().nullable(),
  /** The calendar's date field. */
  dateFieldId: z.string().nullable(),
  filter: ViewFilter.nullable(),
  aggregate: Aggregate.nullable(),
  sourceFactIds: SourceFactIds,
});
export type View = z.infer<typeof View>;

export const Audience = z.object({ name: z.string().min(1).max(120), sourceFactIds: SourceFactIds });
export type Audience = z.infer<typeof Audience>;

export const Sharing = z.enum(['shared', 'private']);
export type Sharing = z.infer<typeof Sharing>;

export const Blueprint = z.object({
  // The app's title is whatever the person typed ("Rename it to …" keeps every character up to the
  // end of the sentence), so it is allowed a sentence's length, not a name's.
  title: z.string().min(1).max(1_000),
  summary: z.string().max(2_000),
  audience: z.array(Audience).max(20),
  sharing: Sharing,
  /** Where the sharing choice came from; empty while it is only the builder's default. */
  sharingSourceFactIds: SourceFactIds,
  entities: z.array(Entity).max(30),
  views: z.array(View).max(60),
});
export type Blueprint = z.infer<typeof Blueprint>;

/** An empty design: what the interview starts from before anything is understood. */
export function emptyBlueprint(title = 'New App'): Blueprint {
  return {
    title,
    summary: '',
    audience: [],
    sharing: 'shared',
    sharingSourceFactIds: [],
    entities: [],
    views: [],
  };
}
