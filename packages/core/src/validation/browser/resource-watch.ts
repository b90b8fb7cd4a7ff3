import { commandLine, processTree, residentMemoryMb } from './process-tree.ts';

export type LimitBreach =
  | { kind: 'cpu'; limitMs: number }
  | { kind: 'time'; limitMs: number }
  | { kind: 'memory'; limitMb: number };

export interface ResourceLimits {
  /** CPU time the app's renderer processes may use in one run, before `grantedCpuMs`. */
  cpuLimitMs: number;
  /**
   * CPU granted since the run began, on top of `cpuLimitMs`: the verifier grants each check its
   * share as it starts, so a long check list is not judged by a budget made for loading the app,
   * while an app that spins from its first render is stopped as soon as before.
   */
  grantedCpuMs?: () => number;
  /** Wall clock for one run; a backstop for an app that stalls without computing. */
  wallLimitMs: number;
  /** Resident memory of one renderer (catches allocations outside the V8 heap, e.g. ArrayBuffers). */
  memoryLimitMb: number;
}

const sampleIntervalMs = 100;

/**
 * Watches the renderers of one browser (the descendants of `browserPid` started with
 * `--type=renderer`) while a run is in progress and calls `onBreach` once when a limit is passed.
 *
 * CPU time, not wall clock, is what decides "infinite loop": on a loaded 2-core machine a slow
 * but finite app must not fail. Runs are serialised per browser (browser-verifier.ts), so every
 * renderer's CPU since the run began is this run's (all of its pages together); renderers that already existed count from
 * their value at the start. Without /proc (or without the browser's pid) only wall clock is
 * left, and then the CPU limit is used as the wall limit.
 */
export function watchResources(
  browserPid: number | null,
  limits: ResourceLimits,
  onBreach: (breach: LimitBreach) => void,
): { stop(): void } {
  const startedAt = performance.now();
  // Only positive answers are cached: a renderer forked by the zygote shows the zygote's command
  // line until it renames itself, so a "no" may turn into a "yes" a moment later.
  const knownRenderers = new Set<number>();
  const isRenderer = (pid: number) => {
    if (knownRenderers.has(pid)) return true;
    const renderer = commandLine(pid).includes('--type=renderer');
    if (renderer) knownRenderers.add(pid);
    return renderer;
  };
  const renderers = () =>
    browserPid === null ? [] : processTree(browserPid).filter((info) => isRenderer(info.pid));
  const baseline = new Map(renderers().map((info) => [info.pid, info.cpuMs]));
  const canMeasure = browserPid !== null && processTree(browserPid).length > 0;
  const cpuLimitMs = () => limits.cpuLimitMs + (limits.grantedCpuMs?.() ?? 0);
  const wallLimitMs = () => (canMeasure ? limits.wallLimitMs : Math.min(limits.wallLimitMs, cpuLimitMs()));

  let done = false;
  const breach = (value: LimitBreach) => {
    if (done) return;
    done = true;
    clearInterval(timer);
    onBreach(value);
  };
  const timer = setInterval(() => {
    if (canMeasure) {
      let cpuMs = 0;
      for (const info of renderers()) {
        cpuMs += info.cpuMs - (baseline.get(info.pid) ?? 0);
        const memoryMb = residentMemoryMb(info.pid);
        if (memoryMb !== null && memoryMb > limits.memoryLimitMb) {
          return breach({ kind: 'memory', limitMb: limits.memoryLimitMb });
        }
      }
      const limitMs = cpuLimitMs();
      if (cpuMs >= limitMs) return breach({ kind: 'cpu', limitMs });
    }
    const limitMs = wallLimitMs();
    if (performance.now() - startedAt >= limitMs) breach({ kind: 'time', limitMs });
  }, sampleIntervalMs);
  return {
    stop() {
      done = true;
      clearInterval(timer);
    },
  };
}
