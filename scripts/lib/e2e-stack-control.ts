import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * How a browser test reaches the running e2e stack (scripts/e2e-stack.ts): the stack writes this
 * file; a test sends `restartSignal` to `pid` and waits until `serverRestarts` goes up. No imports
 * beyond node: the Playwright specs under apps/web/e2e read it too.
 */
export interface E2eStackControl {
  /** The stack's own process (the one that handles `restartSignal`). */
  pid: number;
  /** The server child running now. */
  serverPid: number;
  /** How many restarts have finished: the new server answered /healthz. */
  serverRestarts: number;
}

export const restartSignal = 'SIGUSR2';

export const e2eStackControlFile = path.resolve(import.meta.dirname, '../../test-results/e2e-stack.json');

export function writeE2eStackControl(control: E2eStackControl): void {
  // Write-then-rename: a reader polling the file never sees half of it.
  mkdirSync(path.dirname(e2eStackControlFile), { recursive: true });
  const partial = `${e2eStackControlFile}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(control)}\n`);
  renameSync(partial, e2eStackControlFile);
}

/** At shutdown: a file left behind would name a pid that may belong to another process by then. */
export function removeE2eStackControl(): void {
  rmSync(e2eStackControlFile, { force: true });
}

export function readE2eStackControl(): E2eStackControl {
  const parsed: unknown = JSON.parse(readFileSync(e2eStackControlFile, 'utf8'));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('pid' in parsed && typeof parsed.pid === 'number') ||
    !('serverPid' in parsed && typeof parsed.serverPid === 'number') ||
    !('serverRestarts' in parsed && typeof parsed.serverRestarts === 'number')
  ) {
    throw new Error(`${e2eStackControlFile} is not an e2e stack control file`);
  }
  return { pid: parsed.pid, serverPid: parsed.serverPid, serverRestarts: parsed.serverRestarts };
}
