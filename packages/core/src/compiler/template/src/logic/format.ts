import type { AppField, FieldValue } from '../schema';
import { dayNumber } from './dates';

/**
 * How values read on screen. The locale is fixed (not the viewer's) so a value displays the same
 * in every browser and in the builder's acceptance checks, which compare what they typed with
 * what the app shows.
 */
const locale = 'en-US';
const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
const moneyFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat(locale, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const timeFormat = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function formatMoney(value: number): string {
  return moneyFormat.format(value);
}

export function formatDate(value: string): string {
  const days = dayNumber(value);
  return days === null ? value : dateFormat.format(new Date(days * 86_400_000));
}

export function formatTime(value: string): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  if (!match) return value;
  return timeFormat.format(new Date(Date.UTC(1970, 0, 1, Number(match[1]), Number(match[2]))));
}

export function formatDateTime(value: string): string {
  const time = value.slice(11, 16);
  return time ? `${formatDate(value)}, ${formatTime(time)}` : formatDate(value);
}

export function isEmptyValue(value: FieldValue | undefined): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

/**
 * A value as plain text. References are resolved by the caller (`titleOf`), since they need the
 * other entity's records.
 */
export function formatValue(
  field: AppField,
  value: FieldValue | undefined,
  titleOf: (recordId: string) => string = (id) => id,
): string {
  if (value === undefined || value === null || isEmptyValue(value)) return '';
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    case 'money':
      return typeof value === 'number' ? formatMoney(value) : String(value);
    case 'date':
      return formatDate(String(value));
    case 'time':
      return formatTime(String(value));
    case 'dateTime':
      return formatDateTime(String(value));
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'multiChoice':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'reference':
      return typeof value === 'string' ? titleOf(value) : '';
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

/** Reads a number typed by a person: "1,250.50" and " 12 " are numbers, "" and "abc" are not. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[,\s]/g, '');
  if (cleaned === '' || !/^-?\d*\.?\d+$|^-?\d+\.$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
