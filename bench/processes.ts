import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildMessage, ProcessStats } from './ipc.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

export interface BenchProcess {
  name: string;
  pid: number;
  /** The HTTP port, for the server. */
  port: number;
  /** The apps origin's port, for the server. */
  previewPort: number;
  stats(options?: { gc?: boolean }): Promise<ProcessStats>;
  stop(): Promise<void>;
  /** The last lines the process wrote, for error messages. */
  output(): string;
}

/**
 * Starts `bench/<file>` in its own Node process (tsx loader, `--expose-gc` so memory readings are
 * taken after a collection) and waits for its `ready` message. Every process started here is
 * tracked, so `stopAll()` can end them even when the bench fails half-way.
 */
const running = new Set<BenchProcess>();

export async function startBenchProcess(
  name: string,
  file: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<BenchProcess> {
  // `pnpm bench --cpu-prof=<dir>`: every child writes a V8 CPU profile there when it stops
  // (profiling slows the processes down: never take such a run's figures as results).
  const profileDir = process.argv.find((arg) => arg.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, name)}`] : [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', ...profile, path.join(repoRoot, 'bench', file)],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      if (lines.length > 40) lines.splice(0, lines.length - 40);
    });
  }
  const output = () => lines.join('\n');
  const pending = new Map<number, (stats: ProcessStats) => void>();
  let nextId = 1;

  const ready = await new Promise<{ port?: number; previewPort?: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready after ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
      if (message.type === 'stats') pending.get(message.id)?.(message.stats);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output()}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  const processHandle: BenchProcess = {
    name,
    pid: child.pid ?? 0,
    port: ready.port ?? 0,
    previewPort: ready.previewPort ?? 0,
    output,
    stats(options = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} did not report stats`)), 10_000);
        pending.set(id, (stats) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(stats);
        });
        child.send({ type: 'stats', id, gc: options.gc ?? false });
      });
    },
    stop: () => stopChild(child, processHandle),
  };
  running.add(processHandle);
  return processHandle;
}

async function stopChild(child: ChildProcess, handle: BenchProcess): Promise<void> {
  running.delete(handle);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' });
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((handle) => handle.stop()));
}
