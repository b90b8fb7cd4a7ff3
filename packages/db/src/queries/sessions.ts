import { sql } from 'kysely';
import { type DbOrTrx, inTransaction } from '../client.ts';
import type { User } from './users.ts';

/** Sessions are stored by the hash of their token: a leaked table does not leak live cookies. */
export async function insertSession(
  db: DbOrTrx,
  session: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: session.tokenHash, user_id: session.userId, expires_at: session.expiresAt })
    .execute();
}

export async function findSessionUser(db: DbOrTrx, tokenHash: string): Promise<User | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/** The live session behind a token hash: its user and when it expires (streams end then). */
export async function findSession(
  db: DbOrTrx,
  tokenHash: string,
): Promise<{ user: User; expiresAt: Date } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ? { user: { id: row.id, email: row.email }, expiresAt: new Date(row.expires_at) } : undefined;
}

/** Which of these token hashes are still live sessions (not revoked, not expired). */
export async function findLiveSessionHashes(db: DbOrTrx, tokenHashes: string[]): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await db
    .selectFrom('sessions')
    .select('token_hash')
    .where('token_hash', 'in', tokenHashes)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .execute();
  return new Set(rows.map((row) => row.token_hash));
}

/**
 * Sign-out. The app-origin sessions this builder session started (and codes not yet exchanged)
 * end with it, in the same transaction: signing out of the builder signs this browser out of the
 * team's published apps too.
 */
export async function revokeSession(db: DbOrTrx, tokenHash: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const revoked = await trx
      .updateTable('sessions')
      .set({ revoked_at: sql<string>`now()` })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!revoked) return;
    await trx
      .updateTable('app_origin_sessions')
      .set({ revoked_at: sql<string>`now()` })
      .where('builder_session_id', '=', revoked.id)
      .where('revoked_at', 'is', null)
      .execute();
    await trx
      .updateTable('app_origin_codes')
      .set({ used_at: sql<string>`now()` })
      .where('builder_session_id', '=', revoked.id)
      .where('used_at', 'is', null)
      .execute();
  });
}

export async function revokeAllSessions(db: DbOrTrx, userId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: sql<string>`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
