import type { AppBlueprint } from '@app/core/data-store';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConflictError } from '../../errors.ts';
import { createUserWithJob } from '../../testing/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/index.ts';
import { appRecordsChannel, formatRecordsChanged, parseRecordsChanged } from './changes.ts';
import { type DataScope, liveDataset, previewDataset } from './datasets.ts';
import { RecordValidationError } from './errors.ts';
import { createRecord, deleteRecord, updateRecord } from './records.ts';

const field = (id: string, name: string, type: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  ...extra,
});

/** A tool and its loans: a loan refers to a tool, so deleting the tool clears the loan's reference. */
const blueprint = {
  title: 'Tools',
  summary: '',
  audience: [],
  entities: [
    {
      id: 'tool',
      name: 'Tool',
      pluralName: 'Tools',
      statusFieldId: null,
      fields: [field('tool-name', 'Name', 'text', { required: true })],
    },
    {
      id: 'loan',
      name: 'Loan',
      pluralName: 'Loans',
      statusFieldId: null,
      fields: [
        field('loan-who', 'Who', 'text', { required: true }),
        field('loan-tool', 'Tool', 'reference', { referenceEntityId: 'tool' }),
      ],
    },
  ],
  views: [],
} as AppBlueprint;

let database: TestDatabase;
let listener: pg.Client;
const payloads: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  listener = new pg.Client({ connectionString: database.url });
  await listener.connect();
  listener.on('notification', (message) => {
    if (message.channel === appRecordsChannel) payloads.push(message.payload ?? '');
  });
  await listener.query(`listen ${appRecordsChannel}`);
});
afterAll(async () => {
  await listener?.end();
  await database?.destroy();
});

/** What arrives on the channel while `write` runs (and a moment after, for late deliveries). */
async function notifiedBy(write: () => Promise<unknown>): Promise<string[]> {
  const start = payloads.length;
  await write();
  // A marker sent after the write: once it arrives, everything the write sent has arrived too
  // (notifications are delivered in commit order on one connection).
  const marker = `marker-${crypto.randomUUID()}`;
  await sql`select pg_notify(${appRecordsChannel}, ${marker})`.execute(database.db);
  await expect.poll(() => payloads.includes(marker)).toBe(true);
  return payloads.slice(start).filter((payload) => payload !== marker);
}

describe('record writes notify app_records', () => {
  it('create, update, delete each send <appId>:<dataset> once, after commit, on their own dataset', async () => {
    const { user, app } = await createUserWithJob(database.db);
    const live: DataScope = { appId: app.id, dataset: liveDataset, blueprint };
    const versionId = crypto.randomUUID();
    const preview: DataScope = { appId: app.id, dataset: previewDataset(versionId), blueprint };
    const liveNote = `${app.id}:live`;

    let tool = { id: '', version: 0 };
    expect(
      await notifiedBy(async () => {
        tool = await createRecord(database.db, live, {
          entityId: 'tool',
          values: { 'tool-name': 'Drill' },
          actorId: user.id,
        });
      }),
    ).toEqual([liveNote]);
    // A create with a reference takes the transactional path: it notifies too.
    let loan = { id: '' };
    expect(
      await notifiedBy(async () => {
        loan = await createRecord(database.db, live, {
          entityId: 'loan',
          values: { 'loan-who': 'Ana', 'loan-tool': tool.id },
          actorId: user.id,
        });
      }),
    ).toEqual([liveNote]);
    expect(
      await notifiedBy(() =>
        updateRecord(database.db, live, {
          entityId: 'tool',
          recordId: tool.id,
          expectedVersion: tool.version,
          values: { 'tool-name': 'Hammer drill' },
          actorId: user.id,
        }),
      ),
    ).toEqual([liveNote]);
    // The delete clears the loan's reference in the same transaction: one notification for both.
    expect(
      await notifiedBy(() =>
        deleteRecord(database.db, live, { entityId: 'tool', recordId: tool.id, actorId: user.id }),
      ),
    ).toEqual([liveNote]);
    expect(loan.id).not.toBe('');
    // A preview's write names its own dataset, never live.
    const previewNotes = await notifiedBy(() =>
      createRecord(database.db, preview, { entityId: 'tool', values: { 'tool-name': 'Saw' }, actorId: null }),
    );
    expect(previewNotes).toEqual([`${app.id}:preview:${versionId}`]);
    expect(parseRecordsChanged(previewNotes[0] ?? '')).toEqual({
      appId: app.id,
      dataset: previewDataset(versionId),
    });
  });

  it('a refused or rolled-back write notifies nobody', async () => {
    const { user, app } = await createUserWithJob(database.db);
    const live: DataScope = { appId: app.id, dataset: liveDataset, blueprint };
    let tool = { id: '', version: 0 };
    // The set-up write's own notice is awaited first: arriving late, it would land in the window
    // measured below (seen once under load).
    await notifiedBy(async () => {
      tool = await createRecord(database.db, live, {
        entityId: 'tool',
        values: { 'tool-name': 'Lathe' },
        actorId: user.id,
      });
    });
    expect(
      await notifiedBy(async () => {
        await expect(
          updateRecord(database.db, live, {
            entityId: 'tool',
            recordId: tool.id,
            expectedVersion: tool.version + 5,
            values: { 'tool-name': 'Stale' },
            actorId: user.id,
          }),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          createRecord(database.db, live, {
            entityId: 'loan',
            values: { 'loan-who': 'Bo', 'loan-tool': crypto.randomUUID() },
            actorId: user.id,
          }),
        ).rejects.toBeInstanceOf(RecordValidationError);
        await expect(
          database.db.transaction().execute(async (trx) => {
            await createRecord(trx, live, {
              entityId: 'tool',
              values: { 'tool-name': 'Never' },
              actorId: user.id,
            });
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
      }),
    ).toEqual([]);
  });

  it('parses only what it writes', () => {
    const appId = crypto.randomUUID();
    expect(parseRecordsChanged(formatRecordsChanged({ appId, dataset: liveDataset }))).toEqual({
      appId,
      dataset: 'live',
    });
    for (const bad of ['', 'live', `${appId}`, `${appId}:`, `${appId}:draft`, `x:live`, `${appId}:preview:x`])
      expect(parseRecordsChanged(bad)).toBeNull();
  });
});
