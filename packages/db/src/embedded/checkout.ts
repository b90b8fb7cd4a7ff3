import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { type EmbeddedPostgresOptions, type RunningPostgres, startEmbeddedPostgres } from '../postgres.ts';
import { canReach, clusterUser, clusterUserName } from './cluster-user.ts';

/**
 * Where a private checkout's cluster lives instead of `.data/pg`: persistent state of a service run
 * as root (FHS /var/lib), so unlike /var/tmp no tmpfiles age rule ever deletes a quiet cluster.
 */
export const defaultRelocationRoot = '/var/lib/app-builder';

export interface CheckoutPostgresOptions
  extends Pick<EmbeddedPostgresOptions, 'port' | 'nativeDir' | 'stagingRoot' | 'onLog'> {
  /** The repository's root: its `.data/` holds the cluster (or a link to it) and its passwords. */
  checkoutDir: string;
  /** Where the cluster goes when the cluster user cannot reach `.data/` (default `defaultRelocationRoot`). */
  relocationRoot?: string;
}

export interface CheckoutPostgres extends RunningPostgres {
  /** Set when the data lives outside the checkout (`.data/pg` is a link to it). */
  relocated: boolean;
}

/**
 * The persistent dev cluster of a checkout (`pnpm dev`, `pnpm start`): data in `.data/pg`, the
 * passwords in `.data/pg-credentials.json` (0600).
 *
 * As root, Postgres runs as the `postgres` user, which must traverse every directory above its
 * data. In a private checkout (under a 0700 directory: /root/x, `mktemp -d`) it cannot, so the
 * data goes to `<relocationRoot>/<checkout name>-<hash of its path>/pg`, and `.data/pg` becomes a
 * symbolic link to it: `.data/` still says where the data is, the data still persists across
 * runs, and nothing above the checkout has its permissions changed (no chmod of the private
 * parent; setfacl is often missing). The passwords stay in `.data/`: only we read them, never
 * Postgres. The binaries get the same treatment (`reachableBinaries`).
 */
export async function startCheckoutPostgres(options: CheckoutPostgresOptions): Promise<CheckoutPostgres> {
  const stateDir = path.join(options.checkoutDir, '.data');
  mkdirSync(stateDir, { recursive: true });
  const { dataDir, relocated } = clusterDirOf(options, stateDir);
  const running = await startEmbeddedPostgres({
    dataDir,
    persistent: true,
    credentialsFile: path.join(stateDir, 'pg-credentials.json'),
    port: options.port,
    nativeDir: options.nativeDir,
    stagingRoot: options.stagingRoot,
    onLog: options.onLog,
  });
  return { ...running, relocated };
}

function clusterDirOf(
  options: CheckoutPostgresOptions,
  stateDir: string,
): { dataDir: string; relocated: boolean } {
  const link = path.join(stateDir, 'pg');
  const existing = existsSync(link) || isSymlink(link);
  if (existing && isSymlink(link)) {
    // Postgres is given the target: resolving the link itself would mean traversing the checkout.
    return { dataDir: path.resolve(stateDir, readlinkSync(link)), relocated: true };
  }
  const user = clusterUser();
  if (existing || canReach(stateDir, user)) return { dataDir: link, relocated: false };

  const checkout = realpathSync(options.checkoutDir);
  const key = createHash('sha256').update(checkout).digest('hex').slice(0, 12);
  const root = options.relocationRoot ?? defaultRelocationRoot;
  const home = path.join(root, `${path.basename(checkout)}-${key}`);
  mkdirSync(home, { recursive: true });
  // Enterable by the cluster user whatever the umask; nothing above the root is touched.
  chmodSync(root, 0o755);
  chmodSync(home, 0o755);
  const dataDir = path.join(home, 'pg');
  symlinkSync(dataDir, link);
  if (!canReach(home, user)) throw new Error(`the ${clusterUserName} user cannot reach ${home}`);
  return { dataDir, relocated: true };
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
