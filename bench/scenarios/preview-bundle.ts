import {
  type AppFile,
  type Blueprint,
  bundleApp,
  compileBlueprint,
  emptyBlueprint,
  type Field,
} from '@app/core';
import { type LatencySummary, summarize } from '../stats.ts';

export interface PreviewBundleResult extends LatencySummary {
  fileCount: number;
  bytes: number;
}

/**
 * The smallest compiled app (one entity, no extra views: the compiled template is ~47 files, the
 * benchmarks' "10-file app" of docs/architecture.md#benchmarks is from before the compiler),
 * compiled once, then bundled exactly as the preview origin does.
 */
export async function measurePreviewBundle(options: {
  warmup: number;
  samples: number;
}): Promise<PreviewBundleResult> {
  const files = generateOfflineApp();
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

function generateOfflineApp(): AppFile[] {
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
  // Offline, generation is exactly the compiled app (the offline model writes no custom code).
  return compileBlueprint(blueprint);
}

async function bundleOrThrow(files: readonly AppFile[]) {
  const result = await bundleApp(files);
  if (!result.ok) throw new Error(`bundle failed: ${JSON.stringify(result.problems)}`);
  return result;
}
