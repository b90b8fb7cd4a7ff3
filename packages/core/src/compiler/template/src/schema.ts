/**
 * The shape of the data modules: the blueprint as the compiled app reads it (the builder's
 * Blueprint without its provenance) and the records. Types only, no DOM: the builder imports this
 * file too, so the data it writes is checked against the same types the app is written against.
 */

export type FieldType =
  | 'text'
  | 'longText'
  | 'number'
  | 'money'
  | 'date'
  | 'time'
  | 'dateTime'
  | 'boolean'
  | 'choice'
  | 'multiChoice'
  | 'email'
  | 'phone'
  | 'url'
  | 'person'
  | 'reference';

export type ViewKind = 'table' | 'board' | 'calendar' | 'chart' | 'list' | 'detail';

export interface AppField {
  id: string;
  name: string;
  type: FieldType;
  /** Choice / multiChoice options in the person's order (a status field: the statuses in order). */
  options: readonly string[];
  required: boolean;
  referenceEntityId: string | null;
  range: { min: number; max: number } | null;
}

export interface AppEntity {
  id: string;
  name: string;
  pluralName: string;
  fields: readonly AppField[];
  statusFieldId: string | null;
}

export type DateRelation = 'before_today' | 'today' | 'after_today' | 'within_next_days' | 'within_past_days';

export type AppFilter =
  | { kind: 'date'; fieldId: string; relation: DateRelation; days: number | null }
  | { kind: 'choice'; fieldId: string; values: readonly string[] }
  | { kind: 'boolean'; fieldId: string; value: boolean }
  | { kind: 'empty'; fieldId: string; empty: boolean }
  | { kind: 'relatedCountBelow'; relatedEntityId: string; relatedFieldId: string; limitFieldId: string }
  | { kind: 'intervalDue'; dateFieldId: string; intervalFieldId: string };

export interface AppAggregate {
  fn: 'count' | 'sum' | 'average';
  fieldId: string | null;
}

export interface AppView {
  id: string;
  kind: ViewKind;
  title: string;
  entityId: string;
  groupByFieldId: string | null;
  dateFieldId: string | null;
  filter: AppFilter | null;
  aggregate: AppAggregate | null;
}

export interface AppBlueprint {
  title: string;
  summary: string;
  /** Who uses it, in the person's words ("dispatchers", "the finance team"). */
  audience: readonly string[];
  entities: readonly AppEntity[];
  views: readonly AppView[];
}

/** A stored value: text, ISO date / time / dateTime text, number, boolean, option list, or a record id. */
export type FieldValue = string | number | boolean | readonly string[] | null;

export type RecordValues = Readonly<Record<string, FieldValue>>;

export interface AppRecord {
  id: string;
  values: RecordValues;
}

/** The sample dataset: records per entity id, with dates written relative to `today`. */
export interface SampleData {
  /** The day the sample was made (YYYY-MM-DD): the app moves every date by the days since. */
  today: string;
  records: Readonly<Record<string, readonly AppRecord[]>>;
}
