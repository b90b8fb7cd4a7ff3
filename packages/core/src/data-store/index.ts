/*
 * `@app/core/data-store`: the pure rules of an app's data store (SPEC §12) — what a record write
 * may hold for an entity of the app's blueprint, how stored records read in a later version, and
 * the compiled app's own view of a version's blueprint and sample records. Runtime-safe like
 * `@app/core/schemas` (plain TypeScript, no `node:*`), so `@app/db` may import it.
 */
export { createIdMap, toAppBlueprint } from '../compiler/app-blueprint.ts';
export { sampleRecords } from '../compiler/sample-records.ts';
export { matchesFilter } from '../compiler/template/src/logic/filters.ts';
export { sampleAsOf } from '../compiler/template/src/logic/sample.ts';
export type {
  AppBlueprint,
  AppEntity,
  AppField,
  AppFilter,
  AppRecord,
  AppView,
  FieldValue,
  RecordValues,
} from '../compiler/template/src/schema.ts';
export { convertValue, type ReadRecord, readRecord } from './record-read.ts';
export {
  isFieldValue,
  maxTextLength,
  type RecordWriteError,
  type RecordWriteErrorCode,
  type RecordWriteResult,
  referencesOf,
  validateRecordWrite,
} from './record-write.ts';
