import type { VersionStatus } from '@app/core/schemas';
import { sql } from 'kysely';
import { type DbOrTrx, inTransaction } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { requireAppRole, requireVersionRole } from './access.ts';
import { storedVersionStatus } from './versions.ts';

/**
 * Publishing (docs/architecture.md#publishing): `apps.published_version_id` is the one pointer the
 * app's stable URL follows. Publishing another version moves the pointer and nothing else — the
 * app's live data belongs to the app, not to a version, so it stays.
 */
export interface PublishedVersion {
  versionId: string;
  number: number;
  publishedAt: string;
}

/**
 * Points the app's stable URL at this version (editors and owners). The version names its app, so
 * a version is only ever published on its own app. Publishing the version that is already
 * published keeps its original `publishedAt`.
 */
export async function publishVersion(
  db: DbOrTrx,
  input: { userId: string; versionId: string },
): Promise<{ appId: string; published: PublishedVersion; status: VersionStatus }> {
  return inTransaction(db, async (trx) => {
    const { version } = await requireVersionRole(trx, {
      userId: input.userId,
      versionId: input.versionId,
      action: 'build',
    });
    const app = await trx
      .updateTable('apps')
      .set({
        published_version_id: version.id,
        published_at: sql<string>`case when published_version_id = ${version.id}::uuid then published_at else now() end`,
      })
      .where('id', '=', version.app_id)
      .returning(['id', 'published_at'])
      .executeTakeFirst();
    if (!app?.published_at) throw new NotFoundError('App not found');
    return {
      appId: app.id,
      published: {
        versionId: version.id,
        number: version.number,
        publishedAt: app.published_at.toISOString(),
      },
      status: storedVersionStatus(version.status),
    };
  });
}

/** Takes the app off its stable URL (editors and owners); members then get the 404 page. */
export async function unpublishApp(db: DbOrTrx, input: { userId: string; appId: string }): Promise<void> {
  await requireAppRole(db, { userId: input.userId, appId: input.appId, action: 'build' });
  await db
    .updateTable('apps')
    .set({ published_version_id: null, published_at: null })
    .where('id', '=', input.appId)
    .execute();
}

/** What the app's stable URL serves now, or null when it is not published (or no such app). */
export async function findPublishedVersion(
  db: DbOrTrx,
  appId: string,
): Promise<(PublishedVersion & { appName: string }) | null> {
  const row = await db
    .selectFrom('apps')
    .innerJoin('versions', 'versions.id', 'apps.published_version_id')
    .select(['apps.name', 'apps.published_at', 'versions.id as version_id', 'versions.number'])
    .where('apps.id', '=', appId)
    .executeTakeFirst();
  if (!row?.published_at) return null;
  return {
    appName: row.name,
    versionId: row.version_id,
    number: row.number,
    publishedAt: row.published_at.toISOString(),
  };
}

/** How long a sign-in code lives: the builder redirects to the app's origin at once. */
export const appOriginCodeLifetimeSeconds = 60;
/** How long a session on an app's origin lives; membership is still checked on every request. */
export const appOriginSessionLifetimeSeconds = 7 * 24 * 60 * 60;

/**
 * Stores a code's hash for (person, app). A code says who the person is, not what they may do: the
 * app's origin reads membership on every request, so a signed-in non-member lands on its 403 page
 * (naming who is signed in, with a way to switch) rather than stopping in the builder. Only an app
 * that exists gets one (NotFoundError otherwise) — in one statement, so a deleted app cannot slip
 * in between.
 */
export async function insertAppOriginCode(
  db: DbOrTrx,
  input: {
    codeHash: string;
    userId: string;
    appId: string;
    /** The builder session asking (its token's hash); absent when an access token asks. */
    builderSessionTokenHash?: string | null;
    lifetimeSeconds?: number;
  },
): Promise<void> {
  const lifetime = input.lifetimeSeconds ?? appOriginCodeLifetimeSeconds;
  const sessionHash = input.builderSessionTokenHash ?? null;
  const inserted = await db
    .insertInto('app_origin_codes')
    .columns(['code_hash', 'user_id', 'app_id', 'builder_session_id', 'expires_at'])
    .expression((eb) =>
      eb
        .selectFrom('apps')
        .select([
          sql.val(input.codeHash).as('code_hash'),
          sql.val(input.userId).as('user_id'),
          'apps.id',
          sql<string | null>`(select id from sessions where token_hash = ${sessionHash})`.as(
            'builder_session_id',
          ),
          // The database's clock decides expiry at both ends, never two machines' clocks.
          sql<string>`now() + make_interval(secs => ${lifetime})`.as('expires_at'),
        ])
        .where('apps.id', '=', input.appId),
    )
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new NotFoundError('App not found');
}

/**
 * Uses a code up: the person it names, or null when it is unknown, expired, already used or for
 * another app. One conditional update, so of two concurrent exchanges of the same code exactly one
 * gets the row; a code presented on the wrong app's host is refused and stays usable on its own.
 */
export async function consumeAppOriginCode(
  db: DbOrTrx,
  input: { codeHash: string; appId: string },
): Promise<{ userId: string; builderSessionId: string | null } | null> {
  const row = await db
    .updateTable('app_origin_codes')
    .set({ used_at: sql<string>`now()` })
    .where('code_hash', '=', input.codeHash)
    .where('app_id', '=', input.appId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['user_id', 'builder_session_id'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, builderSessionId: row.builder_session_id } : null;
}

export async function insertAppOriginSession(
  db: DbOrTrx,
  input: {
    tokenHash: string;
    userId: string;
    appId: string;
    builderSessionId?: string | null;
    lifetimeSeconds?: number;
  },
): Promise<void> {
  const lifetime = input.lifetimeSeconds ?? appOriginSessionLifetimeSeconds;
  await db
    .insertInto('app_origin_sessions')
    .values({
      token_hash: input.tokenHash,
      user_id: input.userId,
      app_id: input.appId,
      builder_session_id: input.builderSessionId ?? null,
      expires_at: sql<string>`now() + make_interval(secs => ${lifetime})`,
    })
    .execute();
}

/** The person behind a live session of this app's origin; a session of another app is no session. */
export async function findAppOriginSessionUser(
  db: DbOrTrx,
  input: { tokenHash: string; appId: string },
): Promise<{ id: string; email: string } | null> {
  const row = await db
    .selectFrom('app_origin_sessions')
    .innerJoin('users', 'users.id', 'app_origin_sessions.user_id')
    .select(['users.id', 'users.email'])
    .where('app_origin_sessions.token_hash', '=', input.tokenHash)
    .where('app_origin_sessions.app_id', '=', input.appId)
    .where('app_origin_sessions.revoked_at', 'is', null)
    .where('app_origin_sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ?? null;
}

export async function revokeAppOriginSession(
  db: DbOrTrx,
  input: { tokenHash: string; appId: string },
): Promise<void> {
  await db
    .updateTable('app_origin_sessions')
    .set({ revoked_at: sql<string>`now()` })
    .where('token_hash', '=', input.tokenHash)
    .where('app_id', '=', input.appId)
    .where('revoked_at', 'is', null)
    .execute();
}
