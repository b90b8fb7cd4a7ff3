import { type AppBlueprint, toAppBlueprint } from '@app/core/data-store';
import type { DbOrTrx } from '../../client.ts';
import { storedBlueprint } from '../versions.ts';
import { type Dataset, liveDataset, previewDataset } from './datasets.ts';

/**
 * The records the builder's Data tab shows: the live data of the published version's blueprint;
 * before anything is published, the latest version's preview data, read-only there (it is sample
 * data, and editing it belongs to the preview). Null when no version has a blueprint yet.
 */
export interface DataSource {
  kind: 'live' | 'preview';
  versionId: string;
  versionNumber: number;
  dataset: Dataset;
  blueprint: AppBlueprint;
}

export async function findDataSource(db: DbOrTrx, appId: string): Promise<DataSource | null> {
  const published = await db
    .selectFrom('apps')
    .innerJoin('versions', 'versions.id', 'apps.published_version_id')
    .select(['versions.id', 'versions.number', 'versions.blueprint'])
    .where('apps.id', '=', appId)
    .executeTakeFirst();
  const publishedBlueprint = published ? storedBlueprint(published.blueprint) : null;
  if (published && publishedBlueprint)
    return {
      kind: 'live',
      versionId: published.id,
      versionNumber: published.number,
      dataset: liveDataset,
      blueprint: toAppBlueprint(publishedBlueprint),
    };
  const latest = await db
    .selectFrom('versions')
    .select(['id', 'number', 'blueprint'])
    .where('app_id', '=', appId)
    .where('blueprint', 'is not', null)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  const latestBlueprint = latest ? storedBlueprint(latest.blueprint) : null;
  if (!latest || !latestBlueprint) return null;
  return {
    kind: 'preview',
    versionId: latest.id,
    versionNumber: latest.number,
    dataset: previewDataset(latest.id),
    blueprint: toAppBlueprint(latestBlueprint),
  };
}
