import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LimitReachedError, NotFoundError } from '../errors.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import {
  createAccessToken,
  findActiveAccessToken,
  findLiveAccessTokenIds,
  listAccessTokens,
  revokeAccessToken,
} from './access-tokens.ts';
import { insertUser } from './users.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

let userCounter = 0;
async function newUser() {
  userCounter += 1;
  return insertUser(database.db, `tokens${userCounter}-${Date.now()}@example.com`, 'not-a-real-hash');
}
const someHash = () => randomBytes(32).toString('hex');

describe('access tokens', () => {
  it('creates and lists a person’s live tokens, newest first, without their hashes', async () => {
    const user = await newUser();
    const other = await newUser();
    const first = await createAccessToken(database.db, {
      userId: user.id,
      name: 'CI',
      tokenHash: someHash(),
      maxActive: 50,
    });
    const second = await createAccessToken(database.db, {
      userId: user.id,
      name: 'Laptop',
      tokenHash: someHash(),
      maxActive: 50,
    });
    await createAccessToken(database.db, {
      userId: other.id,
      name: 'Theirs',
      tokenHash: someHash(),
      maxActive: 50,
    });
    const listed = await listAccessTokens(database.db, user.id);
    expect(listed.map((token) => token.name)).toEqual(['Laptop', 'CI']);
    expect(listed.map((token) => token.id)).toEqual([second.id, first.id]);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);
    expect(listed[0]?.lastUsedAt).toBeNull();
    expect(listed[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('finds a live token by its hash, with its user, and a revoked or unknown one not at all', async () => {
    const user = await newUser();
    const hash = someHash();
    const token = await createAccessToken(database.db, {
      userId: user.id,
      name: 'CI',
      tokenHash: hash,
      maxActive: 50,
    });
    expect(await findActiveAccessToken(database.db, hash)).toEqual({
      tokenId: token.id,
      user: { id: user.id, email: user.email },
    });
    expect(await findActiveAccessToken(database.db, someHash())).toBeUndefined();
    await revokeAccessToken(database.db, token.id, user.id);
    expect(await findActiveAccessToken(database.db, hash)).toBeUndefined();
    expect(await listAccessTokens(database.db, user.id)).toEqual([]);
  });

  it('touches last_used_at on use, at most once a minute', async () => {
    const user = await newUser();
    const hash = someHash();
    const token = await createAccessToken(database.db, {
      userId: user.id,
      name: 'CI',
      tokenHash: hash,
      maxActive: 50,
    });
    await findActiveAccessToken(database.db, hash);
    const [afterFirst] = await listAccessTokens(database.db, user.id);
    expect(afterFirst?.lastUsedAt).toBeInstanceOf(Date);
    await findActiveAccessToken(database.db, hash);
    const [afterSecond] = await listAccessTokens(database.db, user.id);
    expect(afterSecond?.lastUsedAt?.getTime()).toBe(afterFirst?.lastUsedAt?.getTime());
    // Two minutes later (moved back in the table), the next use writes it again.
    await sql`update access_tokens set last_used_at = now() - interval '2 minutes' where id = ${token.id}`.execute(
      database.db,
    );
    const [stale] = await listAccessTokens(database.db, user.id);
    await findActiveAccessToken(database.db, hash);
    const [afterThird] = await listAccessTokens(database.db, user.id);
    expect(afterThird?.lastUsedAt?.getTime()).toBeGreaterThan(
      stale?.lastUsedAt?.getTime() ?? Number.POSITIVE_INFINITY,
    );
  });

  it('revokes only for the token’s owner: anyone else gets NotFoundError and the token lives on', async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const hash = someHash();
    const token = await createAccessToken(database.db, {
      userId: owner.id,
      name: 'CI',
      tokenHash: hash,
      maxActive: 50,
    });
    await expect(revokeAccessToken(database.db, token.id, stranger.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      revokeAccessToken(database.db, '00000000-0000-4000-8000-000000000000', owner.id),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await findActiveAccessToken(database.db, hash)).toBeDefined();
    await revokeAccessToken(database.db, token.id, owner.id);
    // Revoking again is not an error, and keeps the first revocation time.
    const before = await database.db
      .selectFrom('access_tokens')
      .select('revoked_at')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    await revokeAccessToken(database.db, token.id, owner.id);
    const after = await database.db
      .selectFrom('access_tokens')
      .select('revoked_at')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(after.revoked_at?.getTime()).toBe(before.revoked_at?.getTime());
  });

  it('caps live tokens per person, even when created concurrently; a revoked one frees a place', async () => {
    const user = await newUser();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        createAccessToken(database.db, {
          userId: user.id,
          name: `t${index}`,
          tokenHash: someHash(),
          maxActive: 5,
        }),
      ),
    );
    const created = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result) => result.status === 'rejected');
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const result of refused) expect(result.reason).toBeInstanceOf(LimitReachedError);
    const [newest] = await listAccessTokens(database.db, user.id);
    if (!newest) throw new Error('no token listed');
    await revokeAccessToken(database.db, newest.id, user.id);
    await expect(
      createAccessToken(database.db, { userId: user.id, name: 'again', tokenHash: someHash(), maxActive: 5 }),
    ).resolves.toMatchObject({ name: 'again' });
  });

  it('tells which followed token ids are still live', async () => {
    const user = await newUser();
    const live = await createAccessToken(database.db, {
      userId: user.id,
      name: 'a',
      tokenHash: someHash(),
      maxActive: 50,
    });
    const revoked = await createAccessToken(database.db, {
      userId: user.id,
      name: 'b',
      tokenHash: someHash(),
      maxActive: 50,
    });
    await revokeAccessToken(database.db, revoked.id, user.id);
    expect(await findLiveAccessTokenIds(database.db, [live.id, revoked.id])).toEqual(new Set([live.id]));
    expect(await findLiveAccessTokenIds(database.db, [])).toEqual(new Set());
  });

  it('refuses an empty or over-long name at the table too', async () => {
    const user = await newUser();
    await expect(
      createAccessToken(database.db, { userId: user.id, name: '', tokenHash: someHash(), maxActive: 50 }),
    ).rejects.toThrow(/check constraint/);
    await expect(
      createAccessToken(database.db, {
        userId: user.id,
        name: 'x'.repeat(101),
        tokenHash: someHash(),
        maxActive: 50,
      }),
    ).rejects.toThrow(/check constraint/);
  });
});
