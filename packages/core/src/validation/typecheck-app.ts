import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ModelAbortedError } from '../errors.ts';
import type { Problem } from '../events.ts';
import { type AppFile, allowedPackageImports, fileMap, packageDirectory } from './app-files.ts';
import type {
  ChildInspection,
  TypecheckChildConfig,
  TypecheckChildReply,
  TypecheckChildRequest,
  TypecheckChildTask,
} from './typecheck-child.ts';

export type { ChildInspection } from './typecheck-child.ts';

export interface TypecheckOptions {
  signal?: AbortSignal;
  /** Wall-clock bound for this check, from when the child starts on it; defaults to the checker's. */
  timeoutMs?: number;
}

export interface TypeCheckerOptions {
  /** The child's V8 heap cap (`--max-old-space-size`). A warm child holds ~100 MB of parsed typings. */
  heapLimitMb?: number;
  timeoutMs?: number;
  /** Bound on starting a child (loading TypeScript and parsing the DOM and React typings). */
  startupTimeoutMs?: number;
  /** Tests only: the child records every path it hands to `fs` (see `inspect`). */
  recordFileAccess?: boolean;
}

export interface TypeChecker {
  check(files: readonly AppFile[], options?: TypecheckOptions): Promise<Problem[]>;
  /** The current child's pid and (if recorded) file access, through the check queue. */
  inspect(): Promise<ChildInspection>;
  /** The pid of the child once it is ready for checks, else null (tests: kill it from outside). */
  readonly pid: number | null;
  /** Kills the child and fails whatever is waiting; the checker starts a new child if used again. */
  close(): void;
}

const defaults = { heapLimitMb: 768, timeoutMs: 20_000, startupTimeoutMs: 60_000 };
/** How long a cancelled check may run on before its child is killed rather than waited for. */
const abandonGraceMs = 1_000;
const typePackages = ['@types/react', '@types/react-dom'];

let shared: TypeChecker | null = null;

/**
 * Type-checks a generated app in memory (strict, as the app is written) in a child process shared
 * by the whole process (see `createTypeChecker`).
 */
export function typecheckApp(files: readonly AppFile[], options: TypecheckOptions = {}): Promise<Problem[]> {
  shared ??= createTypeChecker();
  return shared.check(files, options);
}

interface Job {
  request: TypecheckChildTask;
  timeoutMs: number;
  /** Settles the caller's promise; null once the caller has stopped waiting (cancelled). */
  settle: ((outcome: Outcome) => void) | null;
  /** Children that died under this job without saying why (see `died`). */
  crashes: number;
}
type Outcome =
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'inspection'; inspection: ChildInspection }
  | { kind: 'error'; error: Error };

interface Child {
  process: ChildProcess;
  ready: boolean;
  /** The end of its stderr: how V8 says it ran out of heap. */
  stderrTail: string;
  startupTimer: NodeJS.Timeout;
}

/**
 * A type checker whose compiler runs in a child process: the compiler is synchronous (~50–250 ms
 * warm) and generated types are hostile, so a check must neither stall the caller's event loop nor
 * be able to take the caller down. The child is started on first use (processes that never
 * validate never load the ~9 MB compiler) with a heap cap and an empty environment, keeps its
 * parsed libraries and last program warm between checks and takes checks one at a time; the queue
 * lives here, so each check's time limit starts only when the child starts on it. A check that runs
 * out of time or heap, or whose child dies, becomes a problem for that app; the child is killed
 * and the next check gets a fresh one. An idle child does not keep the process alive.
 */
export function createTypeChecker(options: TypeCheckerOptions = {}): TypeChecker {
  const settings = { ...defaults, ...options };
  const queue: Job[] = [];
  let child: Child | null = null;
  let inFlight: { job: Job; id: number; timer: NodeJS.Timeout; deadline: number } | null = null;
  let nextId = 1;

  const holdProcessOpen = () => {
    if (!child) return;
    const busy = queue.length > 0 || inFlight?.job.settle != null;
    // The process, its IPC channel and its stderr pipe are three handles; each would keep us alive.
    const handles = [child.process, child.process.channel, child.process.stderr as Socket | null];
    for (const handle of handles) {
      if (busy) handle?.ref();
      else handle?.unref();
    }
  };

  const kill = (target: Child) => {
    clearTimeout(target.startupTimer);
    if (child === target) child = null;
    target.process.kill('SIGKILL');
  };

  /** Ends the check in flight with `outcome` and moves on to the next. */
  const finish = (outcome: Outcome) => {
    if (!inFlight) return;
    clearTimeout(inFlight.timer);
    inFlight.job.settle?.(outcome);
    inFlight = null;
    pump();
  };

  const appProblem = (message: string): Outcome => ({
    kind: 'problems',
    problems: [{ path: 'src/App.tsx', line: null, message, source: 'types' }],
  });

  const pump = () => {
    if (inFlight || queue.length === 0) {
      holdProcessOpen();
      return;
    }
    if (!child) {
      startChild().catch((error: unknown) => failQueue(asError(error)));
      return;
    }
    if (!child.ready) return;
    const job = queue.shift();
    if (!job) return;
    const id = nextId++;
    const target = child;
    const timer = setTimeout(() => {
      kill(target);
      finish(
        appProblem(
          `The type check did not finish within ${job.timeoutMs} ms (a type that never resolves, or one ` +
            'too large to check?). Simplify the types in this app.',
        ),
      );
    }, job.timeoutMs);
    inFlight = { job, id, timer, deadline: Date.now() + job.timeoutMs };
    holdProcessOpen();
    target.process.send({ ...job.request, id } satisfies TypecheckChildRequest);
  };

  const failQueue = (error: Error) => {
    for (const job of queue.splice(0)) job.settle?.({ kind: 'error', error });
  };

  const startChild = async () => {
    const source = await childSource();
    // Another pump started one while this awaited the bundle, or everything waiting went away (close, cancel).
    if (child || queue.length === 0) return;
    const config: TypecheckChildConfig = {
      packageJson: path.join(packageDirectory, 'package.json'),
      virtualRoot: path.join(packageDirectory, '.virtual-app'),
      typePackages,
      allowedPackageImports: [...allowedPackageImports],
      parentPid: process.pid,
      recordFileAccess: settings.recordFileAccess ?? false,
    };
    // An empty environment: the worker's secrets (database URL, keys) are none of the checker's business.
    const spawned = spawn(
      process.execPath,
      [`--max-old-space-size=${settings.heapLimitMb}`, '-e', source, JSON.stringify(config)],
      { env: {}, cwd: '/', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' },
    );
    const current: Child = {
      process: spawned,
      ready: false,
      stderrTail: '',
      startupTimer: setTimeout(() => {
        kill(current);
        failQueue(new Error(`the type checker did not start within ${settings.startupTimeoutMs} ms`));
      }, settings.startupTimeoutMs),
    };
    current.startupTimer.unref();
    child = current;
    spawned.stderr?.setEncoding('utf8');
    spawned.stderr?.on('data', (chunk: string) => {
      current.stderrTail = (current.stderrTail + chunk).slice(-4_000);
    });
    spawned.on('message', (reply: TypecheckChildReply) => {
      if (child !== current) return;
      if (reply.kind === 'ready') {
        clearTimeout(current.startupTimer);
        current.ready = true;
        pump();
        return;
      }
      if (!inFlight || inFlight.id !== reply.id) return;
      if (reply.kind === 'checked') finish({ kind: 'problems', problems: reply.problems });
      else if (reply.kind === 'inspected') finish({ kind: 'inspection', inspection: reply.inspection });
      else {
        // The compiler threw (a stack overflow on a pathological type, say): its caches may be
        // half-built, so this child is not trusted with the next app.
        kill(current);
        finish(appProblem(`The type checker failed on this app: ${reply.message}`));
      }
    });
    spawned.on('error', (error) => died(current, error.message));
    spawned.on('exit', (code, signal) => died(current, signal ?? `exit code ${code}`));
    holdProcessOpen();
  };

  /** The child died on its own (heap exhausted, crashed, killed from outside). */
  const died = (target: Child, how: string) => {
    clearTimeout(target.startupTimer);
    if (child !== target) return; // killed on purpose; whoever killed it has settled its check
    child = null;
    if (!target.ready) {
      failQueue(new Error(`the type checker exited while starting (${how}): ${target.stderrTail.trim()}`));
      return;
    }
    const outOfMemory = /heap out of memory|Reached heap limit|allocation failed/i.test(target.stderrTail);
    // A death without an out-of-memory report may not be the app's doing (killed from outside, or
    // killed just before the check reached it): the check gets one more child before it is blamed.
    if (!outOfMemory && inFlight && inFlight.job.crashes === 0) {
      inFlight.job.crashes++;
      clearTimeout(inFlight.timer);
      queue.unshift(inFlight.job);
      inFlight = null;
      pump();
      return;
    }
    finish(
      appProblem(
        outOfMemory
          ? `The type check ran out of memory (over ${settings.heapLimitMb} MB): a type in this app expands ` +
              'into far too many members. Simplify the types in this app.'
          : `The type checker stopped while checking this app (${how}).`,
      ),
    );
    pump();
  };

  const enqueue = (request: Job['request'], timeoutMs: number, signal?: AbortSignal) =>
    new Promise<Outcome>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new ModelAbortedError('type check cancelled'));
        return;
      }
      const job: Job = { request, timeoutMs, settle: null, crashes: 0 };
      const onAbort = () => {
        job.settle = null;
        reject(new ModelAbortedError('type check cancelled'));
        const queued = queue.indexOf(job);
        if (queued !== -1) queue.splice(queued, 1);
        else if (inFlight?.job === job) {
          // Let the child finish a check that is nearly done (it stays warm); one that is not gets
          // killed soon rather than holding up the next app until its own time limit.
          const { timer: oldTimer, id } = inFlight;
          const remaining = inFlight.deadline - Date.now();
          if (remaining > abandonGraceMs) {
            clearTimeout(oldTimer);
            inFlight.timer = setTimeout(() => {
              if (inFlight?.id !== id) return;
              if (child) kill(child);
              finish({ kind: 'error', error: new ModelAbortedError('type check cancelled') });
            }, abandonGraceMs);
          }
        }
        holdProcessOpen();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      job.settle = (outcome) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      queue.push(job);
      pump();
    });

  return {
    get pid() {
      return child?.ready ? (child.process.pid ?? null) : null;
    },
    async check(files, checkOptions = {}) {
      const outcome = await enqueue(
        { kind: 'check', sources: [...fileMap(files)] },
        checkOptions.timeoutMs ?? settings.timeoutMs,
        checkOptions.signal,
      );
      if (outcome.kind === 'error') throw outcome.error;
      if (outcome.kind !== 'problems')
        throw new Error('the type checker answered a check with an inspection');
      return outcome.problems;
    },
    async inspect() {
      const outcome = await enqueue({ kind: 'inspect' }, settings.timeoutMs);
      if (outcome.kind === 'error') throw outcome.error;
      if (outcome.kind !== 'inspection')
        throw new Error('the type checker answered an inspection with problems');
      return outcome.inspection;
    },
    close() {
      const error = new Error('the type checker was closed');
      failQueue(error);
      if (inFlight) {
        clearTimeout(inFlight.timer);
        inFlight.job.settle?.({ kind: 'error', error });
        inFlight = null;
      }
      if (child) kill(child);
    },
  };
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

const childEntry = fileURLToPath(new URL('./typecheck-child.ts', import.meta.url));
let bundledChild: Promise<string> | null = null;

/** The child's entry and the checker it imports as one CommonJS script; `typescript` stays external. */
function childSource(): Promise<string> {
  if (!bundledChild) {
    bundledChild = esbuild
      .build({
        entryPoints: [childEntry],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['typescript'],
        write: false,
        logLevel: 'silent',
      })
      .then((result) => {
        const output = result.outputFiles[0];
        if (!output) throw new Error('bundling the type-check child produced no output');
        return output.text;
      });
    bundledChild.catch(() => {
      bundledChild = null;
    });
  }
  return bundledChild;
}
