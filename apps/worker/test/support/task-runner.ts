import { type BrowserVerifierOptions, createOfflineModel, type JobEvent, type Model } from '@app/core';
import { createTestVerifier } from '@app/core/testing';
import { quietLogger, type TaskName } from '@app/db';
import type { TestDatabase } from '@app/db/testing';
import { runTaskListOnce } from 'graphile-worker';
import pg from 'pg';
import { createLogger } from '../../src/logger.ts';
import { createTaskList, type TaskDependencies } from '../../src/tasks/index.ts';
import type { Verification } from '../../src/verification.ts';
import { warmTypeChecker } from './warm-type-checker.ts';

export const silentLogger = createLogger({ level: 'error', write: () => {} });

/** Only where the apps origin is: the worker signs nothing. */
export const testPreview = { baseUrl: 'http://localhost:3001' };

/** The same dependencies main.ts builds, with the model under test (offline unless given). */
export function taskDependencies(
  database: TestDatabase,
  model: Model = createOfflineModel(),
): TaskDependencies {
  return {
    db: database.db,
    logger: silentLogger,
    model,
    maxQuestions: 5,
    preview: testPreview,
    verification: testVerification(),
  };
}

/**
 * Limits for the tests' verifier: a compiled app runs ~25 acceptance checks, and on a machine
 * other test files load as well, the production defaults (tuned for a quiet worker) can run out
 * on a healthy app. Containment does not depend on them: a runaway app still hits each of them.
 */
export const testVerifierLimits = {
  cpuLimitMs: 20_000,
  checkCpuLimitMs: 3_000,
  wallLimitMs: 60_000,
  checkWallLimitMs: 5_000,
  actionTimeoutMs: 10_000,
} as const satisfies Partial<BrowserVerifierOptions>;

let verifier: ReturnType<typeof createTestVerifier> | null = null;

/**
 * The real verifier (the system's Chromium, sandboxed, as main.ts sets it up, with
 * `testVerifierLimits` unless `limits` are given on the first call), one per test file: every file
 * gets its own module instance. Its browser starts on the first build; close it in `afterAll`
 * with `closeTestVerifier`. Throws when there is no Chromium.
 */
export function testVerification(limits: Partial<BrowserVerifierOptions> = testVerifierLimits): Verification {
  verifier ??= createTestVerifier(limits);
  return { available: true, verifier, browser: verifier.executablePath };
}

export async function closeTestVerifier(): Promise<void> {
  await verifier?.close();
  verifier = null;
}

/**
 * Drives the real task list in this process with graphile's `runTaskListOnce`: every queued job of
 * the named tasks runs until none is left (graphile only fetches jobs whose task it was given, so
 * passing one task name stops the pipeline at the next phase's queued job). Before the first
 * run that may build, the type checker is warmed (warm-type-checker.ts).
 */
export function createTaskRunner(database: TestDatabase) {
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    async run(deps: TaskDependencies, only?: readonly TaskName[]): Promise<void> {
      if (!only || only.includes('generate_app')) await warmTypeChecker();
      const all = createTaskList(deps);
      const taskList = only ? Object.fromEntries(only.map((name) => [name, all[name]])) : all;
      const client = await pool.connect();
      try {
        await runTaskListOnce(
          {
            noHandleSignals: true,
            logger: quietLogger,
            preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
          },
          taskList as typeof all,
          client,
        );
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The log's seq numbers must be exactly 1..n: no gap, no duplicate (docs/spine.md#the-event-log). */
export function seqsOf(events: readonly JobEvent[]): number[] {
  return events.map((event) => event.seq);
}

export function gapless(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

/** Event types without `usage`, which a model may emit any number of times. */
export function progressTypes(events: readonly JobEvent[]): string[] {
  return events.filter((event) => event.type !== 'usage').map((event) => event.type);
}
