// The type-check child process's entry. Bundled by esbuild on first use and run as
// `node --max-old-space-size=<cap> -e <source> <config>` (typecheck-app.ts), so it works the same
// under tsx, vitest and Node without a TS loader, and a runaway check can only exhaust this
// process's heap, never the worker's.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type ts from 'typescript';
import type { Problem } from '../events.ts';
import { findTypeLibraries } from './typecheck-host.ts';
import { type AppSources, createProgramChecker } from './typecheck-program.ts';

export interface TypecheckChildConfig {
  /** core's package.json: where `typescript` and the `@types` packages resolve from. */
  packageJson: string;
  virtualRoot: string;
  typePackages: string[];
  allowedPackageImports: string[];
  parentPid: number;
  /** Record every path this process hands to `fs` (tests: proof that a host file was never touched). */
  recordFileAccess: boolean;
}

/** What the parent asks of the child; each request carries an id its reply repeats. */
export type TypecheckChildTask = { kind: 'check'; sources: AppSources } | { kind: 'inspect' };
export type TypecheckChildRequest = TypecheckChildTask & { id: number };

export interface ChildInspection {
  pid: number;
  /** Every path given to `fs` since start-up, when recording was asked for; otherwise null. */
  fileAccess: string[] | null;
}

export type TypecheckChildReply =
  | { kind: 'ready' }
  | { kind: 'checked'; id: number; problems: Problem[] }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'inspected'; id: number; inspection: ChildInspection };

const config = JSON.parse(process.argv[1] ?? '') as TypecheckChildConfig;
const send = (reply: TypecheckChildReply) => process.send?.(reply);

guardAgainstOrphaning(config.parentPid);
const fileAccess = config.recordFileAccess ? recordFileAccess() : null;

const typescript = createRequire(config.packageJson)('typescript') as typeof ts;
const typescriptLibDirectory = path.dirname(createRequire(config.packageJson).resolve('typescript'));
const check = createProgramChecker(typescript, {
  virtualRoot: config.virtualRoot,
  typescriptLibDirectory,
  libraries: findTypeLibraries(typescriptLibDirectory, path.dirname(config.packageJson), config.typePackages),
  allowedPackageImports: new Set(config.allowedPackageImports),
  // A kept state lives beside the next check's: past ~60 % of the heap cap, start fresh instead
  // of letting an app's check be the one that runs out of heap.
  mayKeepState: () => {
    const heap = v8.getHeapStatistics();
    return heap.used_heap_size < 0.6 * heap.heap_size_limit;
  },
});
// Parse the DOM and React typings before saying ready: that second of trusted work is not the
// first app's to pay for out of its time limit.
check([['src/App.tsx', "import { useState } from 'react';\nexport default () => useState(0)[0];\n"]]);
send({ kind: 'ready' });

process.on('message', (request: TypecheckChildRequest) => {
  if (request.kind === 'inspect') {
    send({
      kind: 'inspected',
      id: request.id,
      inspection: {
        pid: process.pid,
        fileAccess: fileAccess && [...fileAccess],
      },
    });
    return;
  }
  try {
    send({ kind: 'checked', id: request.id, problems: check(request.sources) });
  } catch (error) {
    send({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
});
// The parent went away while this process was idle.
process.on('disconnect', () => process.exit(0));

/**
 * A check that never ends blocks this thread, so it cannot notice its parent dying (kill -9 of the
 * worker) and would spin forever as an orphan. A tiny thread of its own watches the parent's pid
 * and kills the whole process once it is re-parented.
 */
function guardAgainstOrphaning(parentPid: number): void {
  const source = `const { workerData } = require('node:worker_threads');
setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL'); }, 500);`;
  new Worker(source, { eval: true, workerData: parentPid }).unref();
}

function recordFileAccess(): Set<string> {
  const seen = new Set<string>();
  const record = (target: unknown) => {
    if (typeof target === 'string') seen.add(target);
    else if (target instanceof URL) seen.add(target.pathname);
  };
  const watched = [
    'readFileSync',
    'statSync',
    'lstatSync',
    'existsSync',
    'accessSync',
    'openSync',
    'readdirSync',
    'readlinkSync',
  ] as const;
  const mutableFs = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of watched) {
    const original = mutableFs[name];
    if (!original) continue;
    mutableFs[name] = (...args: unknown[]) => {
      record(args[0]);
      return original(...args);
    };
  }
  const realpath = fs.realpathSync;
  const native = realpath.native;
  const wrapped = ((target: fs.PathLike, options?: fs.EncodingOption) => {
    record(target);
    return realpath(target, options);
  }) as typeof fs.realpathSync;
  wrapped.native = ((target: fs.PathLike, options?: fs.EncodingOption) => {
    record(target);
    return native(target, options);
  }) as typeof fs.realpathSync.native;
  fs.realpathSync = wrapped;
  return seen;
}
