import { ModelAbortedError } from './errors.ts';

/**
 * Waits `ms`, but rejects with `ModelAbortedError` the moment `signal` aborts — for retry backoff
 * and anything else that waits on behalf of a model call, so a cancel never sits out a timer.
 */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new ModelAbortedError('model call aborted', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    if (signal?.aborted) aborted();
    else signal?.addEventListener('abort', aborted, { once: true });
  });
}
