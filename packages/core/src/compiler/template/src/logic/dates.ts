/**
 * Calendar days as `YYYY-MM-DD` text. Arithmetic runs on UTC midnights so that adding days never
 * lands on the wrong day across a daylight-saving change; only `localToday` looks at the clock.
 */

const dayMs = 86_400_000;
const isoDay = /^(\d{4})-(\d{2})-(\d{2})/;

export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Midnight UTC of the day a `YYYY-MM-DD…` text starts with, or null for anything else. */
export function dayNumber(value: string): number | null {
  const match = isoDay.exec(value);
  if (!match) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? null : time / dayMs;
}

export function fromDayNumber(days: number): string {
  return new Date(days * dayMs).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const start = dayNumber(day);
  return start === null ? day : fromDayNumber(start + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier); null if either is not a day. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** Monday-first weekday index (0 = Monday … 6 = Sunday). */
export function weekdayIndex(day: string): number {
  const days = dayNumber(day) ?? 0;
  // 1970-01-01 was a Thursday (index 3).
  return (((days + 3) % 7) + 7) % 7;
}

export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: string, months: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1 + months;
  const date = new Date(Date.UTC(year, month, 1));
  return date.toISOString().slice(0, 10);
}

export function endOfMonth(day: string): string {
  return addDays(addMonths(startOfMonth(day), 1), -1);
}
