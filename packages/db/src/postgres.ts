import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { appRoleName, ensureUnprivilegedRole } from './app-role.ts';
import { type ClusterBinaries, installedNativeDir, reachableBinaries } from './embedded/binaries.ts';
import { type ClusterUser, canReach, clusterUser, clusterUserName } from './embedded/cluster-user.ts';

export { makeClusterScratchDir } from './embedded/cluster-user.ts';

import {
  type ClusterCredentials,
  randomCredentials,
  randomPassword,
  readCredentials,
  writeCredentials,
} from './embedded/credentials.ts';

export interface EmbeddedPostgresOptions {
  /** Cluster directory. Created (initdb) on first start, reused afterwards when `persistent`. */
  dataDir: string;
  /** Fixed port; a free loopback port is picked when omitted. */
  port?: number;
  /** Keep the data when stopped (dev) or delete it (tests). */
  persistent: boolean;
  /**
   * Where the cluster's passwords are kept (JSON, mode 0600), created with random ones at first
   * init. Default: `<dataDir>.credentials.json` for a persistent cluster; a throwaway one keeps
   * random passwords in memory only.
   */
  credentialsFile?: string;
  /** The PostgreSQL distribution (`bin/`, `lib/`, `share/`). Default: the installed npm package. */
  nativeDir?: string;
  /** Where the binaries are copied when the cluster user cannot reach `nativeDir` (see `reachableBinaries`). */
  stagingRoot?: string;
  /** Tests only: fsync off, no synchronous commit. Never for data you want to keep. */
  unsafeFast?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /**
   * The bootstrap superuser, on the `postgres` database: for migrations and for creating
   * databases and roles. Never hand it to the apps.
   */
  adminUrl: string;
  /** What the apps connect with: `appRole`, which has no privilege beyond what `migrate` grants it. */
  appUrl: string;
  appRole: string;
  port: number;
  /** The cluster directory in use. */
  dataDir: string;
  /** Where the binaries ran from (a staged copy when the checkout is out of the cluster user's reach). */
  nativeDir: string;
  stop(): Promise<void>;
}

/** The bootstrap superuser initdb creates. Its password is random per cluster (`credentials.ts`). */
const superuser = clusterUserName;

/**
 * A loopback port that is free now, for a process started next. Picked below the kernel's
 * ephemeral range: every outgoing connection (to Postgres, between test processes) takes its local
 * port from that range, so a port picked there can be taken by a connection before the process
 * that should listen on it gets to bind it (seen as EADDRINUSE under load). Falls back to the
 * kernel's choice where the range is unknown or leaves no room below it.
 */
export async function findFreePort(): Promise<number> {
  const ceiling = ephemeralRangeStart();
  if (ceiling !== null && ceiling > staticRangeStart + 1_000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const candidate = staticRangeStart + Math.floor(Math.random() * (ceiling - staticRangeStart));
      if (await canListen(candidate)) return candidate;
    }
  }
  return listenOnce(0);
}

/** Where the picked ports start: above the well-known services most machines run. */
const staticRangeStart = 20_000;

function ephemeralRangeStart(): number | null {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const value = Number(low);
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

function canListen(port: number): Promise<boolean> {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

/** Binds `port` on loopback (0: any), closes it again, and resolves with the port that was bound. */
function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('could not determine a free port'));
        return;
      }
      const bound = address.port;
      server.close(() => resolve(bound));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postmaster orphaned by a SIGKILLed parent keeps its port and pid file, and a new one would
 * refuse to start. Stop that process first so a restart after a crash just works.
 */
async function stopStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    process.kill(pid, 'SIGINT'); // fast shutdown
    for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  if (existsSync(pidFile)) rmSync(pidFile, { force: true });
}

/**
 * Sets the superuser's password of an existing cluster through single-user mode: no network, no
 * authentication, so it works without knowing the old password (a cluster from before passwords
 * were random, or whose credentials file was deleted). The postmaster must not be running.
 */
function resetSuperuserPassword(
  binaries: ClusterBinaries,
  dataDir: string,
  owner: ClusterUser | null,
  password: string,
): void {
  execFileSync(binaries.postgres, ['--single', '-D', dataDir, '-c', 'lc_messages=C', 'postgres'], {
    ...(owner ?? {}),
    // On stdin, not in argv: the command line of a process is readable by every local user.
    input: `alter role ${pg.escapeIdentifier(superuser)} password ${pg.escapeLiteral(password)}\n`,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function initialiseCluster(
  binaries: ClusterBinaries,
  dataDir: string,
  owner: ClusterUser | null,
  password: string,
  unsafeFast: boolean,
): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Next to the data dir, which the cluster user can reach by now; random name, 0600, removed at once.
  const passwordFile = path.join(path.dirname(dataDir), `.initdb-password-${randomPassword().slice(0, 12)}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner) {
      chownSync(dataDir, owner.uid, owner.gid);
      chownSync(passwordFile, owner.uid, owner.gid);
    }
    execFileSync(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${superuser}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        ...(unsafeFast ? ['--no-sync'] : []),
      ],
      { ...(owner ?? {}), stdio: 'pipe' },
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * The cluster's passwords, and the cluster initialised with them. A new cluster gets random ones
 * (stored before initdb, so no crash leaves a cluster whose password nobody knows); an existing
 * cluster without stored ones gets new random ones set through single-user mode.
 */
async function prepareCluster(
  options: EmbeddedPostgresOptions,
  binaries: ClusterBinaries,
  owner: ClusterUser | null,
): Promise<ClusterCredentials> {
  const credentialsFile =
    options.credentialsFile ?? (options.persistent ? `${options.dataDir}.credentials.json` : null);
  const stored = credentialsFile ? readCredentials(credentialsFile) : null;
  const credentials = stored ?? randomCredentials();
  if (credentialsFile && !stored) writeCredentials(credentialsFile, credentials);
  if (existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await stopStalePostmaster(options.dataDir);
    if (!stored) resetSuperuserPassword(binaries, options.dataDir, owner, credentials.superuser);
  } else {
    initialiseCluster(binaries, options.dataDir, owner, credentials.superuser, options.unsafeFast ?? false);
  }
  return credentials;
}

function loopbackUrl(role: string, password: string, port: number, database = 'postgres'): string {
  return `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL cluster from the npm-shipped binaries (dev and tests), with a random
 * superuser password and an unprivileged login role for the apps (`appRoleName`).
 * The postmaster runs `detached`, in its own process group: a Ctrl-C in the terminal reaches the
 * app processes first, and Postgres is stopped last, by us, after they have shut down cleanly.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => {});
  const owner = clusterUser();
  const binaries = reachableBinaries(
    options.nativeDir ?? (await installedNativeDir()),
    owner,
    options.stagingRoot,
  );
  const parent = path.dirname(options.dataDir);
  mkdirSync(parent, { recursive: true });
  if (owner) chmodSync(parent, 0o755);
  if (!canReach(parent, owner)) {
    throw new Error(
      `the ${superuser} user cannot reach ${parent} (a private directory above it): keep the cluster where it can, e.g. with startCheckoutPostgres`,
    );
  }
  const credentials = await prepareCluster(options, binaries, owner);

  const flags = [
    // Loopback only, no unix socket: parallel clusters (test runs, dev) never clash on a socket path.
    '-c',
    'listen_addresses=127.0.0.1',
    '-k',
    '',
    '-c',
    'max_connections=300',
    // English server messages whatever the machine's locale: we wait for "ready to accept connections".
    '-c',
    'lc_messages=C',
    ...(options.unsafeFast
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  const child = spawn(binaries.postgres, ['-D', options.dataDir, '-p', String(port), ...flags], {
    ...(owner ?? {}),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log(text);
      if (output.length < 20_000) output += text;
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`postgres exited (${code}) before it was ready:\n${output}`)),
    );
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      await exited;
    }
    if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
  };

  const adminUrl = loopbackUrl(superuser, credentials.superuser, port);
  try {
    // Every start, not only the first: the role's password follows the credentials file, and a
    // cluster from before the app role existed gets it.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await ensureUnprivilegedRole(admin, appRoleName, credentials.app);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    if ((error as { code?: string }).code === '28P01') {
      // The stored passwords belong to another cluster (a `.data/` copied between checkouts).
      throw new Error(
        `the stored superuser password does not open the cluster in ${options.dataDir}: delete its credentials file (${options.credentialsFile ?? `${options.dataDir}.credentials.json`}) to reset the passwords`,
        { cause: error },
      );
    }
    throw error;
  }
  return {
    adminUrl,
    appUrl: loopbackUrl(appRoleName, credentials.app, port),
    appRole: appRoleName,
    port,
    dataDir: options.dataDir,
    nativeDir: binaries.nativeDir,
    stop,
  };
}
