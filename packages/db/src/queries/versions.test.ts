import type { Check } from '@app/core/schemas';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, createUserWithJob, type TestDatabase } from '../testing/index.ts';
import { listAppVersions } from './apps.ts';
import { findVersion, insertVersion, loadVersionView, restoreVersion } from './versions.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
});
afterAll(() => database.destroy());

const passed: Check = { id: 'renders', title: 'The app renders without errors', ok: true, detail: '' };
const failed: Check = {
  id: 'form:loan',
  title: 'Loans form has Tool, Member',
  ok: false,
  detail: 'no Member',
};

async function versionOf(appId: string, checks: Check[]) {
  return insertVersion(database.db, {
    appId,
    request: 'A tool library',
    files: [{ path: 'src/App.tsx', content: 'export default function App() { return null; }' }],
    ledger: [],
    plan: [],
    checks,
  });
}

describe('versions keep their checks and say honestly whether they passed', () => {
  it('is ready when every check passed and checks_failed when one did not; both read back', async () => {
    const { app } = await createUserWithJob(database.db);
    const good = await versionOf(app.id, [passed]);
    const bad = await versionOf(app.id, [passed, failed]);
    expect((await loadVersionView(database.db, good)).status).toBe('ready');
    const badView = await loadVersionView(database.db, bad);
    expect(badView.status).toBe('checks_failed');
    expect(badView.checks).toEqual([passed, failed]);
    const listed = await listAppVersions(database.db, app.id);
    expect(listed.map((version) => [version.number, version.status, version.checks.length])).toEqual([
      [2, 'checks_failed', 2],
      [1, 'ready', 1],
    ]);
  });

  it('a restore carries the source version status and checks', async () => {
    const { user, app } = await createUserWithJob(database.db);
    const bad = await versionOf(app.id, [failed]);
    await database.db.updateTable('jobs').set({ status: 'cancelled' }).where('app_id', '=', app.id).execute();
    const restored = await restoreVersion(database.db, { versionId: bad.id, userId: user.id });
    const view = await loadVersionView(database.db, restored);
    expect(view.status).toBe('checks_failed');
    expect(view.checks).toEqual([failed]);
  });

  it('the database refuses a status it does not know', async () => {
    const { app } = await createUserWithJob(database.db);
    const version = await versionOf(app.id, []);
    await expect(
      sql`update versions set status = 'great' where id = ${version.id}`.execute(database.db),
    ).rejects.toThrow(/versions_status_known/);
    expect((await findVersion(database.db, version.id))?.status).toBe('ready');
  });
});
