import type { LedgerFactView, SourceFile } from '../../../generation/task-schemas.ts';
import { AppSpec } from './app-spec.ts';
import { splitList } from './derive-spec.ts';
import { fieldSpecs } from './field-kinds.ts';
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
 * Applies a change request to a spec: the offline builder understands fields, views, statuses,
 * CSV export, colours and renames. Anything else leaves the spec as it is.
 */
export function applyChange(spec: AppSpec, request: string, ledger: readonly LedgerFactView[]): AppSpec {
  const text = [request, ...ledger.filter((fact) => fact.topic === 'change').map((fact) => fact.text)].join(
    '\n',
  );
  const lower = text.toLowerCase();
  const next: AppSpec = structuredClone(spec);
  const adds = /\b(add|show|include|need|want|with)\b/.test(lower);
  const removes = /\b(remove|delete|drop|hide|without)\b/.test(lower);

  if (/\b(csv|export|download)\b/.test(lower)) next.csvExport = !removes || adds;
  if (/\b(board|kanban|columns?)\b/.test(lower)) next.views.board = !removes;
  if (
    /\b(calendar|schedule|agenda)\b/.test(lower) &&
    next.fields.some((field) => field.kind === 'date' || field.kind === 'datetime')
  ) {
    next.views.calendar = !removes;
  }
  if (/\b(dashboard|charts?|reports?|stats|graphs?|summary|totals?)\b/.test(lower))
    next.views.dashboard = !removes;

  for (const [colour, hue] of Object.entries(colourHues))
    if (new RegExp(`\\b${colour}\\b`).test(lower)) next.accentHue = hue;

  const rename = /\b(?:rename (?:it|the app)? ?to|call it|title (?:it|to))\s+["“]?([^"”\n.]+)/i.exec(text);
  if (rename?.[1]) next.title = rename[1].trim();

  const statusMatch =
    /\badd (?:a |an )?(?:status|stage|column)(?:es|s)?\s+(?:called\s+|named\s+)?["“]?([^"”\n.]+)/i.exec(text);
  if (statusMatch?.[1]) {
    for (const status of splitList(statusMatch[1]))
      if (!next.statuses.includes(status)) next.statuses.push(status);
  }

  const fieldMatch = /\b(add|remove|delete|drop)\s+(?:a |an |the )?(.+?)\s+(?:field|column)s?\b/i.exec(text);
  if (fieldMatch?.[1] && fieldMatch[2] && !/status|stage/i.test(fieldMatch[2])) {
    const labels = splitList(fieldMatch[2]);
    if (/add/i.test(fieldMatch[1])) {
      const added = fieldSpecs(['placeholder', ...labels], next.domainId).slice(1);
      for (const field of added) {
        if (!next.fields.some((existing) => existing.key === field.key))
          next.fields.push({ ...field, required: false });
      }
    } else {
      const keep = next.fields.filter(
        (field, index) =>
          index === 0 || !labels.some((label) => label.toLowerCase() === field.label.toLowerCase()),
      );
      next.fields = keep;
    }
  }
  return next;
}
