/**
 * Just enough of the source map v3 format to turn a generated line/column into an original
 * file/line: verification reports where in the app a page error came from.
 */
export interface RawSourceMap {
  sources: string[];
  mappings: string;
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64.indexOf(char);
    if (digit < 0) return values;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Original position of a 1-based generated line and 0-based column, or null when unmapped. */
export function originalPosition(
  map: RawSourceMap,
  line: number,
  column: number,
): { source: string; line: number } | null {
  let sourceIndex = 0;
  let originalLine = 0;
  let best: { source: string; line: number } | null = null;
  const lines = map.mappings.split(';');
  for (let lineIndex = 0; lineIndex < Math.min(lines.length, line); lineIndex += 1) {
    let generatedColumn = 0;
    for (const segment of (lines[lineIndex] ?? '').split(',')) {
      if (segment === '') continue;
      const [columnDelta = 0, sourceDelta, lineDelta] = decodeSegment(segment);
      generatedColumn += columnDelta;
      if (sourceDelta === undefined || lineDelta === undefined) continue;
      // Source and line deltas accumulate across the whole map, so every segment must be read.
      sourceIndex += sourceDelta;
      originalLine += lineDelta;
      if (lineIndex === line - 1 && generatedColumn <= column) {
        best = { source: map.sources[sourceIndex] ?? '', line: originalLine + 1 };
      }
    }
  }
  return best;
}
