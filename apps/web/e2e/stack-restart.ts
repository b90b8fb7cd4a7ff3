import { expect } from '@playwright/test';
import { readE2eStackControl, restartSignal } from '../../../scripts/lib/e2e-stack-control.ts';

/**
 * Restarts the stack's server process (scripts/e2e-stack.ts: SIGUSR2 → the server stopped
 * gracefully, a fresh one on the same ports) and resolves once the new one answers /healthz.
 * Returns the pids before and after, so a test can show it really was another process.
 */
export async function restartServer(): Promise<{ before: number; after: number }> {
  const before = readE2eStackControl();
  process.kill(before.pid, restartSignal);
  await expect
    .poll(() => readE2eStackControl().serverRestarts, { timeout: 90_000, intervals: [250] })
    .toBe(before.serverRestarts + 1);
  return { before: before.serverPid, after: readE2eStackControl().serverPid };
}
