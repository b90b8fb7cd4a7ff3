import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { createAppWithJob } from './apps.ts';
import { deleteExpiredCredentials, expiredInviteRetentionDays } from './housekeeping.ts';
import { insertAppOriginCode, insertAppOriginSession } from './publishing.ts';
import { insertSession } from './sessions.ts';
import { insertUser } from './users.ts';
import { createInvite, createWorkspace } from './workspaces.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

const hash = () => createHash('sha256').update(randomBytes(32)).digest('base64url');

describe('deleteExpiredCredentials', () => {
  it('deletes what can never work again and keeps everything that still can', async () => {
    const { db } = database;
    const owner = await insertUser(db, `owner.${Date.now()}@example.com`, 'not-a-real-hash');
    const { app } = await createAppWithJob(db, { userId: owner.id, name: 'Rota', request: 'A rota' });
    const workspace = await createWorkspace(db, { userId: owner.id, name: 'Team' });

    // Sign-in codes: one live, one past its minute, one past it and used.
    const [liveCode, deadCode, usedCode] = [hash(), hash(), hash()];
    await insertAppOriginCode(db, { codeHash: liveCode, userId: owner.id, appId: app.id });
    await insertAppOriginCode(db, {
      codeHash: deadCode,
      userId: owner.id,
      appId: app.id,
      lifetimeSeconds: -1,
    });
    await insertAppOriginCode(db, {
      codeHash: usedCode,
      userId: owner.id,
      appId: app.id,
      lifetimeSeconds: -1,
    });
    await sql`update app_origin_codes set used_at = now() where code_hash = ${usedCode}`.execute(db);
    // App-origin sessions: live, expired, revoked two days ago, revoked just now (kept a day).
    const [liveSession, expiredSession, oldRevoked, newRevoked] = [hash(), hash(), hash(), hash()];
    for (const tokenHash of [liveSession, oldRevoked, newRevoked])
      await insertAppOriginSession(db, { tokenHash, userId: owner.id, appId: app.id });
    await insertAppOriginSession(db, {
      tokenHash: expiredSession,
      userId: owner.id,
      appId: app.id,
      lifetimeSeconds: -1,
    });
    await sql`update app_origin_sessions set revoked_at = now() - interval '2 days' where token_hash = ${oldRevoked}`.execute(
      db,
    );
    await sql`update app_origin_sessions set revoked_at = now() where token_hash = ${newRevoked}`.execute(db);
    // Builder sessions: live, expired, long revoked.
    const [liveBuilder, expiredBuilder, revokedBuilder] = [hash(), hash(), hash()];
    await insertSession(db, {
      tokenHash: liveBuilder,
      userId: owner.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await insertSession(db, {
      tokenHash: expiredBuilder,
      userId: owner.id,
      expiresAt: new Date(Date.now() - 1_000),
    });
    await insertSession(db, {
      tokenHash: revokedBuilder,
      userId: owner.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await sql`update sessions set revoked_at = now() - interval '2 days' where token_hash = ${revokedBuilder}`.execute(
      db,
    );
    // Invites: pending, expired recently (still listed to owners), expired past the retention.
    const invite = (email: string) =>
      createInvite(db, { userId: owner.id, workspaceId: workspace.id, email, role: 'viewer' });
    const pending = await invite('pending@example.com');
    const recent = await invite('recent@example.com');
    const ancient = await invite('ancient@example.com');
    await sql`update workspace_invites set expires_at = now() - interval '1 day' where id = ${recent.inviteId}`.execute(
      db,
    );
    await sql`update workspace_invites set expires_at = now() - make_interval(days => ${expiredInviteRetentionDays + 1}) where id = ${ancient.inviteId}`.execute(
      db,
    );

    expect(await deleteExpiredCredentials(db)).toEqual({
      signInCodes: 2,
      appOriginSessions: 2,
      builderSessions: 2,
      invites: 1,
    });
    const codes = await db.selectFrom('app_origin_codes').select('code_hash').execute();
    expect(codes.map((row) => row.code_hash)).toEqual([liveCode]);
    const appSessions = await db.selectFrom('app_origin_sessions').select('token_hash').execute();
    expect(appSessions.map((row) => row.token_hash).sort()).toEqual([liveSession, newRevoked].sort());
    const builder = await db.selectFrom('sessions').select('token_hash').execute();
    expect(builder.map((row) => row.token_hash)).toEqual([liveBuilder]);
    const invites = await db.selectFrom('workspace_invites').select('id').execute();
    expect(invites.map((row) => row.id).sort()).toEqual([pending.inviteId, recent.inviteId].sort());
    // Run again: nothing left to delete.
    expect(await deleteExpiredCredentials(db)).toEqual({
      signInCodes: 0,
      appOriginSessions: 0,
      builderSessions: 0,
      invites: 0,
    });
  });
});
