import { spawn } from 'node:child_process';
import path from 'node:path';
import { ModelAbortedError } from '../errors.ts';
import type { Problem } from '../events.ts';
import { type AppFile, appEntryPath, packageDirectory } from './app-files.ts';
import { buildApp } from './bundle-app.ts';
import { renderChildSource } from './render-child-source.ts';
import { originalPosition, type RawSourceMap } from './source-map.ts';

export interface RenderSmokeTestOptions {
  /** Wall-clock limit for loading and rendering, after which the worker is terminated. */
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
        message: `The first render did not finish within ${options.timeoutMs ?? defaultTimeoutMs} ms (an infinite loop or endless re-render?)`,
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
  timeoutMs: number,
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
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Killed even after a reply: app code may have left timers running.
      child.kill('SIGKILL');
      outcome();
    };
    const onAbort = () => finish(() => reject(new ModelAbortedError('render check cancelled')));
    // Start-up gets its own, generous limit (a loaded machine can take seconds to start Node);
    // the caller's limit applies from the moment the app's code starts running.
    let timer = setTimeout(() => finish(() => resolve('timeout')), startupLimitMs + timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: RenderReply | { started: true }) => {
      if ('started' in message) {
        clearTimeout(timer);
        timer = setTimeout(() => finish(() => resolve('timeout')), timeoutMs);
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
