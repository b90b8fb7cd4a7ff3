import type { Db } from '@app/db';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { storeClientFor } from '../auth/rate-limits.ts';

export interface DataRateLimitOptions {
  /** Data API requests per caller (a signed-in person, or a preview link's version) per window. */
  points: number;
  durationSeconds: number;
}

export const defaultDataRateLimit: DataRateLimitOptions = { points: 600, durationSeconds: 60 };

/**
 * The data API's per-caller limit, counted in the shared `rate_limits` table (migration 0003) like
 * the sign-in limits, so every server process counts the same requests. Returns the seconds to
 * wait when refused, else null.
 */
export function createDataRateLimit(db: Db, options: DataRateLimitOptions = defaultDataRateLimit) {
  const limiter = new RateLimiterPostgres({
    storeClient: storeClientFor(db),
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix: 'data-api',
    points: options.points,
    duration: options.durationSeconds,
    clearExpiredByTimeout: false,
    // A caller past the limit is refused from memory until its window ends (msBeforeNext of the
    // refusal the table gave), so a flood costs no write per request; under the limit every
    // request is still counted in the table, the shared truth between server processes.
    inMemoryBlockOnConsumed: options.points + 1,
  });
  return async function consume(key: string): Promise<number | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  };
}

export type ConsumeDataRequest = ReturnType<typeof createDataRateLimit>;
