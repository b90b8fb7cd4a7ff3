import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { ModelAbortedError } from '../errors.ts';
import type { Problem } from '../events.ts';
import { type AppFile, fileMap, packageDirectory } from './app-files.ts';
import type { TypecheckReply, TypecheckRequest, TypecheckThreadData } from './typecheck-thread.ts';

export interface TypecheckOptions {
  signal?: AbortSignal;
}

/**
 * Type-checks a generated app in memory (strict, as the app is written) on a thread of its own:
 * the compiler is synchronous (~1 s cold, ~100–250 ms warm), and on the worker's event loop it
 * would stall heartbeats, cancel watches and every other job's turn for that long.
 *
 * One long-lived thread per process, started on first use (the compiler is ~9 MB of JavaScript:
 * processes that never validate never load it), keeps its parsed libraries warm between checks
 * and takes checks one at a time. It does not keep the process alive. If it dies, the checks it
 * held fail and the next one starts a new thread.
 */
export async function typecheckApp(
  files: readonly AppFile[],
  options: TypecheckOptions = {},
): Promise<Problem[]> {
  const { signal } = options;
  const thread = await typecheckThread();
  if (signal?.aborted) throw new ModelAbortedError('type check cancelled');
  const id = thread.nextId++;
  const request: TypecheckRequest = { id, sources: [...fileMap(files)] };
  return new Promise<Problem[]>((resolve, reject) => {
    const onAbort = () => {
      // The thread finishes the check anyway; its reply finds nobody waiting.
      thread.pending.delete(id);
      reject(new ModelAbortedError('type check cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    thread.pending.set(id, {
      resolve: (problems) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(problems);
      },
      reject: (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    });
    if (thread.pending.size === 1) thread.worker.ref();
    thread.worker.postMessage(request);
  });
}

interface TypecheckThread {
  worker: Worker;
  nextId: number;
  pending: Map<number, { resolve: (problems: Problem[]) => void; reject: (error: Error) => void }>;
}

const threadEntry = fileURLToPath(new URL('./typecheck-thread.ts', import.meta.url));
let threadSource: Promise<string> | null = null;
let current: TypecheckThread | null = null;

async function typecheckThread(): Promise<TypecheckThread> {
  if (!threadSource) {
    threadSource = bundleThreadSource();
    threadSource.catch(() => {
      threadSource = null;
    });
  }
  const source = await threadSource;
  if (current) return current;
  const data: TypecheckThreadData = {
    packageJson: path.join(packageDirectory, 'package.json'),
    virtualRoot: path.join(packageDirectory, '.virtual-app'),
  };
  const worker = new Worker(source, { eval: true, workerData: data });
  const thread: TypecheckThread = { worker, nextId: 1, pending: new Map() };
  current = thread;
  worker.unref();
  worker.on('message', (reply: TypecheckReply) => {
    const waiting = thread.pending.get(reply.id);
    thread.pending.delete(reply.id);
    if (thread.pending.size === 0) worker.unref();
    if (!waiting) return;
    if (reply.ok) waiting.resolve(reply.problems);
    else waiting.reject(new Error(`the type checker failed: ${reply.message}`));
  });
  const fail = (error: Error) => {
    if (current === thread) current = null;
    for (const waiting of thread.pending.values()) waiting.reject(error);
    thread.pending.clear();
  };
  worker.on('error', (error) =>
    fail(new Error(`the type-check thread crashed: ${error.message}`, { cause: error })),
  );
  worker.on('exit', (code) => fail(new Error(`the type-check thread exited with code ${code}`)));
  return thread;
}

/** The thread's entry and the checker it imports as one CommonJS script; `typescript` stays external. */
async function bundleThreadSource(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [threadEntry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['typescript'],
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('bundling the type-check thread produced no output');
  return output.text;
}
