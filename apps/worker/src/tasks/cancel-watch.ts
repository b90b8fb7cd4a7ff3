import { type Db, isGenerationRunCurrent } from '@app/db';

/**
 * Aborts when the job leaves `generating` at this run (a cancel, or a retry that superseded us).
 * Polling one indexed row a second is cheap, and reaches a model call that would otherwise run
 * for a minute: a cancelled generation stops within about a second (docs/spine.md#cancel).
 */
export function watchForCancel(db: Db, ref: { jobId: string; run: number }, intervalMs = 1000) {
  const controller = new AbortController();
  const check = async () => {
    // A blip in the database is not a cancel (and neither is a job that is gone).
    const current = await isGenerationRunCurrent(db, ref).catch(() => null);
    if (current === false) controller.abort(new Error('the job was cancelled'));
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return {
    signal: controller.signal,
    get cancelled() {
      return controller.signal.aborted;
    },
    stop: () => clearInterval(timer),
  };
}
