import { toDataLiteral } from '../../../../generation/data-literal.ts';
import type { SourceFile } from '../../../../generation/task-schemas.ts';
import type { AppSpec } from '../app-spec.ts';

export const appDataPath = 'src/app-data.ts';

/** A sample record's words: its status and the values of its text-like fields, by field key. */
export interface SampleText {
  status: string;
  values: Record<string, string>;
}

/**
 * Everything a generated app shows that came from a person (names, labels, options, statuses,
 * sample values), in one module. The other templates read it; none of them contains the words.
 */
export interface AppData {
  spec: AppSpec;
  tabs: { id: string; label: string }[];
  people: string[];
  samples: SampleText[];
}

const header =
  '// Generated data: the names, labels, options and sample values this app shows. Data only, no code.\n';
const prefix = 'export const appData = ';
const suffix = ' as const;';

/**
 * `src/app-data.ts`: a single exported literal written by `toDataLiteral`, on one line so it can be
 * read back without a parser. `as const` keeps the literal types the record types are built from
 * (the `Status` union, sample values per field).
 */
export function appDataFile(data: AppData): string {
  return `${header}${prefix}${toDataLiteral(data)}${suffix}\n`;
}

/** The data module's value, parsed as JSON (never evaluated); null when it is missing or not ours. */
export function readAppData(files: readonly SourceFile[]): { spec: unknown } | null {
  const content = files.find((file) => file.path === appDataPath)?.content;
  if (content === undefined) return null;
  const line = content.split('\n').find((candidate) => candidate.startsWith(prefix));
  if (!line?.endsWith(suffix)) return null;
  try {
    const value: unknown = JSON.parse(line.slice(prefix.length, line.length - suffix.length));
    return typeof value === 'object' && value !== null && 'spec' in value ? { spec: value.spec } : null;
  } catch {
    return null;
  }
}
