import { createHash } from 'node:crypto';
import type { Db } from '@app/db';
import { TRPCError } from '@trpc/server';
import { CompiledQuery } from 'kysely';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export interface AuthRateLimitOptions {
  /** Failed sign-ins per email per 15 minutes (RATE_LIMIT_SIGNIN). */
  signInPerEmail: number;
  /** Failed sign-ins per client address per 15 minutes (RATE_LIMIT_SIGNIN_IP). */
  signInPerAddress: number;
  /** Sign-up attempts per client address per hour (RATE_LIMIT_SIGNUP). */
  signUpPerAddress: number;
  /** App-origin sign-in codes per person per 15 minutes (RATE_LIMIT_APP_SIGNIN). */
  appSignInsPerPerson: number;
}

export const defaultAuthRateLimits: AuthRateLimitOptions = {
  signInPerEmail: 10,
  signInPerAddress: 100,
  signUpPerAddress: 50,
  appSignInsPerPerson: 60,
};

const tableName = 'rate_limits';

/**
 * rate-limiter-flexible's Postgres store talks to a `pg` pool (`query({ text, values })` →
 * `{ rows, rowCount }`); this runs the same statements through the process's one Kysely pool, so the
 * limits need no second pool and follow the database the rest of the server uses.
 */
export function storeClientFor(db: Db) {
  return {
    async query(query: { text: string; values?: unknown[] }) {
      const result = await db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(query.text, query.values ?? []),
      );
      const rowCount =
        result.numAffectedRows !== undefined ? Number(result.numAffectedRows) : result.rows.length;
      return { rows: result.rows, rowCount };
    },
  };
}

/** Emails are keyed by hash: the table is about attempts, it need not hold people's addresses. */
function emailKey(email: string): string {
  return createHash('sha256').update(email).digest('base64url');
}

function tooManyAttempts(
  what: string,
  rejection: RateLimiterRes,
  res: { setHeader(name: string, value: string): unknown },
): TRPCError {
  const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  res.setHeader('Retry-After', String(seconds));
  const minutes = Math.ceil(seconds / 60);
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many ${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
  });
}

/**
 * Counts an attempt before its work is done (argon2 hashing), in one atomic upsert per key: a burst
 * of parallel attempts cannot all slip past a check-then-count, and a refused attempt costs no hash.
 * A rejection from the limiter is a RateLimiterRes; anything else (the database) is rethrown.
 */
async function consumeOrRefuse(
  limiter: RateLimiterPostgres,
  key: string,
  what: string,
  res: { setHeader(name: string, value: string): unknown },
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooManyAttempts(what, rejection, res);
    throw rejection;
  }
}

/**
 * Sign-in and sign-up limits, shared by every server process through the `rate_limits` table
 * (migration 0003). Sign-in counts attempts per email and per client address up front and forgives
 * a successful one, so what stays counted are the failures; sign-up counts every attempt per
 * address; app-origin sign-in codes count per person.
 */
export class AuthRateLimits {
  private readonly signInByEmail: RateLimiterPostgres;
  private readonly signInByAddress: RateLimiterPostgres;
  private readonly signUpByAddress: RateLimiterPostgres;
  private readonly appSignInByPerson: RateLimiterPostgres;

  constructor(db: Db, limits: AuthRateLimitOptions = defaultAuthRateLimits) {
    const store = (keyPrefix: string, points: number, duration: number, clearExpiredByTimeout: boolean) =>
      new RateLimiterPostgres({
        storeClient: storeClientFor(db),
        storeType: 'pool',
        tableName,
        tableCreated: true,
        keyPrefix,
        points,
        duration,
        // One limiter sweeping expired rows (every 5 minutes, unref'd) is enough for the shared table.
        clearExpiredByTimeout,
      });
    this.signInByEmail = store('signin-email', limits.signInPerEmail, 15 * 60, true);
    this.signInByAddress = store('signin-address', limits.signInPerAddress, 15 * 60, false);
    this.signUpByAddress = store('signup-address', limits.signUpPerAddress, 60 * 60, false);
    this.appSignInByPerson = store('app-signin-person', limits.appSignInsPerPerson, 15 * 60, false);
  }

  async beginSignIn(
    address: string,
    email: string,
    res: { setHeader(name: string, value: string): unknown },
  ): Promise<void> {
    await consumeOrRefuse(this.signInByAddress, address, 'sign-in attempts from this network', res);
    await consumeOrRefuse(this.signInByEmail, emailKey(email), 'sign-in attempts for this account', res);
  }

  /** The attempt succeeded: the email's failures are forgiven, and the address gets its point back. */
  async signInSucceeded(address: string, email: string): Promise<void> {
    await Promise.all([this.signInByEmail.delete(emailKey(email)), this.signInByAddress.reward(address)]);
  }

  async beginSignUp(
    address: string,
    res: { setHeader(name: string, value: string): unknown },
  ): Promise<void> {
    await consumeOrRefuse(this.signUpByAddress, address, 'sign-ups from this network', res);
  }

  /** Each code is a row: a signed-in person may mint them for any app, so they are counted. */
  async beginAppSignIn(
    userId: string,
    res: { setHeader(name: string, value: string): unknown },
  ): Promise<void> {
    await consumeOrRefuse(this.appSignInByPerson, userId, 'app sign-ins', res);
  }
}
