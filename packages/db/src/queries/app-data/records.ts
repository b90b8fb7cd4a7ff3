import {
  type AppBlueprint,
  type AppEntity,
  type FieldValue,
  type RecordWriteError,
  readRecord,
  referencesOf,
  validateRecordWrite,
} from '@app/core/data-store';
import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../client.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors.ts';
import { notifyRecordsChanged, recordsChangedNotify } from './changes.ts';
import type { DataScope } from './datasets.ts';
import { RecordValidationError } from './errors.ts';
import { filterCondition } from './filters.ts';

/** A record as the data API returns it: values read through the scope's blueprint. */
export interface StoredRecord {
  id: string;
  entityId: string;
  values: Record<string, FieldValue>;
  /** Field ids stored on the record that this blueprint no longer shows. */
  hidden: string[];
  version: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A page of at most this many records: a list of 1,000 is one request (~430 KB of JSON). */
export const maxPageSize = 1_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function entityOf(blueprint: AppBlueprint, entityId: string): AppEntity {
  const entity = blueprint.entities.find((candidate) => candidate.id === entityId);
  if (!entity) throw new NotFoundError(`This app has no entity "${entityId}"`);
  return entity;
}

interface RecordRow {
  id: string;
  entity_id: string;
  values: Record<string, unknown>;
  version: number;
  created_by: string | null;
  updated_by: string | null;
  /** A Date, or (from a list) Postgres' own UTC text with microseconds: see `utcText`. */
  created_at: Date | string;
  updated_at: Date | string;
}

function toStored(entity: AppEntity, row: RecordRow): StoredRecord {
  const read = readRecord(entity, row.values);
  return {
    id: row.id,
    entityId: row.entity_id,
    values: read.values,
    hidden: read.hidden,
    version: row.version,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
  };
}

/**
 * A timestamp as `YYYY-MM-DDTHH:MM:SS.uuuuuu` in UTC, made by Postgres. A list reads its times this
 * way rather than as Dates: parsing two Dates per row and printing them again was a large share of
 * a 500-record page's CPU. Cut to milliseconds + `Z` it is what `Date#toISOString` prints.
 */
const utcText = (column: 'created_at' | 'updated_at') =>
  sql<string>`to_char(${sql.ref(`r.${column}`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

function isoOf(value: Date | string): string {
  return typeof value === 'string' ? `${value.slice(0, 23)}Z` : value.toISOString();
}

const recordColumns = [
  'r.id',
  'r.entity_id',
  'r.values',
  'r.version',
  'r.created_by',
  'r.updated_by',
  'r.created_at',
  'r.updated_at',
] as const;
const insertedColumns = [
  'id',
  'entity_id',
  'values',
  'version',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
] as const;

export interface ListRecordsInput {
  entityId: string;
  /** A view of the blueprint on this entity: only the records its filter lists. */
  viewId?: string | null;
  /** A field of the entity to sort by (else creation order). */
  sort?: { fieldId: string; direction: 'asc' | 'desc' } | null;
  cursor?: string | null;
  limit?: number;
  /** The viewer's day (YYYY-MM-DD) for date filters. */
  today: string;
}

/**
 * One page of an entity's records, keyset-paged: the cursor holds the last row's sort key, its
 * creation time (as Postgres text, microseconds kept — a JS Date would round them and skip or
 * repeat rows) and its id, so pages stay exact while others create records.
 */
export async function listRecords(
  db: DbOrTrx,
  scope: DataScope,
  input: ListRecordsInput,
): Promise<{ records: StoredRecord[]; nextCursor: string | null }> {
  const entity = entityOf(scope.blueprint, input.entityId);
  const view = input.viewId ? scope.blueprint.views.find((candidate) => candidate.id === input.viewId) : null;
  if (input.viewId && (!view || view.entityId !== entity.id))
    throw new InvalidInputError('filter', `No view "${input.viewId}" lists ${entity.pluralName}`);
  if (input.sort && !entity.fields.some((field) => field.id === input.sort?.fieldId))
    throw new InvalidInputError('sort', `${entity.name} has no field "${input.sort.fieldId}"`);
  const limit = Math.min(Math.max(1, input.limit ?? 100), maxPageSize);
  const sortKey = input.sort ? sql`coalesce(r."values" -> ${input.sort.fieldId}::text, 'null'::jsonb)` : null;
  const descending = input.sort?.direction === 'desc';
  const cursor = input.cursor ? decodeCursor(input.cursor, sortKey !== null) : null;

  let query = db
    .selectFrom('app_records as r')
    .select(['r.id', 'r.entity_id', 'r.values', 'r.version', 'r.created_by', 'r.updated_by'])
    .select([utcText('created_at').as('created_at'), utcText('updated_at').as('updated_at')])
    .where('r.app_id', '=', scope.appId)
    .where('r.dataset', '=', scope.dataset)
    .where('r.entity_id', '=', entity.id);
  if (view?.filter) query = query.where(filterCondition(view.filter, input.today));
  if (sortKey) {
    query = query.select(sql<string>`(${sortKey})::text`.as('cursor_key'));
    if (cursor) {
      const after = sql`(${sortKey}, r.created_at, r.id)`;
      const last = sql`(${cursor.key ?? 'null'}::jsonb, ${cursor.at}::timestamp at time zone 'UTC', ${cursor.id}::uuid)`;
      query = query.where(descending ? sql<boolean>`${after} < ${last}` : sql<boolean>`${after} > ${last}`);
    }
    const direction = descending ? sql`desc` : sql`asc`;
    query = query
      .orderBy(sql`${sortKey} ${direction}`)
      .orderBy(sql`r.created_at ${direction}`)
      .orderBy(sql`r.id ${direction}`);
  } else {
    if (cursor)
      query = query.where(
        sql<boolean>`(r.created_at, r.id) > (${cursor.at}::timestamp at time zone 'UTC', ${cursor.id}::uuid)`,
      );
    query = query.orderBy('r.created_at').orderBy('r.id');
  }
  const rows = await query.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          at: last.created_at,
          id: last.id,
          key: 'cursor_key' in last ? (last.cursor_key as string) : undefined,
        })
      : null;
  return { records: page.map((row) => toStored(entity, row)), nextCursor };
}

interface Cursor {
  at: string;
  id: string;
  key?: string | undefined;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, sorted: boolean): Cursor {
  const invalid = new InvalidInputError('cursor', 'This page link is not valid: start from the first page');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid;
  const { at, id, key } = parsed as Record<string, unknown>;
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/.test(at)) throw invalid;
  if (typeof id !== 'string' || !uuidPattern.test(id)) throw invalid;
  if (sorted) {
    if (typeof key !== 'string') throw invalid;
    try {
      JSON.parse(key);
    } catch {
      throw invalid;
    }
    return { at, id, key };
  }
  return { at, id };
}

export async function getRecord(
  db: DbOrTrx,
  scope: DataScope,
  input: { entityId: string; recordId: string },
): Promise<StoredRecord> {
  const entity = entityOf(scope.blueprint, input.entityId);
  const row = await findRow(db, scope, entity.id, input.recordId, false);
  if (!row) throw new NotFoundError('Record not found');
  return toStored(entity, row);
}

async function findRow(db: DbOrTrx, scope: DataScope, entityId: string, recordId: string, lock: boolean) {
  if (!uuidPattern.test(recordId)) return undefined;
  const query = db
    .selectFrom('app_records as r')
    .select(recordColumns)
    .where('r.id', '=', recordId)
    .where('r.app_id', '=', scope.appId)
    .where('r.dataset', '=', scope.dataset)
    .where('r.entity_id', '=', entityId);
  return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/**
 * Each reference must name a record of the referenced entity in the same app and dataset: a
 * preview's record can never point at a live one, nor one app's at another's. `for key share`
 * keeps the referenced record from being deleted before this write commits.
 */
async function checkReferences(
  trx: Trx,
  scope: DataScope,
  entity: AppEntity,
  values: Record<string, unknown>,
) {
  const errors: RecordWriteError[] = [];
  for (const { field, recordId } of referencesOf(entity, values)) {
    const target = scope.blueprint.entities.find((candidate) => candidate.id === field.referenceEntityId);
    const found =
      uuidPattern.test(recordId) &&
      (await trx
        .selectFrom('app_records')
        .select('id')
        .where('id', '=', recordId)
        .where('app_id', '=', scope.appId)
        .where('dataset', '=', scope.dataset)
        .where('entity_id', '=', field.referenceEntityId ?? '')
        .forKeyShare()
        .executeTakeFirst());
    if (!found)
      errors.push({
        code: 'invalid',
        fieldId: field.id,
        message: `${field.name} must be one of the ${target?.pluralName ?? 'records'} in this app`,
      });
  }
  if (errors.length > 0) throw new RecordValidationError(errors);
}

export async function createRecord(
  db: DbOrTrx,
  scope: DataScope,
  input: { entityId: string; values: unknown; actorId: string | null },
): Promise<StoredRecord> {
  const entity = entityOf(scope.blueprint, input.entityId);
  const result = validateRecordWrite(entity, input.values, null);
  if (!result.ok) throw new RecordValidationError(result.errors);
  // Nothing to look up first: the record and its audit row in one statement, which commits or
  // fails as a whole like the transaction below, in one round trip instead of four.
  if (referencesOf(entity, result.values).length === 0) {
    const row = await db
      .with('inserted', (cte) =>
        cte
          .insertInto('app_records')
          .values({
            app_id: scope.appId,
            dataset: scope.dataset,
            entity_id: entity.id,
            values: JSON.stringify(result.values),
            created_by: input.actorId,
            updated_by: input.actorId,
          })
          .returning(insertedColumns),
      )
      .with('audited', (cte) =>
        cte
          .insertInto('app_record_audit')
          .columns(['record_id', 'app_id', 'dataset', 'entity_id', 'actor_id', 'action', 'before', 'after'])
          .expression((eb) =>
            eb
              .selectFrom('inserted')
              .select([
                'inserted.id',
                sql<string>`${scope.appId}::uuid`.as('app_id'),
                sql<string>`${scope.dataset}::text`.as('dataset'),
                'inserted.entity_id',
                sql<string | null>`${input.actorId}::uuid`.as('actor_id'),
                sql<'create'>`'create'`.as('action'),
                sql<null>`null::jsonb`.as('before'),
                'inserted.values',
              ]),
          ),
      )
      .selectFrom('inserted')
      .selectAll()
      // The live-update notification rides in the same statement (so the same transaction), one
      // per inserted row — there is exactly one.
      .select(recordsChangedNotify(scope).as('notified'))
      .executeTakeFirstOrThrow();
    return toStored(entity, row);
  }
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, scope, entity, result.values);
    const row = await trx
      .insertInto('app_records')
      .values({
        app_id: scope.appId,
        dataset: scope.dataset,
        entity_id: entity.id,
        values: JSON.stringify(result.values),
        created_by: input.actorId,
        updated_by: input.actorId,
      })
      .returning(insertedColumns)
      .executeTakeFirstOrThrow();
    await audit(trx, scope, {
      recordId: row.id,
      entityId: entity.id,
      actorId: input.actorId,
      action: 'create',
      before: null,
      after: row.values,
    });
    await notifyRecordsChanged(trx, scope);
    return toStored(entity, row);
  });
}

/**
 * Applies a write made from `expectedVersion`. The row is locked first, so two people saving the
 * same record serialise here: the second finds the version moved on and gets ConflictError, never
 * silently overwriting what the first saved.
 */
export async function updateRecord(
  db: DbOrTrx,
  scope: DataScope,
  input: {
    entityId: string;
    recordId: string;
    expectedVersion: number;
    values: unknown;
    actorId: string | null;
  },
): Promise<StoredRecord> {
  const entity = entityOf(scope.blueprint, input.entityId);
  return db.transaction().execute(async (trx) => {
    const current = await findRow(trx, scope, entity.id, input.recordId, true);
    if (!current) throw new NotFoundError('Record not found');
    if (current.version !== input.expectedVersion)
      throw new ConflictError(
        'Someone else changed this record since you opened it: reload to see their changes',
      );
    const result = validateRecordWrite(entity, input.values, current.values);
    if (!result.ok) throw new RecordValidationError(result.errors);
    await checkReferences(trx, scope, entity, result.values);
    const row = await trx
      .updateTable('app_records as r')
      .set({
        values: JSON.stringify(result.values),
        version: sql`r.version + 1`,
        updated_by: input.actorId,
        updated_at: sql`clock_timestamp()`,
      })
      .where('r.id', '=', current.id)
      .returning(recordColumns)
      .executeTakeFirstOrThrow();
    await audit(trx, scope, {
      recordId: row.id,
      entityId: entity.id,
      actorId: input.actorId,
      action: 'update',
      before: current.values,
      after: row.values,
    });
    await notifyRecordsChanged(trx, scope);
    return toStored(entity, row);
  });
}

/**
 * Deletes a record; with `expectedVersion`, only if nobody changed it since (else ConflictError).
 * Records that point at it lose that reference in the same transaction (each an audited update,
 * its version moved on), as a linked record's cell empties in a spreadsheet-like tool: a reference
 * to nothing would show blank and refuse every later save of that record.
 */
export async function deleteRecord(
  db: DbOrTrx,
  scope: DataScope,
  input: { entityId: string; recordId: string; expectedVersion?: number | null; actorId: string | null },
): Promise<void> {
  const entity = entityOf(scope.blueprint, input.entityId);
  await db.transaction().execute(async (trx) => {
    const current = await findRow(trx, scope, entity.id, input.recordId, true);
    if (!current) throw new NotFoundError('Record not found');
    if (input.expectedVersion != null && current.version !== input.expectedVersion)
      throw new ConflictError(
        'Someone else changed this record since you opened it: reload to see their changes',
      );
    await trx.deleteFrom('app_records').where('id', '=', current.id).execute();
    await audit(trx, scope, {
      recordId: current.id,
      entityId: entity.id,
      actorId: input.actorId,
      action: 'delete',
      before: current.values,
      after: null,
    });
    await clearReferencesTo(trx, scope, {
      entityId: entity.id,
      recordId: current.id,
      actorId: input.actorId,
    });
    // One notification covers the delete and every reference it cleared (same dataset).
    await notifyRecordsChanged(trx, scope);
  });
}

/** Empties every reference field of the scope's blueprint that names the deleted record. */
async function clearReferencesTo(
  trx: Trx,
  scope: DataScope,
  deleted: { entityId: string; recordId: string; actorId: string | null },
): Promise<void> {
  for (const referencing of scope.blueprint.entities) {
    for (const field of referencing.fields) {
      if (field.type !== 'reference' || field.referenceEntityId !== deleted.entityId) continue;
      const rows = await trx
        .selectFrom('app_records as r')
        .select(['r.id', 'r.values'])
        .where('r.app_id', '=', scope.appId)
        .where('r.dataset', '=', scope.dataset)
        .where('r.entity_id', '=', referencing.id)
        .where(sql<string>`r.values ->> ${field.id}`, '=', deleted.recordId)
        .forUpdate()
        .execute();
      for (const row of rows) {
        const after = { ...row.values };
        delete after[field.id];
        await trx
          .updateTable('app_records as r')
          .set({
            values: JSON.stringify(after),
            version: sql`r.version + 1`,
            updated_by: deleted.actorId,
            updated_at: sql`clock_timestamp()`,
          })
          .where('r.id', '=', row.id)
          .execute();
        await audit(trx, scope, {
          recordId: row.id,
          entityId: referencing.id,
          actorId: deleted.actorId,
          action: 'update',
          before: row.values,
          after,
        });
      }
    }
  }
}

async function audit(
  trx: Trx,
  scope: DataScope,
  entry: {
    recordId: string;
    entityId: string;
    actorId: string | null;
    action: 'create' | 'update' | 'delete';
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
): Promise<void> {
  await trx
    .insertInto('app_record_audit')
    .values({
      record_id: entry.recordId,
      app_id: scope.appId,
      dataset: scope.dataset,
      entity_id: entry.entityId,
      actor_id: entry.actorId,
      action: entry.action,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditEntry {
  id: number;
  action: 'create' | 'update' | 'delete';
  actorId: string | null;
  actorEmail: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

/** A record's trail, oldest first (kept after the record is deleted). */
export async function listRecordAudit(
  db: DbOrTrx,
  scope: Pick<DataScope, 'appId' | 'dataset'>,
  recordId: string,
): Promise<AuditEntry[]> {
  if (!uuidPattern.test(recordId)) return [];
  const rows = await db
    .selectFrom('app_record_audit as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.action', 'a.actor_id', 'u.email', 'a.before', 'a.after', 'a.at'])
    .where('a.record_id', '=', recordId)
    .where('a.app_id', '=', scope.appId)
    .where('a.dataset', '=', scope.dataset)
    .orderBy('a.id')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    actorId: row.actor_id,
    actorEmail: row.email,
    before: row.before,
    after: row.after,
    at: row.at.toISOString(),
  }));
}
