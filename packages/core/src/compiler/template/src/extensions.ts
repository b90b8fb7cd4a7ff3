import type { ComponentType } from 'react';
import type { AppBlueprint, AppEntity, AppField, AppRecord, FieldValue, RecordValues } from './schema';

/**
 * The compiled app's declared extension points: the only way custom code (files under
 * src/custom/, written by an LLM provider for what the blueprint cannot express) plugs in. The
 * compiler rewrites every other file on each build and keeps src/custom/ as it is, so whatever is
 * registered here survives a recompile after a blueprint change. Ids refer to the blueprint's
 * entities and fields (see blueprint-data.ts); an extension naming an id the blueprint no longer
 * has is ignored, never a crash.
 */

/** What an extension may do with the app's records: the same data adapter the screens use. */
export interface ExtensionData {
  blueprint: AppBlueprint;
  records(entityId: string): readonly AppRecord[];
  create(entityId: string, values: RecordValues): Promise<AppRecord>;
  /** Changes the fields named in `values` and keeps the record's others. */
  update(entityId: string, recordId: string, values: RecordValues): Promise<AppRecord>;
  /** Shows a short message to the person, as the app's own saves do. */
  notify(message: string): void;
}

/** An extra screen, listed in the navigation after the blueprint's views. */
export interface CustomView {
  id: string;
  title: string;
  component: ComponentType<{ data: ExtensionData }>;
}

/**
 * Shows one field's value in tables, cards and details instead of the built-in display. `text` is
 * the value as the app writes it ("1,250.50", a reference's title), to decorate rather than redo.
 */
export type FieldRenderer = ComponentType<{
  field: AppField;
  value: FieldValue;
  text: string;
  record: AppRecord;
  entity: AppEntity;
}>;

/** A button on a record's detail page. */
export interface RecordAction {
  id: string;
  label: string;
  entityId: string;
  run(record: AppRecord, data: ExtensionData): void | Promise<void>;
}

export interface Extensions {
  views?: readonly CustomView[];
  /** By field id. */
  fieldRenderers?: Readonly<Record<string, FieldRenderer>>;
  actions?: readonly RecordAction[];
}
