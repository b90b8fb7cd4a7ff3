import type { AppEntity, AppField, FieldValue, RecordValues } from '../schema';
import { dayNumber } from './dates';
import { formatMoney, parseNumber } from './format';

/** What a form holds while it is being edited: inputs hold text; checkboxes, booleans and lists. */
export type Draft = Record<string, string | boolean | readonly string[]>;

export function draftOf(entity: AppEntity, values: RecordValues | null): Draft {
  const draft: Draft = {};
  for (const field of entity.fields) {
    const value: FieldValue = values && Object.hasOwn(values, field.id) ? (values[field.id] ?? null) : null;
    if (field.type === 'boolean') draft[field.id] = value === true;
    else if (field.type === 'multiChoice') draft[field.id] = Array.isArray(value) ? value : [];
    else if (field.type === 'money' && typeof value === 'number') draft[field.id] = formatMoney(value);
    else draft[field.id] = value === null || Array.isArray(value) ? '' : String(value);
  }
  return draft;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^[+()\d][\d\s().+-]{4,}$/;

export interface ParsedDraft {
  values: Record<string, FieldValue>;
  /** Field id → what is wrong, in the person's terms. */
  errors: Record<string, string>;
}

/** Turns a form's text into stored values, with a message for every field that is not right. */
export function parseDraft(entity: AppEntity, draft: Draft): ParsedDraft {
  const values: Record<string, FieldValue> = {};
  const errors: Record<string, string> = {};
  for (const field of entity.fields) {
    const raw = Object.hasOwn(draft, field.id) ? draft[field.id] : undefined;
    const result = parseField(field, raw);
    values[field.id] = result.value;
    if (result.error) errors[field.id] = result.error;
  }
  return { values, errors };
}

function parseField(
  field: AppField,
  raw: string | boolean | readonly string[] | undefined,
): { value: FieldValue; error?: string } {
  if (field.type === 'boolean') return { value: raw === true };
  if (field.type === 'multiChoice') {
    const list = Array.isArray(raw) ? raw.filter((item) => field.options.includes(item)) : [];
    // A choice with no options yet cannot be answered, so it cannot be required either.
    if (field.required && list.length === 0 && field.options.length > 0)
      return { value: list, error: `Pick at least one ${field.name}` };
    return { value: list };
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    const unanswerable = field.type === 'choice' && field.options.length === 0;
    return field.required && !unanswerable
      ? { value: null, error: `${field.name} is required` }
      : { value: null };
  }
  switch (field.type) {
    case 'number':
    case 'money': {
      const number = parseNumber(text);
      if (number === null) return { value: null, error: `${field.name} must be a number` };
      if (field.range && (number < field.range.min || number > field.range.max))
        return {
          value: number,
          error: `${field.name} must be between ${field.range.min} and ${field.range.max}`,
        };
      return { value: field.type === 'money' ? Math.round(number * 100) / 100 : number };
    }
    case 'date':
    case 'dateTime':
      return dayNumber(text) === null
        ? { value: null, error: `${field.name} must be a date` }
        : { value: text };
    case 'time':
      return /^\d{1,2}:\d{2}/.test(text)
        ? { value: text.slice(0, 5) }
        : { value: null, error: `${field.name} must be a time` };
    case 'email':
      return emailPattern.test(text)
        ? { value: text }
        : { value: text, error: `${field.name} must be an email address` };
    case 'phone':
      return phonePattern.test(text)
        ? { value: text }
        : { value: text, error: `${field.name} must be a phone number` };
    case 'url':
      return /^https?:\/\/\S+\.\S+/.test(text)
        ? { value: text }
        : { value: text, error: `${field.name} must be a web address starting with https://` };
    case 'choice':
      return field.options.includes(text) ? { value: text } : { value: null, error: `Pick a ${field.name}` };
    default:
      return { value: text };
  }
}
