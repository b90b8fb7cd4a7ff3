import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '@app/db';
import { testSessionSecret } from '../../../apps/server/test/harness.ts';
import type { FaultWorkerConfig } from './worker-config.ts';

const serverMain = path.resolve(import.meta.dirname, '../../../apps/server/src/main.ts');
const serverCwd = path.resolve(import.meta.dirname, '../../../apps/server');
const workerCwd = path.resolve(import.meta.dirname, '../../../apps/worker');
// Other engineers' suites share this 2-core machine: a cold start can take 20 s under their load.
const startDeadlineMs = 60_000;
const workerFixture = path.resolve(import.meta.dirname, '../fixtures/fault-worker.ts');

export interface ServerHandle {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** kill -9, then start a new process on the same port (resolves once it is healthy). */
  restart(downMs?: number): Promise<void>;
}

export interface WorkerHandle {
  label: string;
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout has a line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

/**
 * Every process a scenario starts (server and worker processes), so `stopAll` in `afterAll` never
 * leaves one behind, whatever the test did to them.
 */
export class Cluster {
  private readonly servers: ServerHandle[] = [];
  private readonly workers: WorkerHandle[] = [];
  private workerCount = 0;

  constructor(private readonly databaseUrl: string) {}

  async startServer(): Promise<ServerHandle> {
    const port = await findFreePort();
    const handle: ServerHandle = {
      port,
      baseUrl: `http://127.0.0.1:${port}`,
      child: await spawnServer(this.databaseUrl, port),
      restart: async (downMs = 0) => {
        await killProcess(handle.child);
        if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
        handle.child = await spawnServer(this.databaseUrl, port);
      },
    };
    this.servers.push(handle);
    return handle;
  }

  async startWorker(options: Partial<Omit<FaultWorkerConfig, 'databaseUrl'>> = {}): Promise<WorkerHandle> {
    this.workerCount += 1;
    const config: FaultWorkerConfig = {
      databaseUrl: this.databaseUrl,
      concurrency: 4,
      maxQuestions: 3,
      label: `w${this.workerCount}`,
      model: { kind: 'offline', delayMs: 0, announce: false },
      ...options,
    };
    const handle = await spawnFaultWorker(config);
    this.workers.push(handle);
    return handle;
  }

  /** SIGKILLs every process still running (servers and workers) and waits for their exit. */
  async stopAll(): Promise<void> {
    await Promise.all([
      ...this.servers.map((server) => killProcess(server.child)),
      ...this.workers.map(async (worker) => {
        if (!worker.alive()) return;
        worker.child.kill('SIGKILL');
        await worker.exited;
      }),
    ]);
  }
}

export async function killProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** The real server entry point (apps/server/src/main.ts) in its own process; resolves once healthy. */
async function spawnServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    cwd: serverCwd,
    env: {
      // biome-ignore lint/style/noProcessEnv: the child gets the test's environment plus its own settings
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SESSION_SECRET: testSessionSecret,
      MODEL_PROVIDER: 'offline',
      PREVIEW_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + startDeadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy within ${startDeadlineMs} ms:\n${output}`);
}

async function spawnFaultWorker(config: FaultWorkerConfig): Promise<WorkerHandle> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerFixture, JSON.stringify(config)], {
    cwd: workerCwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail only: a long scenario logs a lot.
    stderr = (stderr + chunk.toString()).slice(-200_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const waitForLine = async (pattern: RegExp, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = stdout.split('\n').find((line) => pattern.test(line));
      if (match !== undefined) return match;
      if (!alive()) throw new Error(`worker ${config.label} exited while waiting for ${pattern}:\n${stderr}`);
      if (Date.now() > deadline) {
        throw new Error(`worker ${config.label}: no line matching ${pattern} after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    await waitForLine(/^ready /, startDeadlineMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  if (child.pid === undefined) throw new Error('worker process has no pid');
  return {
    label: config.label,
    child,
    pid: child.pid,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForLine,
    exited,
    alive,
  };
}
