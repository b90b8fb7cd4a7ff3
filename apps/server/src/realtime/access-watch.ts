import { ForbiddenError, NotFoundError } from '@app/db';

/**
 * Keeps checking that a long-lived stream's reader may still read: a member removed from the
 * workspace, or made a viewer, loses a builder stream within `intervalMs` (the access check is
 * the same one the stream opened with, re-run, so there is still one place for the rule). Ends
 * with the check's error, which the caller reports to the client, and when `signal` aborts.
 */
export function watchAccess(
  check: () => Promise<unknown>,
  options: { intervalMs: number; signal: AbortSignal },
): { signal: AbortSignal; lost: () => unknown; dispose: () => void } {
  const controller = new AbortController();
  let lost: unknown = null;
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    check()
      .catch((error: unknown) => {
        // Only a verdict ends the stream; a failed query (a database hiccup) is retried next time.
        if (!(error instanceof NotFoundError || error instanceof ForbiddenError)) return;
        lost = error;
        controller.abort();
      })
      .finally(() => {
        checking = false;
      });
  }, options.intervalMs);
  timer.unref();
  const dispose = () => clearInterval(timer);
  options.signal.addEventListener('abort', dispose, { once: true });
  return { signal: AbortSignal.any([options.signal, controller.signal]), lost: () => lost, dispose };
}
