/**
 * Pure helpers of the Data tab: how a stored value reads in the grid, how a typed cell becomes a
 * value to send, and the CSV export. The server validates every write against the blueprint
 * (packages/core/src/data-store), so this only shapes what the person typed.
 */
export interface DataField {
  id: string;
  name: string;
  type: string;
  options: string[];
}

export type CellValue = string | number | boolean | readonly string[] | null | undefined;

export function cellText(field: DataField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'boolean') return value === true ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** What an edited cell sends: numbers as numbers, yes/no as booleans, lists split on commas. */
export function valueFromText(field: DataField, text: string): CellValue {
  const trimmed = text.trim();
  if (field.type === 'boolean') return /^(yes|true|y|1)$/i.test(trimmed);
  if (field.type === 'multiChoice')
    return trimmed === ''
      ? []
      : trimmed
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
  if (trimmed === '') return null;
  if (field.type === 'number' || field.type === 'money') {
    const number = Number(trimmed.replace(/,/g, ''));
    // Not a number: sent as typed, so the server names the field ("Seats must be a number").
    return Number.isFinite(number) ? number : trimmed;
  }
  return trimmed;
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function recordsCsv(
  fields: readonly DataField[],
  records: readonly { id: string; values: Record<string, unknown>; updatedAt: string }[],
): string {
  const header = ['Id', ...fields.map((field) => field.name), 'Updated'].map(csvCell).join(',');
  const rows = records.map((record) =>
    [record.id, ...fields.map((field) => cellText(field, record.values[field.id])), record.updatedAt]
      .map(csvCell)
      .join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

/** One audit entry as a sentence: "Seats: 8 → 9". */
export function describeChange(
  fields: readonly DataField[],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const lines: string[] = [];
  for (const field of fields) {
    const from = cellText(field, before?.[field.id]);
    const to = cellText(field, after?.[field.id]);
    if (from !== to) lines.push(`${field.name}: ${from === '' ? '—' : from} → ${to === '' ? '—' : to}`);
  }
  return lines;
}
