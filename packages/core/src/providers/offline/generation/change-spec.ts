import type { SourceFile } from '../../../generation/task-schemas.ts';
import { AppSpec } from './app-spec.ts';
import { readAppData } from './templates/app-data-file.ts';

/** Apps built before the data module carried their spec as a JSON comment on config.ts's first line. */
const legacySpecMarker = '// app-spec: ';

function legacySpec(files: readonly SourceFile[]): unknown {
  const config = files.find((file) => file.path === 'src/config.ts')?.content ?? '';
  const line = config.split('\n').find((candidate) => candidate.startsWith(legacySpecMarker));
  if (!line) return null;
  try {
    return JSON.parse(line.slice(legacySpecMarker.length));
  } catch {
    return null;
  }
}

/**
 * The spec a template-built app was generated from, read back from its data module. It is parsed
 * as JSON, never evaluated, and must pass the spec's schema (the previous version's files may have
 * been edited by a model): anything else means "derive afresh".
 */
export function specFromFiles(files: readonly SourceFile[]): AppSpec | null {
  const data = readAppData(files);
  const parsed = AppSpec.safeParse(data ? data.spec : legacySpec(files));
  return parsed.success ? parsed.data : null;
}

const colourHues: Record<string, number> = {
  red: 0,
  orange: 28,
  yellow: 48,
  green: 142,
  teal: 174,
  blue: 218,
  indigo: 240,
  purple: 270,
  pink: 330,
};

/**
 * The parts of a change request the blueprint does not hold: CSV export and the accent colour.
 * Everything else (fields, statuses, views, the title) comes from the change's blueprint.
 */
export function applyStyleChange(spec: AppSpec, request: string): AppSpec {
  const lower = request.toLowerCase();
  const next: AppSpec = structuredClone(spec);
  const adds = /\b(add|show|include|need|want|with)\b/.test(lower);
  const removes = /\b(remove|delete|drop|hide|without)\b/.test(lower);
  if (/\b(csv|export|download)\b/.test(lower)) next.csvExport = !removes || adds;
  for (const [colour, hue] of Object.entries(colourHues))
    if (new RegExp(`\\b${colour}\\b`).test(lower)) next.accentHue = hue;
  return next;
}
