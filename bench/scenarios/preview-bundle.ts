import {
  type AppFile,
  type Blueprint,
  bundleApp,
  createModel,
  emptyBlueprint,
  type Field,
  generateApp,
} from '@app/core';
import { type LatencySummary, summarize } from '../stats.ts';

export interface PreviewBundleResult extends LatencySummary {
  fileCount: number;
  bytes: number;
}

/**
 * The offline generator's smallest app (a records app without extra views: 12 files, the closest
 * it gets to the benchmarks' "10-file app", docs/architecture.md#benchmarks), generated once, then bundled exactly as the preview origin does.
 */
export async function measurePreviewBundle(options: {
  warmup: number;
  samples: number;
}): Promise<PreviewBundleResult> {
  const files = await generateOfflineApp();
  for (let index = 0; index < options.warmup; index++) await bundleOrThrow(files);
  const timings: number[] = [];
  let bytes = 0;
  for (let index = 0; index < options.samples; index++) {
    const started = performance.now();
    const result = await bundleOrThrow(files);
    timings.push(performance.now() - started);
    bytes = result.js.length + result.css.length;
  }
  return { ...summarize(timings), fileCount: files.length, bytes };
}

async function generateOfflineApp(): Promise<AppFile[]> {
  const request = 'Inventory of our warehouse stock with low stock warnings';
  const field = (name: string, type: Field['type']): Field => ({
    id: `item-${name.toLowerCase().replace(/\s+/g, '-')}`,
    name,
    type,
    options: [],
    required: false,
    referenceEntityId: null,
    range: null,
    sourceFactIds: [],
  });
  const blueprint: Blueprint = {
    ...emptyBlueprint('Warehouse Stock'),
    entities: [
      {
        id: 'item',
        name: 'Item',
        pluralName: 'Items',
        fields: [
          field('Name', 'text'),
          field('SKU', 'text'),
          field('Quantity', 'number'),
          field('Reorder Level', 'number'),
        ],
        statusFieldId: null,
        sourceFactIds: [],
      },
    ],
  };
  const result = await generateApp(
    // Validation (bundle + types + render) is what the worker does; here only the files matter.
    {
      model: createModel({ provider: 'offline' }),
      validate: async () => ({ ok: true, problems: [], checks: [] }),
    },
    { request, kind: 'create', ledger: [], blueprint, currentVersion: null },
    { emit: async () => {} },
  );
  if (!result.ok) throw new Error(`offline generation failed: ${JSON.stringify(result.problems)}`);
  return result.files;
}

async function bundleOrThrow(files: readonly AppFile[]) {
  const result = await bundleApp(files);
  if (!result.ok) throw new Error(`bundle failed: ${JSON.stringify(result.problems)}`);
  return result;
}
