import { sql } from 'kysely';
import { type DbOrTrx, inTransaction } from '../client.ts';
import { LimitReachedError, NotFoundError } from '../errors.ts';
import type { User } from './users.ts';

/** A token as its owner sees it: never its hash. */
export interface AccessTokenSummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/**
 * Stores a new token by its hash, unless the person already holds `maxActive` live ones. The
 * count and the insert run under a lock on the person's row, so two concurrent creations cannot
 * both see 49 and end at 51.
 */
export async function createAccessToken(
  db: DbOrTrx,
  token: { userId: string; name: string; tokenHash: string; maxActive: number },
): Promise<AccessTokenSummary> {
  return inTransaction(db, async (trx) => {
    await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', token.userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const { count } = await trx
      .selectFrom('access_tokens')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('user_id', '=', token.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(count) >= token.maxActive) {
      throw new LimitReachedError(`You already have ${token.maxActive} active tokens: revoke one first`);
    }
    const row = await trx
      .insertInto('access_tokens')
      .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash })
      .returning(['id', 'name', 'created_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
    return toSummary(row);
  });
}

/** The person's live tokens, newest first. */
export async function listAccessTokens(db: DbOrTrx, userId: string): Promise<AccessTokenSummary[]> {
  const rows = await db
    .selectFrom('access_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toSummary);
}

/**
 * Revokes one of the person's own tokens (again is fine: it stays revoked). Someone else's token
 * or a missing id is `NotFoundError`, the same answer for both, so ids of others cannot be probed.
 */
export async function revokeAccessToken(db: DbOrTrx, tokenId: string, userId: string): Promise<void> {
  const owned = await db
    .updateTable('access_tokens')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!owned) throw new NotFoundError('Token not found');
}

/** How stale `last_used_at` may get: a token used many times a second is written once a minute. */
const lastUsedResolution = sql`interval '1 minute'`;

/**
 * The live token with this hash and its user, or undefined. Touches `last_used_at` when it is
 * older than a minute (by the database's clock); the update's own condition makes concurrent
 * requests with the same token write it once.
 */
export async function findActiveAccessToken(
  db: DbOrTrx,
  tokenHash: string,
): Promise<{ tokenId: string; user: User } | undefined> {
  const row = await db
    .selectFrom('access_tokens')
    .innerJoin('users', 'users.id', 'access_tokens.user_id')
    .select([
      'access_tokens.id as tokenId',
      'users.id as userId',
      'users.email',
      sql<boolean>`access_tokens.last_used_at is null or access_tokens.last_used_at < now() - ${lastUsedResolution}`.as(
        'touchDue',
      ),
    ])
    .where('access_tokens.token_hash', '=', tokenHash)
    .where('access_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.touchDue) {
    await db
      .updateTable('access_tokens')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.tokenId)
      .where((eb) =>
        eb.or([
          eb('last_used_at', 'is', null),
          eb('last_used_at', '<', sql<Date>`now() - ${lastUsedResolution}`),
        ]),
      )
      .execute();
  }
  return { tokenId: row.tokenId, user: { id: row.userId, email: row.email } };
}

/** Which of these token ids are still live (not revoked): the stream sweep's question. */
export async function findLiveAccessTokenIds(db: DbOrTrx, tokenIds: string[]): Promise<Set<string>> {
  if (tokenIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('access_tokens')
    .select('id')
    .where('id', 'in', tokenIds)
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.id));
}

function toSummary(row: { id: string; name: string; created_at: Date; last_used_at: Date | null }) {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}
