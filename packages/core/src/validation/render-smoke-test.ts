import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModelAbortedError } from '../errors.ts';
import type { Problem } from '../events.ts';
import { type AppFile, appEntryPath, packageDirectory } from './app-files.ts';
import { buildApp } from './bundle-app.ts';
import { originalPosition, type RawSourceMap } from './source-map.ts';
import { renderWorkerSource } from './render-worker-source.ts';

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

type WorkerReply = { ok: true; htmlLength: number } | { ok: false; message: string; stack: string };

const defaultTimeoutMs = 3_000;

/**
 * Renders the root component once with `renderToString` in a worker thread with memory limits,
 * terminated on timeout: generated code may loop forever or allocate without bound, and neither
 * may take the worker process (which runs other jobs) down with it.
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
  const reply = await runInWorker(bundle.code, options.timeoutMs ?? defaultTimeoutMs, options.signal);
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

function runInWorker(code: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<WorkerReply | 'timeout'> {
  if (signal?.aborted) return Promise.reject(new ModelAbortedError('render check cancelled'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(renderWorkerSource, {
      eval: true,
      workerData: { code, requireFrom: path.join(packageDirectory, 'package.json') },
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Terminate even after a reply: app code may have left timers running in the worker.
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(new ModelAbortedError('render check cancelled')));
    const timer = setTimeout(() => finish(() => resolve('timeout')), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: WorkerReply) => finish(() => resolve(reply)));
    worker.once('error', (error: Error) =>
      finish(() => resolve({ ok: false, message: `${error.name}: ${error.message}`, stack: '' })),
    );
    worker.once('exit', (exitCode) =>
      finish(() => resolve({ ok: false, message: `(the render worker exited with code ${exitCode})`, stack: '' })),
    );
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
