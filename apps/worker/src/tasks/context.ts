import type { Model } from '@app/core';
import type { Db } from '@app/db';
import type { Logger } from '../logger.ts';
import type { Verification } from '../verification.ts';

/** What every task handler gets besides its payload, built once in main.ts. */
export interface TaskDependencies {
  db: Db;
  logger: Logger;
  model: Model;
  /** `MAX_QUESTIONS`: the questioning cap per job (0: none; docs/deploy.md#environment). */
  maxQuestions: number;
  /** The sandboxed browser builds are verified in (one per process), or why there is none. */
  verification: Verification;
  /**
   * The apps origin (PREVIEW_URL), for the unsigned version URL `preview_ready` announces. The
   * worker holds no signing secret: the server signs a fresh link whenever it hands one out.
   */
  preview: { baseUrl: string };
}

export interface TaskAttempt {
  /** 1-based: graphile counts the attempt when it locks the job. */
  number: number;
  max: number;
  /** When true, a throw ends the job `failed` (the wrapper does it; handlers need not). */
  isLast: boolean;
}

export interface TaskContext extends TaskDependencies {
  /**
   * Aborts when the worker shuts down (SIGTERM/SIGINT). Pass it to model calls and stop before the
   * final transaction; never half-write. Throwing after an abort costs the job no attempt: it is
   * released and runs again on another worker.
   */
  signal: AbortSignal;
  attempt: TaskAttempt;
  /** Scoped to this task run (task name, graphile job id, attempt). */
  logger: Logger;
}

export type TaskHandler<P> = (payload: P, context: TaskContext) => Promise<void>;
