import { setTimeout as sleep } from 'node:timers/promises';
import { createAppWithJob, insertAppOriginCode, insertUser } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startHousekeeping } from './housekeeping.ts';
import type { Logger } from './logger.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

describe('startHousekeeping', () => {
  it('deletes expired sign-in codes on its interval, says so, and stops cleanly', async () => {
    const { db } = database;
    const user = await insertUser(db, `keeper.${Date.now()}@example.com`, 'not-a-real-hash');
    const { app } = await createAppWithJob(db, { userId: user.id, name: 'Rota', request: 'A rota' });
    await insertAppOriginCode(db, {
      codeHash: 'expired-code',
      userId: user.id,
      appId: app.id,
      lifetimeSeconds: -1,
    });
    await insertAppOriginCode(db, { codeHash: 'live-code', userId: user.id, appId: app.id });
    const lines: { message: string; fields: unknown }[] = [];
    const record = (message: string, fields?: unknown) => lines.push({ message, fields });
    const logger = { info: record, warn: record, error: record, debug: record } as unknown as Logger;
    const housekeeping = startHousekeeping({ db, intervalMs: 50, logger });
    const remaining = async () =>
      (await db.selectFrom('app_origin_codes').select('code_hash').execute()).map((row) => row.code_hash);
    for (let waited = 0; (await remaining()).length > 1 && waited < 5_000; waited += 50) await sleep(50);
    await housekeeping.stop();
    expect(await remaining()).toEqual(['live-code']);
    expect(lines).toContainEqual({
      message: 'deleted expired credentials',
      fields: { signInCodes: 1, appOriginSessions: 0, builderSessions: 0, invites: 0 },
    });
  });
});
