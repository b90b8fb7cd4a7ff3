import { dayNumber } from '../compiler/template/src/logic/dates.ts';
import { parseNumber } from '../compiler/template/src/logic/format.ts';
import type { AppEntity, AppField, FieldValue } from '../compiler/template/src/schema.ts';
import { isFieldValue } from './record-write.ts';

/**
 * A stored record as one version of the app sees it (SPEC §12: data is kept across versions).
 * Values are keyed by field id, so a renamed field keeps its values with nothing to do. The rest
 * happens here, on read, and never rewrites what is stored — going back to an older version shows
 * the older shape again:
 * - a field added since the record was written reads as empty;
 * - a field this version no longer has is left out (hidden), but its value stays stored;
 * - a field whose type changed is converted when the value has a meaning in the new type (number ↔
 *   text, choice → text, text → choice when it is one of the options, date ↔ dateTime, one option
 *   ↔ a list of options, yes/no ↔ text); otherwise the stored value is shown as text, so nothing
 *   the person typed disappears.
 */
export interface ReadRecord {
  values: Record<string, FieldValue>;
  /** Field ids stored on the record that this version does not show. */
  hidden: string[];
}

export function readRecord(entity: AppEntity, stored: Readonly<Record<string, unknown>>): ReadRecord {
  const values: Record<string, FieldValue> = {};
  const known = new Set<string>();
  for (const field of entity.fields) {
    known.add(field.id);
    const raw = Object.hasOwn(stored, field.id) ? stored[field.id] : null;
    values[field.id] = convertValue(field, isFieldValue(raw) ? raw : null);
  }
  const hidden = Object.keys(stored).filter((key) => !known.has(key));
  return { values, hidden };
}

/** A stored value read as `field`'s type; see `readRecord` for the rules. */
export function convertValue(field: AppField, value: FieldValue): FieldValue {
  if (value === null) return field.type === 'multiChoice' ? [] : field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'number':
    case 'money': {
      if (typeof value === 'number') return value;
      if (typeof value === 'string') return parseNumber(value) ?? asText(value);
      if (typeof value === 'boolean') return asText(value);
      return asText(value);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const word = value.trim().toLowerCase();
        if (['yes', 'true', 'y', '1'].includes(word)) return true;
        if (['no', 'false', 'n', '0', ''].includes(word)) return false;
      }
      if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
      // A yes/no field cannot show "maybe": the value stays stored, hidden behind No.
      return false;
    }
    case 'multiChoice': {
      if (Array.isArray(value)) return value.filter((item) => field.options.includes(item));
      if (typeof value === 'string' && field.options.includes(value)) return [value];
      return [];
    }
    case 'choice': {
      if (Array.isArray(value)) return value.length === 1 ? (value[0] ?? null) : asText(value);
      return asText(value);
    }
    case 'date': {
      const text = asText(value);
      return dayNumber(text) === null ? text : text.slice(0, 10);
    }
    case 'dateTime':
      return asText(value);
    default:
      return asText(value);
  }
}

function asText(value: FieldValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
