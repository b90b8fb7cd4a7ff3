import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The OS account the embedded cluster runs as when we are root (Postgres refuses to run as root). */
export const clusterUserName = 'postgres';

export interface ClusterUser {
  uid: number;
  gid: number;
}

/**
 * Who runs initdb and the postmaster: `null` when we are not root (they run as us, and reach
 * whatever we reach); as root, the `postgres` system user, created once if the machine has none.
 */
export function clusterUser(): ClusterUser | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, clusterUserName]).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', [
      '--system',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      clusterUserName,
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Whether `user` can enter `dir` (search permission on it and every ancestor). Asked of the kernel
 * by running `test -x` as that user, not worked out from mode bits, so ACLs, capabilities and
 * mount options count as they will for Postgres itself. A missing `dir` counts as its deepest
 * existing ancestor.
 */
export function canReach(dir: string, user: ClusterUser | null): boolean {
  if (!user) return true;
  // Walk up as ourselves: as `user`, a path below a directory it cannot enter looks missing too.
  let existing = path.resolve(dir);
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const probe = spawnSync('test', ['-x', existing], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * A new empty directory for a throwaway cluster, where the cluster user can enter it: under the
 * system's temp dir when that is reachable, else /var/tmp (a TMPDIR inside a private directory).
 */
export async function makeClusterScratchDir(prefix: string): Promise<string> {
  const user = clusterUser();
  const base = canReach(tmpdir(), user) ? tmpdir() : '/var/tmp';
  const dir = await mkdtemp(path.join(base, prefix));
  await chmod(dir, 0o755); // mkdtemp makes it 0700
  return dir;
}
