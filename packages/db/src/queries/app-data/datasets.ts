import { randomUUID } from 'node:crypto';
import { type AppBlueprint, type FieldValue, sampleRecords } from '@app/core/data-store';
import type { DbOrTrx } from '../../client.ts';

/**
 * Which records a request works on: the published app's shared data, or one version's preview
 * data. A preview never names 'live', so nothing it does can reach a member's records.
 */
export type Dataset = 'live' | `preview:${string}`;

export const liveDataset: Dataset = 'live';

export function previewDataset(versionId: string): Dataset {
  return `preview:${versionId}`;
}

/** Where a data request lands: an app, one of its datasets, and the blueprint that shapes it. */
export interface DataScope {
  appId: string;
  dataset: Dataset;
  blueprint: AppBlueprint;
}

/**
 * Seeds a version's preview dataset with its sample records the first time it is used. The row
 * in `app_datasets` is the "seeded" mark: of two requests racing here one inserts it and seeds (in
 * the same transaction, so the other — blocked on the key until commit — finds it done), and a
 * person who deletes every sample record does not get them back on the next visit.
 */
export async function ensurePreviewDataset(
  db: DbOrTrx,
  input: { appId: string; versionId: string; blueprint: AppBlueprint; today: string },
): Promise<void> {
  const dataset = previewDataset(input.versionId);
  const seeded = await db
    .selectFrom('app_datasets')
    .select('dataset')
    .where('app_id', '=', input.appId)
    .where('dataset', '=', dataset)
    .executeTakeFirst();
  if (seeded) return;
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('app_datasets')
      .values({ app_id: input.appId, dataset })
      .onConflict((conflict) => conflict.doNothing())
      .returning('dataset')
      .executeTakeFirst();
    if (!claimed) return;
    const sample = sampleRecords(input.blueprint, input.today);
    // The sample's ids (`s0-1`) become record ids (uuids); references follow them.
    const ids = new Map<string, string>();
    for (const records of Object.values(sample.records))
      for (const record of records) ids.set(record.id, randomUUID());
    const rows = input.blueprint.entities.flatMap((entity) =>
      (Object.hasOwn(sample.records, entity.id) ? (sample.records[entity.id] ?? []) : []).map((record) => {
        const values: Record<string, FieldValue> = { ...record.values };
        for (const field of entity.fields) {
          const value = values[field.id];
          if (field.type === 'reference' && typeof value === 'string')
            values[field.id] = ids.get(value) ?? null;
        }
        return {
          id: ids.get(record.id) ?? randomUUID(),
          app_id: input.appId,
          dataset,
          entity_id: entity.id,
          values: JSON.stringify(values),
        };
      }),
    );
    // One insert per entity keeps sample order as creation order (clock_timestamp per row).
    for (let start = 0; start < rows.length; start += 500)
      await trx
        .insertInto('app_records')
        .values(rows.slice(start, start + 500))
        .execute();
  });
}
