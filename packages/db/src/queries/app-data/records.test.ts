import { type AppBlueprint, type AppRecord, matchesFilter, readRecord } from '@app/core/data-store';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors.ts';
import { createUserWithJob } from '../../testing/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/index.ts';
import { insertVersion } from '../versions.ts';
import { type DataScope, ensurePreviewDataset, liveDataset, previewDataset } from './datasets.ts';
import { RecordValidationError } from './errors.ts';
import {
  createRecord,
  deleteRecord,
  getRecord,
  listRecordAudit,
  listRecords,
  updateRecord,
} from './records.ts';

const f = (id: string, name: string, type: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  ...extra,
});
const view = (id: string, entityId: string, filter: unknown) => ({
  id,
  kind: 'list',
  title: id,
  entityId,
  groupByFieldId: null,
  dateFieldId: null,
  filter,
  aggregate: null,
});

/** Every filter kind of the template, on two entities that refer to each other. */
const blueprint = {
  title: 'Classes',
  summary: '',
  audience: [],
  entities: [
    {
      id: 'class',
      name: 'Class',
      pluralName: 'Classes',
      statusFieldId: null,
      fields: [
        f('class-name', 'Name', 'text', { required: true }),
        f('class-starts', 'Starts', 'date'),
        f('class-seats', 'Seats', 'number'),
        f('class-level', 'Level', 'choice', { options: ['Beginner', 'Advanced'] }),
        f('class-tags', 'Tags', 'multiChoice', { options: ['Outdoor', 'Kids'] }),
        f('class-open', 'Open', 'boolean'),
        f('class-note', 'Note', 'text'),
        f('class-every', 'Every (Days)', 'number'),
      ],
    },
    {
      id: 'booking',
      name: 'Booking',
      pluralName: 'Bookings',
      statusFieldId: null,
      fields: [
        f('booking-who', 'Who', 'text', { required: true }),
        f('booking-class', 'Class', 'reference', { referenceEntityId: 'class', required: true }),
      ],
    },
  ],
  views: [
    view('past', 'class', { kind: 'date', fieldId: 'class-starts', relation: 'before_today', days: null }),
    view('today', 'class', { kind: 'date', fieldId: 'class-starts', relation: 'today', days: null }),
    view('later', 'class', { kind: 'date', fieldId: 'class-starts', relation: 'after_today', days: null }),
    view('soon', 'class', { kind: 'date', fieldId: 'class-starts', relation: 'within_next_days', days: 3 }),
    view('recent', 'class', {
      kind: 'date',
      fieldId: 'class-starts',
      relation: 'within_past_days',
      days: null,
    }),
    view('beginner', 'class', { kind: 'choice', fieldId: 'class-level', values: ['Beginner'] }),
    view('kids', 'class', { kind: 'choice', fieldId: 'class-tags', values: ['Kids'] }),
    view('open', 'class', { kind: 'boolean', fieldId: 'class-open', value: true }),
    view('closed', 'class', { kind: 'boolean', fieldId: 'class-open', value: false }),
    view('no-note', 'class', { kind: 'empty', fieldId: 'class-note', empty: true }),
    view('noted', 'class', { kind: 'empty', fieldId: 'class-note', empty: false }),
    view('free', 'class', {
      kind: 'relatedCountBelow',
      relatedEntityId: 'booking',
      relatedFieldId: 'booking-class',
      limitFieldId: 'class-seats',
    }),
    view('due', 'class', {
      kind: 'intervalDue',
      dateFieldId: 'class-starts',
      intervalFieldId: 'class-every',
    }),
    view('bookings', 'booking', null),
  ],
} as AppBlueprint;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

async function liveScope(): Promise<DataScope & { userId: string }> {
  const { user, app } = await createUserWithJob(database.db);
  return { appId: app.id, dataset: liveDataset, blueprint, userId: user.id };
}

const today = '2025-03-10';

describe('app records', () => {
  it('filters in SQL exactly as the compiled app’s matchesFilter does, on the same records', async () => {
    const scope = await liveScope();
    const dates = [
      null,
      '',
      'soon',
      '2025-03-09',
      '2025-03-10',
      '2025-03-11',
      '2025-03-13',
      '2025-03-14',
      '2025-03-03',
      '2025-02-30',
      '2025-03-10T09:00',
    ];
    const classes: AppRecord[] = [];
    for (let index = 0; index < 33; index += 1) {
      const created = await createRecord(database.db, scope, {
        entityId: 'class',
        actorId: scope.userId,
        values: {
          'class-name': `Class ${index}`,
          'class-starts': index % 11 === 2 ? null : dates[index % dates.length],
          'class-seats': index % 4 === 0 ? null : index % 4,
          'class-level': [null, 'Beginner', 'Advanced'][index % 3],
          'class-tags': [[], ['Kids'], ['Outdoor', 'Kids'], ['Outdoor']][index % 4],
          'class-open': index % 5 === 0 ? null : index % 2 === 0,
          'class-note': [null, '', 'bring water'][index % 3],
          'class-every': index % 6 === 0 ? null : index % 6,
        },
      }).catch((error: unknown) => {
        // 'soon' is not a date: the store refuses it like the app's form does.
        expect(error).toBeInstanceOf(RecordValidationError);
        return null;
      });
      if (created) classes.push({ id: created.id, values: created.values });
    }
    expect(classes.length).toBeGreaterThan(25);
    const bookings: AppRecord[] = [];
    for (let index = 0; index < 20; index += 1) {
      const target = classes[(index * 7) % 6];
      if (!target) continue;
      const booking = await createRecord(database.db, scope, {
        entityId: 'booking',
        actorId: scope.userId,
        values: { 'booking-who': `P${index}`, 'booking-class': target.id },
      });
      bookings.push({ id: booking.id, values: booking.values });
    }
    const recordsOf = (entityId: string) => (entityId === 'booking' ? bookings : classes);
    for (const candidate of blueprint.views.filter((v) => v.entityId === 'class')) {
      const filter = candidate.filter;
      if (!filter) continue;
      const expected = classes
        .filter((record) => matchesFilter(filter, record, today, recordsOf))
        .map((r) => r.id);
      const listed = await listRecords(database.db, scope, {
        entityId: 'class',
        viewId: candidate.id,
        today,
        limit: 500,
      });
      expect(listed.records.map((r) => r.id).sort(), candidate.id).toEqual([...expected].sort());
      expect(expected.length, `${candidate.id} is a real test`).toBeLessThan(classes.length);
    }
  });

  it('pages with a cursor and sorts by a field, stable under equal keys', async () => {
    const scope = await liveScope();
    for (let index = 0; index < 25; index += 1)
      await createRecord(database.db, scope, {
        entityId: 'class',
        actorId: scope.userId,
        values: { 'class-name': `C${index}`, 'class-seats': index % 4 },
      });
    const collect = async (sort: { fieldId: string; direction: 'asc' | 'desc' } | null) => {
      const ids: string[] = [];
      const seats: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listRecords>> = await listRecords(database.db, scope, {
          entityId: 'class',
          today,
          limit: 7,
          cursor,
          sort,
        });
        ids.push(...page.records.map((r) => r.id));
        seats.push(...page.records.map((r) => r.values['class-seats']));
        cursor = page.nextCursor;
      } while (cursor);
      return { ids, seats };
    };
    const plain = await collect(null);
    expect(plain.ids).toHaveLength(25);
    expect(new Set(plain.ids).size).toBe(25);
    const sorted = await collect({ fieldId: 'class-seats', direction: 'desc' });
    expect(new Set(sorted.ids).size).toBe(25);
    expect(sorted.seats).toEqual([...sorted.seats].sort((a, b) => Number(b) - Number(a)));
    await expect(
      listRecords(database.db, scope, { entityId: 'class', today, cursor: 'bogus' }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      listRecords(database.db, scope, {
        entityId: 'class',
        today,
        sort: { fieldId: 'nope', direction: 'asc' },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(listRecords(database.db, scope, { entityId: 'nope', today })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses a stale version with a conflict, keeps the first write, and audits each change', async () => {
    const scope = await liveScope();
    const created = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Yoga' },
    });
    const first = await updateRecord(database.db, scope, {
      entityId: 'class',
      recordId: created.id,
      expectedVersion: 1,
      actorId: scope.userId,
      values: { 'class-name': 'Yoga 2' },
    });
    expect(first.version).toBe(2);
    await expect(
      updateRecord(database.db, scope, {
        entityId: 'class',
        recordId: created.id,
        expectedVersion: 1,
        actorId: scope.userId,
        values: { 'class-name': 'Stale' },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(
      (await getRecord(database.db, scope, { entityId: 'class', recordId: created.id })).values['class-name'],
    ).toBe('Yoga 2');
    await expect(
      deleteRecord(database.db, scope, {
        entityId: 'class',
        recordId: created.id,
        expectedVersion: 1,
        actorId: scope.userId,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await deleteRecord(database.db, scope, {
      entityId: 'class',
      recordId: created.id,
      expectedVersion: 2,
      actorId: scope.userId,
    });
    await expect(
      getRecord(database.db, scope, { entityId: 'class', recordId: created.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const trail = await listRecordAudit(database.db, scope, created.id);
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'update', 'delete']);
    expect(trail[1]?.before?.['class-name']).toBe('Yoga');
    expect(trail[1]?.after?.['class-name']).toBe('Yoga 2');
    expect(trail[2]?.after).toBeNull();
    expect(trail[0]?.actorEmail).toMatch(/@example\.com$/);
  });

  it('a create writes its record and audit row as one statement; a listed record reads as getRecord does', async () => {
    const scope = await liveScope();
    const created = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Pottery', 'class-seats': 8 },
    });
    const trail = await listRecordAudit(database.db, scope, created.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', actorId: scope.userId, before: null });
    expect(trail[0]?.after).toMatchObject({ 'class-name': 'Pottery', 'class-seats': 8 });
    // A list reads its times as Postgres text: the same instants, printed as toISOString does.
    const { records } = await listRecords(database.db, scope, { entityId: 'class', today });
    const fetched = await getRecord(database.db, scope, { entityId: 'class', recordId: created.id });
    expect(records).toEqual([fetched]);
    expect(records[0]?.createdAt).toBe(created.createdAt);
    expect(records[0]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // The record's insert fails (a dataset the table refuses): no audit row is left behind.
    const broken = { ...scope, dataset: 'elsewhere' as DataScope['dataset'] };
    await expect(
      createRecord(database.db, broken, {
        entityId: 'class',
        actorId: scope.userId,
        values: { 'class-name': 'X' },
      }),
    ).rejects.toThrow(/check constraint/);
    const orphans = await database.db
      .selectFrom('app_record_audit')
      .select('id')
      .where('app_id', '=', scope.appId)
      .where('dataset', '=', 'elsewhere')
      .execute();
    expect(orphans).toEqual([]);
  });

  it('concurrent saves from the same version: exactly one wins', async () => {
    const scope = await liveScope();
    const created = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Yoga' },
    });
    const results = await Promise.allSettled(
      ['A', 'B', 'C', 'D'].map((name) =>
        updateRecord(database.db, scope, {
          entityId: 'class',
          recordId: created.id,
          expectedVersion: 1,
          actorId: scope.userId,
          values: { 'class-name': name },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(
      3,
    );
  });

  it('checks references against the same app and dataset, naming the field', async () => {
    const scope = await liveScope();
    const other = await liveScope();
    const mine = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Mine' },
    });
    const theirs = await createRecord(database.db, other, {
      entityId: 'class',
      actorId: other.userId,
      values: { 'class-name': 'Theirs' },
    });
    const booking = await createRecord(database.db, scope, {
      entityId: 'booking',
      actorId: scope.userId,
      values: { 'booking-who': 'Ana', 'booking-class': mine.id },
    });
    expect(booking.values['booking-class']).toBe(mine.id);
    const refused = (classId: string, target = scope) =>
      createRecord(database.db, target, {
        entityId: 'booking',
        actorId: scope.userId,
        values: { 'booking-who': 'Ana', 'booking-class': classId },
      }).then(
        () => null,
        (error: unknown) => error,
      );
    for (const error of [
      await refused(theirs.id),
      await refused('not-a-uuid'),
      await refused(mine.id, { ...scope, dataset: previewDataset(crypto.randomUUID()) }),
    ]) {
      expect(error).toBeInstanceOf(RecordValidationError);
      expect((error as RecordValidationError).errors[0]).toMatchObject({
        fieldId: 'booking-class',
        message: 'Class must be one of the Classes in this app',
      });
    }
    const wrongEntity = await refused(booking.id);
    expect(wrongEntity).toBeInstanceOf(RecordValidationError);
  });

  it('deleting a record empties the references to it (audited), so those records save again', async () => {
    const scope = await liveScope();
    const spin = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Spin' },
    });
    const yoga = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Yoga' },
    });
    const book = (who: string, classId: string) =>
      createRecord(database.db, scope, {
        entityId: 'booking',
        actorId: scope.userId,
        values: { 'booking-who': who, 'booking-class': classId },
      });
    const [ana, ben, cy] = [
      await book('Ana', spin.id),
      await book('Ben', spin.id),
      await book('Cy', yoga.id),
    ];
    await deleteRecord(database.db, scope, { entityId: 'class', recordId: spin.id, actorId: scope.userId });

    const bookingNow = async (id: string) =>
      getRecord(database.db, scope, { entityId: 'booking', recordId: id });
    for (const booking of [ana, ben]) {
      const cleared = await bookingNow(booking.id);
      expect(cleared.values['booking-class'] ?? null).toBeNull();
      expect(cleared.values['booking-who']).toBe(booking.values['booking-who']);
      expect(cleared.version).toBe(booking.version + 1);
      const trail = await listRecordAudit(database.db, scope, booking.id);
      expect(trail.map((entry) => entry.action)).toEqual(['create', 'update']);
      expect(trail.at(-1)).toMatchObject({ actorId: scope.userId });
      // Saving it again works: nothing points at a record that is gone.
      await updateRecord(database.db, scope, {
        entityId: 'booking',
        recordId: booking.id,
        expectedVersion: cleared.version,
        values: { 'booking-who': `${booking.values['booking-who']} (moved)` },
        actorId: scope.userId,
      });
    }
    // A booking of another class, and the same class in another dataset, are untouched.
    expect((await bookingNow(cy.id)).values['booking-class']).toBe(yoga.id);
    expect((await bookingNow(cy.id)).version).toBe(cy.version);
  });

  it('seeds each version’s preview dataset once from its sample records, apart from live and from each other', async () => {
    const scope = await liveScope();
    const live = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Live class' },
    });
    const versionIds: string[] = [];
    for (let index = 0; index < 2; index += 1) {
      const version = await database.db
        .transaction()
        .execute((trx) =>
          insertVersion(trx, { appId: scope.appId, request: 'r', ledger: [], plan: [], files: [] }),
        );
      versionIds.push(version.id);
    }
    const [first, second] = versionIds as [string, string];
    await Promise.all(
      [1, 2, 3].map(() =>
        ensurePreviewDataset(database.db, { appId: scope.appId, versionId: first, blueprint, today }),
      ),
    );
    const previewScope = { ...scope, dataset: previewDataset(first) };
    const seeded = await listRecords(database.db, previewScope, { entityId: 'class', today, limit: 500 });
    expect(seeded.records.length).toBeGreaterThanOrEqual(5);
    expect(seeded.records.map((r) => r.values['class-name'])).not.toContain('Live class');
    // References were rewritten to the seeded records' ids: every booking names a seeded class.
    const bookings = await listRecords(database.db, previewScope, { entityId: 'booking', today, limit: 500 });
    const classIds = new Set(seeded.records.map((r) => r.id));
    expect(bookings.records.length).toBeGreaterThan(0);
    for (const booking of bookings.records)
      expect(classIds.has(String(booking.values['booking-class']))).toBe(true);
    // Deleting every sample record in a preview does not bring them back, and live is untouched.
    for (const record of [...bookings.records, ...seeded.records])
      await deleteRecord(database.db, previewScope, {
        entityId: record.entityId,
        recordId: record.id,
        actorId: scope.userId,
      });
    await ensurePreviewDataset(database.db, { appId: scope.appId, versionId: first, blueprint, today });
    expect((await listRecords(database.db, previewScope, { entityId: 'class', today })).records).toEqual([]);
    expect(
      (await getRecord(database.db, scope, { entityId: 'class', recordId: live.id })).values['class-name'],
    ).toBe('Live class');
    await ensurePreviewDataset(database.db, { appId: scope.appId, versionId: second, blueprint, today });
    const secondScope = { ...scope, dataset: previewDataset(second) };
    expect(
      (await listRecords(database.db, secondScope, { entityId: 'class', today, limit: 500 })).records.length,
    ).toBe(seeded.records.length);
    await expect(
      getRecord(database.db, secondScope, { entityId: 'class', recordId: live.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps data across versions: a removed field hidden but kept, a rename by id, a type change converted', async () => {
    const scope = await liveScope();
    const created = await createRecord(database.db, scope, {
      entityId: 'class',
      actorId: scope.userId,
      values: { 'class-name': 'Yoga', 'class-seats': 12, 'class-note': 'mats' },
    });
    const [classEntity, ...rest] = blueprint.entities;
    if (!classEntity) throw new Error('fixture');
    const next: AppBlueprint = {
      ...blueprint,
      entities: [
        {
          ...classEntity,
          fields: [
            f('class-name', 'Title', 'text'),
            f('class-seats', 'Seats', 'text'),
            f('class-room', 'Room', 'text'),
          ] as AppBlueprint['entities'][number]['fields'],
        },
        ...rest,
      ],
    };
    const nextScope = { ...scope, blueprint: next };
    const read = await getRecord(database.db, nextScope, { entityId: 'class', recordId: created.id });
    expect(read.values).toEqual({ 'class-name': 'Yoga', 'class-seats': '12', 'class-room': null });
    expect(read.hidden).toContain('class-note');
    const edited = await updateRecord(database.db, nextScope, {
      entityId: 'class',
      recordId: created.id,
      expectedVersion: 1,
      actorId: scope.userId,
      values: { 'class-room': 'B' },
    });
    expect(edited.values['class-room']).toBe('B');
    // Back on the older blueprint the note is still there.
    const old = await getRecord(database.db, scope, { entityId: 'class', recordId: created.id });
    expect(old.values['class-note']).toBe('mats');
    expect(readRecord(classEntity, { 'class-seats': 'twelve' }).values['class-seats']).toBe('twelve');
  });
});
