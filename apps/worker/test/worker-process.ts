import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const workerRoot = path.join(import.meta.dirname, '..');

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** The graphile worker ids from the fixture's `ready <ids>` line (empty for other scripts). */
  workerIds: string[];
  /** What the process printed on stderr (its log), for failure messages. */
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `node --import tsx <script>` in apps/worker (not through pnpm, so the pid we signal is
 * the worker itself) and waits until the script prints `readyLine` on stdout.
 */
export async function spawnWorkerProcess(
  script: string,
  env: Record<string, string>,
  readyLine: RegExp = /^ready /m,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: workerRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  // Generous: a fixture may warm its type checker before it says ready (warm-type-checker.ts).
  const readyWithinMs = 120_000;
  while (!readyLine.test(stdout) && !readyLine.test(stderr)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`worker process exited before it was ready:\n${stderr}`);
    }
    if (Date.now() - started > readyWithinMs) {
      child.kill('SIGKILL');
      throw new Error(`worker process not ready after ${readyWithinMs} ms:\n${stderr}`);
    }
    await sleep(50);
  }
  if (child.pid === undefined) throw new Error('worker process has no pid');
  const workerIds = /^ready (\S+)$/m.exec(stdout)?.[1]?.split(',') ?? [];
  return { child, pid: child.pid, workerIds, log: () => stderr, exited };
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
