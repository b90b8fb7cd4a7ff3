import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '@app/db';
import { killProcess, spawnServerProcess } from '../../../apps/server/test/server-process.ts';
import type { FaultWorkerConfig } from './worker-config.ts';

const workerCwd = path.resolve(import.meta.dirname, '../../../apps/worker');
// A cold tsx start on a loaded 2-core CI box can take 20 s and more.
// A fault worker warms its type checker before it says ready (warm-type-checker.ts).
const startDeadlineMs = 150_000;
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
      child: await spawnServerProcess(this.databaseUrl, port),
      restart: async (downMs = 0) => {
        await killProcess(handle.child);
        if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
        handle.child = await spawnServerProcess(this.databaseUrl, port);
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
