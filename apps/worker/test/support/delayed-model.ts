import { abortableDelay, type Model, type ModelPhase } from '@app/core';

/**
 * Wraps a model so every call of `phase` first announces itself and then waits `delayMs` — a slow
 * provider, giving crash tests a window in which a task is mid-flight. The wait honours the call's
 * AbortSignal like a real provider, so a graceful shutdown still stops promptly.
 */
export function delayedModel(
  model: Model,
  options: { phase: ModelPhase; delayMs: number; onCall?: (task: string) => void },
): Model {
  return {
    describe: () => model.describe(),
    async call(request) {
      if (request.phase === options.phase && options.delayMs > 0) {
        options.onCall?.(request.task);
        await abortableDelay(options.delayMs, request.signal);
      }
      return model.call(request);
    },
  };
}
