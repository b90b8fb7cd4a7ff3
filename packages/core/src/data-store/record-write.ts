import { type Draft, draftOf, parseDraft } from '../compiler/template/src/logic/validate.ts';
import type { AppEntity, AppField, FieldValue, RecordValues } from '../compiler/template/src/schema.ts';

/**
 * Validation of a record write against one entity of the blueprint the app runs on (SPEC §12).
 * The compiled app sends values keyed by field id, already typed (numbers, ISO date text, option
 * text, option lists, record ids); the server checks them here before anything is stored, so a
 * hand-made request cannot put a word in a number field or an unlisted status on a record.
 *
 * The format rules (dates, times, email, phone, web address, number ranges, required) are the
 * template's own `parseDraft`: a value the app's form accepts is accepted here, with the same
 * message ("Due Date must be a date"). JSON types, option lists and unknown keys are checked
 * first, because a form never produces those mistakes and `parseDraft` would coerce them.
 */
export type RecordWriteErrorCode = 'unknown_field' | 'wrong_type' | 'not_an_option' | 'required' | 'invalid';

export interface RecordWriteError {
  code: RecordWriteErrorCode;
  /** The field id as the app uses it (the record key). */
  fieldId: string;
  message: string;
}

export type RecordWriteResult =
  | { ok: true; values: Record<string, FieldValue> }
  | { ok: false; errors: RecordWriteError[] };

/** Longest text value stored: a long note fits, a megabyte of filler does not. */
export const maxTextLength = 20_000;
export const maxOptionCount = 200;

/**
 * `input` is the request body's `values`. On create, `previous` is null and every field of the
 * entity ends up in the stored values (absent ones null). On update, `input` may name some fields
 * only: they replace the previous values, the rest stay — including values of fields a later
 * version removed, which are kept hidden rather than lost (`readRecord`).
 */
export function validateRecordWrite(
  entity: AppEntity,
  input: unknown,
  previous: Readonly<Record<string, unknown>> | null,
): RecordWriteResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [{ code: 'wrong_type', fieldId: '', message: 'values must be an object' }] };
  const errors: RecordWriteError[] = [];
  const byId = new Map(entity.fields.map((field) => [field.id, field]));
  const given = new Map<string, FieldValue>();
  for (const [key, value] of Object.entries(input)) {
    const field = byId.get(key);
    if (!field) {
      errors.push({ code: 'unknown_field', fieldId: key, message: `${entity.name} has no field "${key}"` });
      continue;
    }
    const typed = checkJsonType(field, value);
    if ('code' in typed) errors.push({ code: typed.code, fieldId: field.id, message: typed.error });
    else given.set(field.id, typed.value);
  }
  if (errors.length > 0) return { ok: false, errors };

  const current: Record<string, FieldValue> = {};
  for (const field of entity.fields) {
    if (given.has(field.id)) current[field.id] = given.get(field.id) ?? null;
    else {
      const kept = previous && Object.hasOwn(previous, field.id) ? previous[field.id] : null;
      current[field.id] = isFieldValue(kept) ? kept : null;
    }
  }
  // The template's own form rules, on the values as the form would hold them.
  const parsed = parseDraft(entity, draftFor(entity, current));
  for (const field of entity.fields) {
    const message = parsed.errors[field.id];
    // Only a field this write touches (or a create) may fail: an old record with a field that was
    // made required later can still have its other fields edited.
    if (message === undefined || (previous !== null && !given.has(field.id))) continue;
    errors.push({ code: isEmpty(current[field.id]) ? 'required' : 'invalid', fieldId: field.id, message });
  }
  if (errors.length > 0) return { ok: false, errors };

  const values: Record<string, FieldValue> = {};
  if (previous)
    for (const [key, value] of Object.entries(previous)) if (isFieldValue(value)) values[key] = value;
  for (const field of entity.fields) {
    if (previous !== null && !given.has(field.id)) continue;
    values[field.id] = normalised(field, current[field.id] ?? null, parsed.values[field.id] ?? null);
  }
  return { ok: true, values };
}

type TypeCheck = { value: FieldValue } | { error: string; code: RecordWriteErrorCode };

function checkJsonType(field: AppField, value: unknown): TypeCheck {
  if (value === null || value === undefined) return { value: null };
  const wrong = (what: string): TypeCheck => ({ code: 'wrong_type', error: `${field.name} must be ${what}` });
  switch (field.type) {
    case 'number':
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : wrong('a number');
    case 'boolean':
      return typeof value === 'boolean' ? { value } : wrong('true or false');
    case 'multiChoice': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
        return wrong('a list of options');
      if (value.length > maxOptionCount) return wrong(`at most ${maxOptionCount} options`);
      const unlisted = value.find((item) => !field.options.includes(item));
      if (unlisted !== undefined)
        return {
          code: 'not_an_option',
          error: `"${clip(unlisted)}" is not one of the ${field.name} options`,
        };
      return { value: [...value] };
    }
    default: {
      if (typeof value !== 'string') return wrong(field.type === 'reference' ? 'a record id' : 'text');
      if (value.length > maxTextLength) return wrong(`at most ${maxTextLength} characters`);
      if (field.type === 'choice' && value.trim() !== '' && !field.options.includes(value.trim()))
        return { code: 'not_an_option', error: `"${clip(value)}" is not one of the ${field.name} options` };
      return { value };
    }
  }
}

/** What the app's form would hold for these values (`draftOf`), so `parseDraft` judges them. */
function draftFor(entity: AppEntity, values: Record<string, FieldValue>): Draft {
  const draft = draftOf(entity, values);
  // draftOf shows money as "1,234.50"; parseDraft reads that back, but an exact number needs no round trip.
  for (const field of entity.fields) {
    const value = values[field.id];
    if (field.type === 'money' && typeof value === 'number') draft[field.id] = String(value);
  }
  return draft;
}

/** The value to store: the form's parse where it normalises (money cents, a time's HH:MM), else as given. */
function normalised(field: AppField, given: FieldValue, parsed: FieldValue): FieldValue {
  if (given === null) return field.type === 'multiChoice' ? [] : field.type === 'boolean' ? false : null;
  if (typeof given === 'string' && given.trim() === '') return null;
  switch (field.type) {
    case 'money':
    case 'time':
    case 'choice':
      return parsed;
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
    case 'person':
    case 'reference':
      return typeof given === 'string' ? given.trim() : given;
    default:
      return given;
  }
}

export function isFieldValue(value: unknown): value is FieldValue {
  if (value === null) return true;
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isEmpty(value: FieldValue | undefined): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The values keyed by reference fields, for the store to check that each names a record. */
export function referencesOf(
  entity: AppEntity,
  values: Readonly<Record<string, unknown>>,
): { field: AppField; recordId: string }[] {
  const out: { field: AppField; recordId: string }[] = [];
  for (const field of entity.fields) {
    const value = Object.hasOwn(values, field.id) ? values[field.id] : null;
    if (field.type === 'reference' && field.referenceEntityId && typeof value === 'string' && value !== '')
      out.push({ field, recordId: value });
  }
  return out;
}

export type { RecordValues };
