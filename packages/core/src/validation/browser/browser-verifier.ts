import type { BrowserContext, Page } from 'playwright-core';
import { ModelAbortedError } from '../../errors.ts';
import type { Check, Problem } from '../../events.ts';
import { appEntryPath } from '../app-files.ts';
import type { RawSourceMap } from '../source-map.ts';
import { createCheckPage } from './check-page.ts';
import { planPages } from './check-plan.ts';
import { notRun, renderCheckId, renderCheckTitle, type VerificationCheck } from './checks.ts';
import { harnessOrigin } from './harness-page.ts';
import { capMessage } from './page-problems.ts';
import { type PreparedPage, preparePage } from './prepared-page.ts';
import { killProcessTree } from './process-tree.ts';
import { type LimitBreach, type ResourceLimits, watchResources } from './resource-watch.ts';
import { renderCheck, runCheck } from './run-check.ts';
import { launchSandboxedChromium, type SandboxedBrowser } from './sandboxed-launch.ts';
import { breachProblem, problemKey, type VerificationResult, verdict } from './verdict.ts';

export type { VerificationResult } from './verdict.ts';

/** An app as esbuild bundled it (`bundleApp(files, { sourceMap: true })`). */
export interface AppBundle {
  js: string;
  css: string;
  sourceMap: RawSourceMap | null;
}

export interface BrowserVerifierOptions {
  /** A Chromium executable (`findChromium`). */
  executablePath: string;
  /** The system user the browser runs as when this process is root. Default `app-verifier`. */
  sandboxUser?: string;
  /**
   * CPU time the app's renderers may use to load and render, per page of a run (a run with few
   * checks has one page). Default 3 s.
   */
  cpuLimitMs?: number;
  /** CPU time each acceptance check adds to its run's budget when it starts. Default 1 s. */
  checkCpuLimitMs?: number;
  /** Wall clock per run, before `checkWallLimitMs`. Default 20 s. */
  wallLimitMs?: number;
  /** Wall clock each acceptance check adds to its run. Default 1 s. */
  checkWallLimitMs?: number;
  /** V8 heap of each renderer. Default 128 MB. */
  rendererHeapMb?: number;
  /** Resident memory of each renderer. Default 512 MB. */
  rendererMemoryMb?: number;
  /** Each CheckPage action, and the wait for the first render. Default 2 s. */
  actionTimeoutMs?: number;
  /** Quiet time after the first render for effects and timers that throw. Default 150 ms. */
  settleMs?: number;
  /** Quiet time after each check, so an error it sets off a moment later is its own. Default 20 ms. */
  checkSettleMs?: number;
  /** Pages (each its own context and renderer) a run uses side by side. Default 3. */
  parallelPages?: number;
}

export interface VerifyOptions {
  signal?: AbortSignal;
}

export interface BrowserVerifier {
  readonly executablePath: string;
  verifyApp(
    bundle: AppBundle,
    checks?: readonly VerificationCheck[],
    options?: VerifyOptions,
  ): Promise<VerificationResult>;
  /** Kills the browser; later calls to verifyApp reject. */
  close(): Promise<void>;
}

interface Session {
  launched: SandboxedBrowser;
  dead: boolean;
  /** Fresh contexts + pages made ready after the previous run, so the next run starts at `goto`. */
  spares: Promise<PreparedPage>[];
  /** Kills the browser's whole process tree (idempotent). */
  kill(): void;
}

/** One page of a run with the app loaded, and the problems it reported (for blaming a check). */
interface LoadedPage {
  context: BrowserContext;
  page: Page;
  problems: Problem[];
}

type RunEnd =
  | { kind: 'finished'; checks: Check[] }
  | { kind: 'breach'; breach: LimitBreach | 'crash' | 'exit' };

const maxCollectedPageProblems = 50;

/**
 * Verification in a sandboxed real browser (docs/architecture.md#verification, #security). One warm browser per verifier, launched
 * on first use and replaced whenever it died or was killed; every page of a run is a fresh
 * context (no storage, cookies or service workers carried over) with the app served by route
 * fulfilment.
 *
 * Runs are serialised: one app at a time per browser, which is what lets a run's CPU be measured
 * over the browser's renderers and a runaway app's browser be killed without taking another job's
 * run down with it. Within a run, the checks are spread over up to `parallelPages` pages side by
 * side (check-plan.ts): each group of checks that changes records gets a fresh page of its own,
 * so no check sees another group's changes, and checks that only read fill the pages up.
 *
 * The verdict is the harness's alone: uncaught errors, console errors and refused requests seen
 * over the DevTools protocol, and what the checks read from the DOM. Nothing the app prints,
 * posts or stores is read as a result.
 */
export function createBrowserVerifier(options: BrowserVerifierOptions): BrowserVerifier {
  const limits: ResourceLimits = {
    cpuLimitMs: options.cpuLimitMs ?? 3_000,
    wallLimitMs: options.wallLimitMs ?? 20_000,
    memoryLimitMb: options.rendererMemoryMb ?? 512,
  };
  const checkCpuLimitMs = options.checkCpuLimitMs ?? 1_000;
  const checkWallLimitMs = options.checkWallLimitMs ?? 1_000;
  const rendererHeapMb = options.rendererHeapMb ?? 128;
  const actionTimeoutMs = options.actionTimeoutMs ?? 2_000;
  const settleMs = options.settleMs ?? 150;
  const checkSettleMs = options.checkSettleMs ?? 20;
  const parallelPages = Math.max(1, Math.floor(options.parallelPages ?? 3));
  let session: Promise<Session> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  async function currentSession(): Promise<Session> {
    const existing = session && (await session.catch(() => null));
    if (existing && !existing.dead) return existing;
    session = launch();
    // A failed launch is retried by the next run, not cached.
    session.catch(() => {
      session = null;
    });
    return session;
  }

  async function launch(): Promise<Session> {
    const launched = await launchSandboxedChromium({
      executablePath: options.executablePath,
      rendererHeapMb,
      sandboxUser: options.sandboxUser ?? 'app-verifier',
    });
    const current: Session = {
      launched,
      dead: false,
      spares: [],
      kill() {
        if (launched.pid !== null) killProcessTree(launched.pid, launched.profileDirectory);
        current.dead = true;
        void launched.browser.close().catch(() => {});
      },
    };
    launched.browser.on('disconnected', () => {
      current.dead = true;
      // The pipe closing does not mean every renderer is gone: make sure of it.
      if (launched.pid !== null) killProcessTree(launched.pid, launched.profileDirectory);
      launched.dispose();
    });
    return current;
  }

  async function takePage(current: Session): Promise<PreparedPage> {
    const spare = current.spares.shift();
    return (spare && (await spare.catch(() => null))) ?? preparePage(current.launched.browser);
  }

  async function run(
    current: Session,
    bundle: AppBundle,
    checks: readonly VerificationCheck[],
    stop: AbortSignal,
    /** Receives the run's clean-up (closing its pages), which the next run waits for. */
    cleanups: Promise<void>[],
  ): Promise<VerificationResult> {
    const pageProblems: Problem[] = [];
    const wants = () => pageProblems.length < maxCollectedPageProblems;
    const contexts: BrowserContext[] = [];
    let tripped: (end: RunEnd) => void = () => {};
    const trip = new Promise<RunEnd>((resolve) => {
      tripped = resolve;
    });
    const onDisconnected = () => tripped({ kind: 'breach', breach: 'exit' });
    current.launched.browser.once('disconnected', onDisconnected);
    // Grants only grow: each check as it starts, each page after the first as it opens.
    let grantedCpuMs = 0;
    const watch = watchResources(
      current.launched.pid,
      {
        ...limits,
        wallLimitMs: limits.wallLimitMs + checkWallLimitMs * checks.length,
        grantedCpuMs: () => grantedCpuMs,
      },
      (breach) => tripped({ kind: 'breach', breach }),
    );
    const stopped = new Promise<never>((_, reject) => {
      const onStop = () => reject(new ModelAbortedError('verification cancelled'));
      if (stop.aborted) onStop();
      else stop.addEventListener('abort', onStop, { once: true });
    });
    // By position: the render check, then checks[i] at i + 1. What is missing when a run is cut
    // short was running (it fails with the reason) or never ran.
    const results: (Check | undefined)[] = [];
    const running = new Set<number>();
    const plan = planPages(checks, parallelPages);
    const sideBySide = Math.min(parallelPages, plan.length);

    let pagesOpened = 0;
    const openPage = async (): Promise<LoadedPage> => {
      // The first page's share is the base budget; each further page brings its own.
      if (pagesOpened++ > 0) grantedCpuMs += limits.cpuLimitMs;
      const prepared = await takePage(current);
      contexts.push(prepared.context);
      const { page, hooks } = prepared;
      const loaded: LoadedPage = { context: prepared.context, page, problems: [] };
      let problemSeen = () => {};
      const firstProblem = new Promise<void>((resolve) => {
        problemSeen = resolve;
      });
      hooks.bundle = bundle;
      hooks.wants = wants;
      hooks.report = (problem) => {
        if (!wants()) return;
        pageProblems.push(problem);
        loaded.problems.push(problem);
        problemSeen();
      };
      hooks.onCrash = () => tripped({ kind: 'breach', breach: 'crash' });
      await page.goto(`${harnessOrigin}/`, { waitUntil: 'load', timeout: limits.wallLimitMs });
      // Until the app shows something, or fails: an app that threw while loading already fails
      // the render check, and may never fill #root (waiting would only cost the action timeout).
      await Promise.race([
        page
          .locator('#root > *')
          .first()
          .waitFor({ state: 'attached', timeout: actionTimeoutMs })
          .catch(() => {}),
        firstProblem,
      ]);
      return loaded;
    };

    const runPage = async (loaded: LoadedPage, indices: readonly number[]) => {
      const checkPage = createCheckPage(loaded.page, actionTimeoutMs);
      for (const index of indices) {
        const check = checks[index];
        if (!check) continue;
        grantedCpuMs += checkCpuLimitMs;
        running.add(index);
        const before = loaded.problems.length;
        const outcome = await runCheck(check, () => check.run(checkPage), 4 * actionTimeoutMs);
        if (checkSettleMs > 0) await loaded.page.waitForTimeout(checkSettleMs);
        // Only this page's problems: another page's are another check's doing.
        const thrown = loaded.problems.slice(before);
        results[index + 1] =
          thrown.length > 0
            ? {
                ...outcome,
                ok: false,
                detail: capMessage(`${outcome.detail}; meanwhile ${thrown[0]?.message}`),
              }
            : outcome;
        running.delete(index);
      }
    };

    const exercise = async (): Promise<RunEnd> => {
      // The first pages load side by side; the render check reads the first of them.
      const first = await Promise.all(Array.from({ length: sideBySide }, openPage));
      const primary = first[0];
      if (!primary) throw new Error('a run opened no page');
      await primary.page.waitForTimeout(settleMs);
      const distinct = new Set(pageProblems.map(problemKey)).size;
      const render = await renderCheck(primary.page, distinct, actionTimeoutMs);
      results[0] = render;
      if (!render.ok) {
        return {
          kind: 'finished',
          checks: [render, ...checks.map((check) => notRun(check, 'the app did not render'))],
        };
      }
      let nextPlan = sideBySide;
      await Promise.all(
        first.map(async (loaded, lane) => {
          let page = loaded;
          let indices = plan[lane] ?? [];
          for (;;) {
            await runPage(page, indices);
            if (nextPlan >= plan.length || closed || current.dead) return;
            indices = plan[nextPlan++] ?? [];
            // Its checks are done: its renderer's memory and CPU go to the next page.
            void page.context.close().catch(() => {});
            page = await openPage();
          }
        }),
      );
      return {
        kind: 'finished',
        checks: [
          render,
          ...checks.map((check, index) => results[index + 1] ?? notRun(check, 'its page closed')),
        ],
      };
    };

    const exercising = exercise();
    // Once the race below is decided the exercise may still reject (its browser killed): expected.
    exercising.catch(() => {});
    try {
      const end = await Promise.race([exercising, trip, stopped]);
      if (end.kind === 'breach') {
        current.kill();
        const problem = breachProblem(end.breach, rendererHeapMb);
        // First, not after whatever the app logged: it is why the run stopped, and the verdict
        // keeps only the first few problems.
        pageProblems.unshift(problem);
        // Checks that finished keep their result; those running when the run was cut short fail
        // with the reason (the render check, if it had not finished), and the rest never ran.
        const render = results[0] ?? {
          id: renderCheckId,
          title: renderCheckTitle,
          ok: false,
          detail: problem.message,
        };
        const checksOut = checks.map((check, index): Check => {
          const result = results[index + 1];
          if (result) return result;
          if (results[0] && running.has(index))
            return { id: check.id, title: check.title, ok: false, detail: problem.message };
          return notRun(check, 'the page was stopped');
        });
        return verdict([render, ...checksOut], pageProblems);
      }
      return verdict(end.checks, pageProblems);
    } catch (error) {
      if (error instanceof ModelAbortedError) throw error;
      // A Playwright call failed for a reason other than a breach (the page closed under it):
      // the browser is in an unknown state, so it is replaced.
      current.kill();
      const message = capMessage(
        `Verification could not finish: ${error instanceof Error ? error.message : String(error)}`,
      );
      pageProblems.push({ path: appEntryPath, line: null, message, source: 'render' });
      return verdict(
        [
          { id: renderCheckId, title: renderCheckTitle, ok: false, detail: message },
          ...checks.map((check) => notRun(check, message)),
        ],
        pageProblems,
      );
    } finally {
      watch.stop();
      current.launched.browser.off('disconnected', onDisconnected);
      // Off the caller's path: the verdict is known, the pages only have to go (~50 ms each).
      const closing = [...contexts];
      cleanups.push(
        (async () => {
          await Promise.all(closing.map((context) => closeOrKill(context, current)));
          if (!current.dead && !closed) {
            while (current.spares.length < parallelPages) {
              const spare = preparePage(current.launched.browser);
              // A spare that fails to open is replaced by a fresh one at the next run.
              spare.catch(() => {});
              current.spares.push(spare);
            }
            // The next run waits for them: a renderer that starts during a run has all of its CPU
            // counted as that run's (resource-watch.ts), and starting one costs a few hundred ms.
            await Promise.race([Promise.allSettled(current.spares), delay(5_000)]);
          }
        })(),
      );
    }
  }

  return {
    executablePath: options.executablePath,
    async verifyApp(bundle, checks = [], verifyOptions = {}) {
      const { signal } = verifyOptions;
      if (closed) throw new Error('The verifier is closed');
      if (signal?.aborted) throw new ModelAbortedError('verification cancelled');
      const previous = queue;
      let release: () => void = () => {};
      queue = new Promise((resolve) => {
        release = resolve;
      });
      const stop = new AbortController();
      const onAbort = () => stop.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      // The caller hears about a cancel at once; the queue moves on only once this run's page is
      // really closed (or its browser killed), so the next app never shares a renderer with it.
      const work = (async () => {
        const cleanups: Promise<void>[] = [];
        try {
          await previous;
          if (stop.signal.aborted) throw new ModelAbortedError('verification cancelled');
          const current = await currentSession();
          if (stop.signal.aborted) throw new ModelAbortedError('verification cancelled');
          return await run(current, bundle, checks, stop.signal, cleanups);
        } finally {
          signal?.removeEventListener('abort', onAbort);
          void Promise.all(cleanups).finally(release);
        }
      })();
      const cancelled = new Promise<never>((_, reject) => {
        if (stop.signal.aborted) reject(new ModelAbortedError('verification cancelled'));
        stop.signal.addEventListener('abort', () => reject(new ModelAbortedError('verification cancelled')), {
          once: true,
        });
      });
      cancelled.catch(() => {});
      work.catch(() => {});
      return Promise.race([work, cancelled]);
    },
    async close() {
      closed = true;
      await queue.catch(() => {});
      const current = session && (await session.catch(() => null));
      session = null;
      if (current && !current.dead) {
        await Promise.race([current.launched.browser.close().catch(() => {}), delay(5_000)]);
        current.kill();
      }
    },
  };
}

/** Closes a run's context; one that does not close in time (a wedged renderer) costs the browser. */
async function closeOrKill(context: BrowserContext | null, current: Session): Promise<void> {
  if (!context || current.dead) return;
  const closed = await Promise.race([
    context.close().then(
      () => true,
      () => false,
    ),
    delay(3_000).then(() => false),
  ]);
  if (!closed) current.kill();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
