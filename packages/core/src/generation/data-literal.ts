/**
 * The one path by which text from a person or a model enters a generated source file: as a JSON
 * value, written as a literal that means the same data wherever it is pasted.
 *
 * `JSON.stringify` alone is not enough. Its output is a valid JavaScript expression (since ES2019
 * U+2028/U+2029 are allowed in string literals), but the same characters end a `//` comment, `</`
 * ends an inline `<script>`, `<!--` opens an HTML-like comment in classic scripts, a star before a slash ends a
 * block comment, and `${` or a backtick changes a template literal. Each of them is therefore written as
 * a `\uXXXX` (or `\/`) escape. Those escapes are also valid JSON, so the literal still parses with
 * `JSON.parse` and round-trips to exactly the value that went in.
 */

export class DataLiteralError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataLiteralError';
  }
}

export type DataValue =
  | null
  | boolean
  | number
  | string
  | readonly DataValue[]
  | { readonly [key: string]: DataValue };

const escapes: Record<string, string> = {
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '<': '\\u003c',
  '>': '\\u003e',
  '`': '\\u0060',
  $: '\\u0024',
  '*/': '*\\/',
};

// `*/` is matched as a pair so ordinary `*` and `/` stay readable; `$` is always escaped (it is
// rare in names, and an escaped `$` can never start `${`).
const escapePattern = /[\u2028\u2029<>`$]|\*\//g;

/** Rejects anything JSON would silently change (NaN → null, undefined dropped) or a literal would misread. */
function assertData(value: unknown, path: string, seen: Set<object>): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DataLiteralError(`${path} is not a finite number`);
    return;
  }
  if (typeof value !== 'object') throw new DataLiteralError(`${path} is a ${typeof value}, not JSON data`);
  if (seen.has(value)) throw new DataLiteralError(`${path} refers back to itself`);
  seen.add(value);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) assertData(item, `${path}[${index}]`, seen);
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
      throw new DataLiteralError(`${path} is not a plain object`);
    for (const [key, item] of Object.entries(value)) {
      // In an object literal a `"__proto__"` key sets the prototype instead of making a property.
      if (key === '__proto__') throw new DataLiteralError(`${path} has a "__proto__" key`);
      assertData(item, `${path}.${key}`, seen);
    }
  }
  seen.delete(value);
}

/** `value` as a JavaScript/TypeScript literal that is safe in code, comments, `<script>` and templates. */
export function toDataLiteral(value: unknown, indent?: number): string {
  assertData(value, 'value', new Set());
  const json = JSON.stringify(value, null, indent);
  return json.replace(escapePattern, (match) => escapes[match] ?? match);
}
