import { sql } from 'kysely';
import type { DbOrTrx } from '../client.ts';

/**
 * How long an expired invite stays listed to the workspace's owners (marked expired, so they know
 * to send a new one) before it is deleted.
 */
export const expiredInviteRetentionDays = 30;
/** Revoked sessions are kept a day: long enough for every server's stream sweep to see them. */
const revokedRetention = sql`interval '1 day'`;

export interface HousekeepingResult {
  signInCodes: number;
  appOriginSessions: number;
  builderSessions: number;
  invites: number;
}

/**
 * Deletes credentials that can never work again: app-origin sign-in codes past their minute (used
 * or not), app-origin and builder sessions past their expiry or revoked a day ago, and invites
 * expired for a month without being accepted. Every check of these rows already refuses them by
 * time, so this only keeps the tables from growing without end; it is safe to run from several
 * workers at once (each row goes once, the others delete nothing).
 */
export async function deleteExpiredCredentials(db: DbOrTrx): Promise<HousekeepingResult> {
  const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
  const signInCodes = await db
    .deleteFrom('app_origin_codes')
    .where('expires_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  const appOriginSessions = await db
    .deleteFrom('app_origin_sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', sql<Date>`now()`),
        eb('revoked_at', '<', sql<Date>`now() - ${revokedRetention}`),
      ]),
    )
    .executeTakeFirst();
  const builderSessions = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', sql<Date>`now()`),
        eb('revoked_at', '<', sql<Date>`now() - ${revokedRetention}`),
      ]),
    )
    .executeTakeFirst();
  const invites = await db
    .deleteFrom('workspace_invites')
    .where('accepted_at', 'is', null)
    .where('expires_at', '<', sql<Date>`now() - make_interval(days => ${expiredInviteRetentionDays})`)
    .executeTakeFirst();
  return {
    signInCodes: count(signInCodes),
    appOriginSessions: count(appOriginSessions),
    builderSessions: count(builderSessions),
    invites: count(invites),
  };
}
