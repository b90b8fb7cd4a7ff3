const relativeTimeUnits: { unit: Intl.RelativeTimeFormatUnit; seconds: number }[] = [
  { unit: 'year', seconds: 365 * 24 * 3600 },
  { unit: 'month', seconds: 30 * 24 * 3600 },
  { unit: 'week', seconds: 7 * 24 * 3600 },
  { unit: 'day', seconds: 24 * 3600 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

const relativeTimeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "just now", "5 minutes ago", "yesterday", "3 weeks ago". `now` is a parameter so callers that
 * re-render on a timer and tests agree on the reference point. Timestamps slightly in the future
 * (client clock behind the server's) read as "just now" rather than "in 2 seconds".
 */
export function formatRelativeTime(isoTimestamp: string, now: Date = new Date()): string {
  const timestamp = new Date(isoTimestamp).getTime();
  if (Number.isNaN(timestamp)) return '';
  const elapsedSeconds = Math.round((now.getTime() - timestamp) / 1000);
  if (elapsedSeconds < 45) return 'just now';
  for (const { unit, seconds } of relativeTimeUnits) {
    if (elapsedSeconds >= seconds) {
      return relativeTimeFormat.format(-Math.floor(elapsedSeconds / seconds), unit);
    }
  }
  return relativeTimeFormat.format(-Math.max(1, Math.round(elapsedSeconds / 60)), 'minute');
}

const absoluteTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** For tooltips next to a relative time: "Nov 24, 2025, 5:07 AM". */
export function formatAbsoluteTime(isoTimestamp: string): string {
  const date = new Date(isoTimestamp);
  return Number.isNaN(date.getTime()) ? '' : absoluteTimeFormat.format(date);
}
