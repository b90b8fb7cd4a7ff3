import { describe, expect, it } from 'vitest';
import { costUsd } from './pricing.ts';
import { backoffDelayMs, defaultRetryPolicy, retryAfterMs } from './retry-policy.ts';

describe('retry-after parsing', () => {
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2_000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(5_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Headers())).toBeNull();
  });

  it('backs off exponentially within the cap', () => {
    const half = () => 0.5;
    expect(backoffDelayMs(defaultRetryPolicy, 1, half)).toBe(500);
    expect(backoffDelayMs(defaultRetryPolicy, 2, half)).toBe(1_000);
    expect(backoffDelayMs(defaultRetryPolicy, 10, half)).toBe(defaultRetryPolicy.backoffMaxMs);
  });
});

describe('pricing', () => {
  it('prices known models and dated snapshots, never confusing gpt-4o with gpt-4o-mini', () => {
    expect(costUsd('gpt-4o', 1_000_000, 0)).toBe(2.5);
    expect(costUsd('gpt-4o-mini', 1_000_000, 1_000_000)).toBe(0.75);
    expect(costUsd('gpt-4o-mini-2024-07-18', 1_000_000, 0)).toBe(0.15);
    expect(costUsd('qwen2.5:7b', 1_000_000, 1_000_000)).toBe(0);
  });
});
