export interface RetryPolicy {
  /** Attempts per call including the first. */
  maxAttempts: number;
  /** First backoff; doubles per attempt. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A server asking us to wait longer than this is waited on only this long. */
  retryAfterMaxMs: number;
  /** Invalid JSON / schema mismatch: a second try often fixes it, a third rarely does. */
  maxSchemaAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 8_000,
  retryAfterMaxMs: 20_000,
  maxSchemaAttempts: 2,
};

/** Exponential backoff with ±20 % jitter so parallel workers don't retry in lockstep. */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.8 + random() * 0.4));
}

/**
 * Reads OpenAI's `retry-after-ms` (milliseconds) or the standard `retry-after` (seconds or an
 * HTTP date). Returns null when the server gave no usable hint.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | null {
  if (!headers) return null;
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.round(milliseconds);
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
