import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ModelAbortedError } from '../errors.ts';
import type { Problem } from '../events.ts';
import { type AppFile, appEntryPath, packageDirectory } from './app-files.ts';
import { buildApp } from './bundle-app.ts';
import { renderChildSource } from './render-child-source.ts';
import { originalPosition, type RawSourceMap } from './source-map.ts';

export interface RenderSmokeTestOptions {
  /**
   * CPU time the app's code may use to load and render before the child is killed (wall clock
   * where CPU time cannot be read). Node's start-up is not counted.
   */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A server bundle from `buildApp(files, 'server', …)` plus its source map, when already built. */
export interface ServerBundle {
  code: string;
  sourceMap: RawSourceMap | null;
}

type RenderReply = { ok: true; htmlLength: number } | { ok: false; message: string; stack: string };

const defaultTimeoutMs = 3_000;
const startupLimitMs = 15_000;

/**
 * Renders the root component once with `renderToString` in a child process with a heap limit,
 * killed on timeout: generated code may loop forever or allocate without bound, and neither may
 * take the process that runs other jobs down with it. A `worker_threads` Worker with
 * `resourceLimits` is not enough: growing one array past the limit (`while (true) list.push(1)`)
 * is a fatal V8 OOM that kills the whole host process (measured on Node 20), while a child
 * process just dies. Costs ~150 ms per check (Node start + loading react-dom/server).
 */
export async function renderSmokeTest(
  input: readonly AppFile[] | ServerBundle,
  options: RenderSmokeTestOptions = {},
): Promise<Problem[]> {
  let bundle: ServerBundle;
  if (Array.isArray(input)) {
    const built = await buildApp(input, 'server', { signal: options.signal });
    if (!built.ok) return built.problems;
    bundle = { code: built.js, sourceMap: built.sourceMap };
  } else {
    bundle = input as ServerBundle;
  }
  const reply = await runIsolated(bundle.code, options.timeoutMs ?? defaultTimeoutMs, options.signal);
  if (reply === 'timeout') {
    return [
      {
        path: appEntryPath,
        line: null,
        message: `The first render did not finish within ${options.timeoutMs ?? defaultTimeoutMs} ms of CPU time (an infinite loop or endless re-render?)`,
        source: 'render',
      },
    ];
  }
  if (reply.ok) return [];
  const location = locate(reply.stack, bundle.sourceMap);
  return [
    {
      path: location?.path ?? appEntryPath,
      line: location?.line ?? null,
      message: `Rendering the app threw ${reply.message}`,
      source: 'render',
    },
  ];
}

const childArguments = [
  '--max-old-space-size=128',
  '--stack-size=2048',
  '-e',
  renderChildSource,
  // Read as process.argv[1]: where the child requires React from.
  path.join(packageDirectory, 'package.json'),
];

function runIsolated(
  code: string,
  cpuLimitMs: number,
  signal: AbortSignal | undefined,
): Promise<RenderReply | 'timeout'> {
  if (signal?.aborted) return Promise.reject(new ModelAbortedError('render check cancelled'));
  return new Promise((resolve, reject) => {
    // An empty environment: generated code has no business reading the builder's secrets.
    const child = spawn(process.execPath, childArguments, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {},
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4_000) stderr += chunk.toString();
    });
    let settled = false;
    let watchdog: RenderWatchdog | null = null;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(startupTimer);
      watchdog?.stop();
      signal?.removeEventListener('abort', onAbort);
      // Killed even after a reply: app code may have left timers running.
      child.kill('SIGKILL');
      outcome();
    };
    const onAbort = () => finish(() => reject(new ModelAbortedError('render check cancelled')));
    // Start-up gets its own, generous limit (a loaded machine can take seconds to start Node);
    // the render's own limit applies from the moment the app's code starts running.
    const startupTimer = setTimeout(
      () => afterPendingIo(() => finish(() => resolve('timeout'))),
      startupLimitMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: RenderReply | { started: true }) => {
      if ('started' in message) {
        clearTimeout(startupTimer);
        watchdog = watchRender(child.pid, cpuLimitMs, () => finish(() => resolve('timeout')));
      } else {
        finish(() => resolve(message));
      }
    });
    child.once('error', (error: Error) => finish(() => reject(error)));
    child.once('exit', (exitCode, exitSignal) =>
      finish(() =>
        resolve({
          ok: false,
          message: /heap out of memory/i.test(stderr)
            ? 'RangeError: the render ran out of memory (128 MB)'
            : `(the render process exited with ${exitSignal ?? `code ${exitCode}`})`,
          stack: '',
        }),
      ),
    );
    child.send({ code });
  });
}

interface RenderWatchdog {
  stop(): void;
}

/**
 * Calls `onExceeded` once the render has used `cpuLimitMs` of CPU time — CPU, not wall clock, so
 * a busy machine (or this process's event loop blocked by a type check) never turns a slow but
 * finite render into a false "infinite loop". Where the child's CPU time cannot be read (no
 * /proc), wall clock is used. A render that neither finishes nor burns CPU is stopped at a wall
 * limit well above the CPU one.
 */
function watchRender(pid: number | undefined, cpuLimitMs: number, onExceeded: () => void): RenderWatchdog {
  const startedAt = performance.now();
  const cpuAtStart = pid === undefined ? null : processCpuMs(pid);
  const wallLimitMs = cpuAtStart === null ? cpuLimitMs : Math.max(4 * cpuLimitMs, 20_000);
  const interval = setInterval(
    () => {
      const cpuNow = cpuAtStart === null || pid === undefined ? null : processCpuMs(pid);
      const overCpu = cpuNow !== null && cpuAtStart !== null && cpuNow - cpuAtStart >= cpuLimitMs;
      const overWall = performance.now() - startedAt >= wallLimitMs;
      // A reply that already arrived while this process was busy wins over the limit.
      if (overCpu || overWall) afterPendingIo(onExceeded);
    },
    Math.min(100, Math.max(10, cpuLimitMs / 10)),
  );
  return { stop: () => clearInterval(interval) };
}

/**
 * User + system CPU time of a process in ms, from /proc/<pid>/stat (Linux), or null. The kernel
 * reports it in USER_HZ ticks, which Linux fixes at 100 per second for user space.
 */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name start at field 3 (state); utime and stime
    // are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** Runs `callback` after I/O that is already waiting (e.g. the child's reply) has been handled. */
function afterPendingIo(callback: () => void): void {
  setImmediate(callback);
}

/** The first stack frame inside the generated code, mapped back to the app's file and line. */
function locate(stack: string, sourceMap: RawSourceMap | null): { path: string; line: number } | null {
  if (!sourceMap) return null;
  for (const match of stack.matchAll(/generated-app\.js:(\d+):(\d+)/g)) {
    // `new Function` prepends two lines ("function anonymous(module,exports,require\n) {").
    const line = Number(match[1]) - 2;
    const position = originalPosition(sourceMap, line, Number(match[2]) - 1);
    const source = position?.source.replace(/^app:/, '');
    if (position && source?.startsWith('src/')) return { path: source, line: position.line };
  }
  return null;
}
