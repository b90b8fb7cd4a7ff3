/**
 * Runs `tick` now (when `immediately`) and then `intervalMs` after each run finishes — never two at
 * once, so a slow database cannot pile up overlapping heartbeats or sweeps. `stop()` waits for a
 * run in progress, so callers can rely on nothing running afterwards.
 */
export function repeat(
  tick: () => Promise<void>,
  intervalMs: number,
  options: { immediately: boolean; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const run = () => {
    timer = null;
    running = tick()
      .catch(options.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };
  if (options.immediately) run();
  else timer = setTimeout(run, intervalMs);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
