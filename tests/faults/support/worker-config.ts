/** How `fixtures/fault-worker.ts` builds its worker; passed as JSON in argv (fixtures read no env). */
export interface FaultWorkerConfig {
  databaseUrl: string;
  concurrency: number;
  maxQuestions: number;
  /** Printed in every `model-*` line, to tell workers apart in a test's assertions. */
  label: string;
  /**
   * A worker whose heartbeat is older than this is dead (default 8 s). Generation validation runs
   * the TypeScript checker on the event loop, and a burst of turns on a loaded 2-core machine
   * stalls heartbeats too: a tighter setting can declare a live worker dead and release its jobs.
   * Only scenarios that test death detection itself (and run light) should set it lower.
   */
  deadAfterMs?: number;
  /**
   * Type-check a compiled app before saying ready (apps/worker/test/support/warm-type-checker.ts):
   * for scenarios that build and crash, so the first build's cold type check is not what fails.
   */
  warmTypeChecker?: boolean;
  model:
    | {
        kind: 'offline';
        /** Each model call waits this long first (observing its AbortSignal): a window for faults. */
        delayMs: number;
        /** Only calls of generation tasks wait `generationDelayMs` instead, when given. */
        generationDelayMs?: number;
        /** Print `model-call` / `model-aborted` lines on stdout. */
        announce: boolean;
      }
    | { kind: 'openai'; baseURL: string; timeoutMs: number; maxAttempts: number };
}
