import { createOfflineModel, type JobEvent, type Model } from '@app/core';
import { quietLogger, type TaskName } from '@app/db';
import type { TestDatabase } from '@app/db/testing';
import { runTaskListOnce } from 'graphile-worker';
import pg from 'pg';
import { createLogger } from '../../src/logger.ts';
import { createTaskList, type TaskDependencies } from '../../src/tasks/index.ts';
import { setUpVerification, type Verification } from '../../src/verification.ts';

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

let verifier: ReturnType<typeof setUpVerification> | null = null;

/**
 * The real verifier (the system's Chromium, as main.ts sets it up), one per test file: every file
 * gets its own module instance. Its browser starts on the first build; close it in `afterAll`
 * with `closeTestVerifier`.
 */
export function testVerification(): Verification {
  verifier ??= setUpVerification(null);
  if (!verifier.verification.available)
    throw new Error(`Tests need Chromium: ${verifier.verification.message}`);
  return verifier.verification;
}

export async function closeTestVerifier(): Promise<void> {
  await verifier?.close();
  verifier = null;
}

/**
 * Drives the real task list in this process with graphile's `runTaskListOnce`: every queued job of
 * the named tasks runs until none is left (graphile only fetches jobs whose task it was given, so
 * passing one task name stops the pipeline at the next phase's queued job).
 */
export function createTaskRunner(database: TestDatabase) {
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    async run(deps: TaskDependencies, only?: readonly TaskName[]): Promise<void> {
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
