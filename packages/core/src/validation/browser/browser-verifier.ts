import type { BrowserContext, Page } from 'playwright-core';
import { ModelAbortedError } from '../../errors.ts';
import type { Check, Problem } from '../../events.ts';
import { appEntryPath } from '../app-files.ts';
import type { RawSourceMap } from '../source-map.ts';
import { createCheckPage } from './check-page.ts';
import {
  type CheckOutcome,
  notRun,
  renderCheckId,
  renderCheckTitle,
  type VerificationCheck,
} from './checks.ts';
import { harnessOrigin, serveBundle } from './harness-page.ts';
import { capMessage, consoleErrorProblem, pageErrorProblem, refusedRequestProblem } from './page-problems.ts';
import { killProcessTree } from './process-tree.ts';
import { type LimitBreach, type ResourceLimits, watchResources } from './resource-watch.ts';
import { launchSandboxedChromium, type SandboxedBrowser } from './sandboxed-launch.ts';

/** An app as esbuild bundled it (`bundleApp(files, { sourceMap: true })`). */
export interface AppBundle {
  js: string;
  css: string;
  sourceMap: RawSourceMap | null;
}

export interface VerificationResult {
  /** True only when every check passed and the page reported no problem. */
  ok: boolean;
  /** The built-in render check first, then the given checks, in order. */
  checks: Check[];
  problems: Problem[];
}

export interface BrowserVerifierOptions {
  /** A Chromium executable (`findChromium`). */
  executablePath: string;
  /** The system user the browser runs as when this process is root. Default `app-verifier`. */
  sandboxUser?: string;
  /** CPU time the app's renderer may use per run. Default 3 s. */
  cpuLimitMs?: number;
  /** Wall clock per run. Default 20 s. */
  wallLimitMs?: number;
  /** V8 heap of each renderer. Default 128 MB. */
  rendererHeapMb?: number;
  /** Resident memory of the renderer. Default 512 MB. */
  rendererMemoryMb?: number;
  /** Each CheckPage action, and the wait for the first render. Default 2 s. */
  actionTimeoutMs?: number;
  /** Quiet time after the first render for effects and timers that throw. Default 150 ms. */
  settleMs?: number;
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
  /** A fresh context + page made ready after the previous run, so the next run starts at `goto`. */
  spare: Promise<PreparedPage> | null;
  /** Kills the browser's whole process tree (idempotent). */
  kill(): void;
}

/** What a prepared page reports to: set by the run that takes the page, before it navigates. */
interface PageHooks {
  bundle: AppBundle | null;
  report(problem: Problem): void;
  /**
   * False once the run keeps no more problems: later ones are not even built. Building one maps
   * its location through the source map on this process's event loop (~2 ms for an app behind
   * react-dom), and an app can log errors without end — 10,000 of them stalled the worker for
   * seconds at a time and stretched a run past its wall limit.
   */
  wants(): boolean;
  onCrash(): void;
}

interface PreparedPage {
  context: BrowserContext;
  page: Page;
  hooks: PageHooks;
}

type RunEnd =
  | { kind: 'finished'; checks: Check[] }
  | { kind: 'breach'; breach: LimitBreach | 'crash' | 'exit' };

/** Bounds on what one app can pour into a verdict. */
const maxProblems = 20;
const maxCollectedPageProblems = 50;

/**
 * Verification in a sandboxed real browser (docs/architecture.md#verification, #security). One warm browser per verifier, launched
 * on first use and replaced whenever it died or was killed; every run gets a fresh context (no
 * storage, cookies or service workers carried over) with the app served by route fulfilment.
 *
 * Runs are serialised: one app at a time per browser. Verifying takes a few hundred ms, and it is
 * what lets a run's CPU be measured per renderer and a runaway app's browser be killed without
 * taking another job's run down with it.
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
  const rendererHeapMb = options.rendererHeapMb ?? 128;
  const actionTimeoutMs = options.actionTimeoutMs ?? 2_000;
  const settleMs = options.settleMs ?? 150;
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
      spare: null,
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

  /**
   * A never-navigated context and page whose routes and listeners read `hooks`: creating the
   * context and the page's renderer is most of a run's fixed cost (~300 ms), paid between runs.
   */
  async function prepare(current: Session): Promise<PreparedPage> {
    const hooks: PageHooks = { bundle: null, report: () => {}, wants: () => false, onCrash: () => {} };
    const context = await current.launched.browser.newContext({
      serviceWorkers: 'block',
      acceptDownloads: false,
      viewport: { width: 1280, height: 800 },
    });
    await serveBundle(
      context,
      () => hooks.bundle,
      (url) => hooks.report(refusedRequestProblem(url)),
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      if (hooks.wants()) hooks.report(pageErrorProblem(error, hooks.bundle?.sourceMap ?? null));
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && hooks.wants()) {
        hooks.report(
          consoleErrorProblem(message.text(), message.location(), hooks.bundle?.sourceMap ?? null),
        );
      }
    });
    page.once('crash', () => hooks.onCrash());
    return { context, page, hooks };
  }

  async function takePage(current: Session): Promise<PreparedPage> {
    const spare = current.spare;
    current.spare = null;
    return (spare && (await spare.catch(() => null))) ?? prepare(current);
  }

  async function run(
    current: Session,
    bundle: AppBundle,
    checks: readonly VerificationCheck[],
    stop: AbortSignal,
    /** Receives the run's clean-up (closing its page), which the next run waits for. */
    cleanups: Promise<void>[],
  ): Promise<VerificationResult> {
    const pageProblems: Problem[] = [];
    const report = (problem: Problem) => {
      if (pageProblems.length < maxCollectedPageProblems) pageProblems.push(problem);
    };
    let context: BrowserContext | null = null;
    let tripped: (end: RunEnd) => void = () => {};
    const trip = new Promise<RunEnd>((resolve) => {
      tripped = resolve;
    });
    const onDisconnected = () => tripped({ kind: 'breach', breach: 'exit' });
    current.launched.browser.once('disconnected', onDisconnected);
    const watch = watchResources(current.launched.pid, limits, (breach) =>
      tripped({ kind: 'breach', breach }),
    );
    const stopped = new Promise<never>((_, reject) => {
      const onStop = () => reject(new ModelAbortedError('verification cancelled'));
      if (stop.aborted) onStop();
      else stop.addEventListener('abort', onStop, { once: true });
    });
    // The checks still pending when a run is cut short are reported as not run.
    const results: Check[] = [];

    const exercise = async (): Promise<RunEnd> => {
      const prepared = await takePage(current);
      context = prepared.context;
      const { page, hooks } = prepared;
      hooks.bundle = bundle;
      hooks.report = report;
      hooks.wants = () => pageProblems.length < maxCollectedPageProblems;
      hooks.onCrash = () => tripped({ kind: 'breach', breach: 'crash' });
      await page.goto(`${harnessOrigin}/`, { waitUntil: 'load', timeout: limits.wallLimitMs });
      await page
        .locator('#root > *')
        .first()
        .waitFor({ state: 'attached', timeout: actionTimeoutMs })
        .catch(() => {});
      await page.waitForTimeout(settleMs);
      const render = await renderCheck(page, pageProblems.length, actionTimeoutMs);
      results.push(render);
      const checkPage = createCheckPage(page, actionTimeoutMs);
      for (const check of checks) {
        if (!render.ok) {
          results.push(notRun(check, 'the app did not render'));
          continue;
        }
        const before = pageProblems.length;
        const outcome = await runCheck(check, () => check.run(checkPage), 4 * actionTimeoutMs);
        await page.waitForTimeout(Math.min(settleMs, 50));
        const thrown = pageProblems.slice(before);
        results.push(
          thrown.length > 0
            ? {
                ...outcome,
                ok: false,
                detail: capMessage(`${outcome.detail}; meanwhile ${thrown[0]?.message}`),
              }
            : outcome,
        );
      }
      return { kind: 'finished', checks: results };
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
        // Checks that finished keep their result; the one running when the run was cut short fails
        // with the reason, and the rest never ran.
        const finished = new Map(results.map((check) => [check.id, check]));
        let interrupted = false;
        const checksOut = [{ id: renderCheckId, title: renderCheckTitle }, ...checks].map((check): Check => {
          const result = finished.get(check.id);
          if (result) return result;
          if (interrupted) return notRun(check, 'the page was stopped');
          interrupted = true;
          return { id: check.id, title: check.title, ok: false, detail: problem.message };
        });
        return verdict(checksOut, pageProblems);
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
      report({ path: appEntryPath, line: null, message, source: 'render' });
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
      // Off the caller's path: the verdict is known, the page only has to go (~50 ms).
      const closing = context;
      cleanups.push(
        (async () => {
          await closeOrKill(closing, current);
          if (!current.dead && !closed) {
            current.spare = prepare(current);
            // A spare that fails to open is replaced by a fresh one at the next run.
            current.spare.catch(() => {});
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

async function renderCheck(page: Page, problemCount: number, timeout: number): Promise<Check> {
  const root = page.locator('#root');
  const visible = await root.isVisible();
  // What a person sees, not hidden nodes' text: rendered text is the point here.
  // biome-ignore lint/performance/useDomNodeTextContent: layout-aware text is wanted
  const text = visible ? (await root.innerText({ timeout })).trim() : '';
  const media = await page
    .locator('#root :is(img, svg, canvas, video, input, button, select, textarea)')
    .count();
  const base = { id: renderCheckId, title: renderCheckTitle };
  if (problemCount > 0) {
    return {
      ...base,
      ok: false,
      detail: `${problemCount} error${problemCount === 1 ? '' : 's'} while loading`,
    };
  }
  if (!visible || (text === '' && media === 0)) {
    return { ...base, ok: false, detail: 'The app rendered nothing visible into #root' };
  }
  return { ...base, ok: true, detail: `Rendered ${text.length} characters of text` };
}

async function runCheck(
  check: VerificationCheck,
  body: () => Promise<CheckOutcome>,
  timeoutMs: number,
): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      body(),
      new Promise<CheckOutcome>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, detail: `The check did not finish within ${timeoutMs} ms` }),
          timeoutMs,
        );
      }),
    ]);
    return { id: check.id, title: check.title, ok: outcome.ok, detail: capMessage(outcome.detail) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      id: check.id,
      title: check.title,
      ok: false,
      detail: capMessage(`The check could not run: ${message}`),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** One verdict: the checks, the page's problems (deduplicated), and a problem per failed check. */
function verdict(checks: Check[], pageProblems: readonly Problem[]): VerificationResult {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const problem of pageProblems) {
    const key = `${problem.path}:${problem.line}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  for (const check of checks) {
    // The render check's failure is already explained by the page's problems, when there are any.
    if (check.ok || (check.id === renderCheckId && problems.length > 0)) continue;
    problems.push({
      path: appEntryPath,
      line: null,
      message: capMessage(`Check "${check.title}" failed: ${check.detail}`),
      source: 'check',
    });
  }
  const capped = problems.slice(0, maxProblems);
  return { ok: capped.length === 0 && checks.every((check) => check.ok), checks, problems: capped };
}

function breachProblem(breach: LimitBreach | 'crash' | 'exit', heapMb: number): Problem {
  const message =
    breach === 'crash'
      ? `The app's page crashed: it most likely ran out of memory (${heapMb} MB of JavaScript heap). Unbounded allocation, or a loop that keeps creating objects?`
      : breach === 'exit'
        ? 'The verification browser exited while the app was running'
        : breach.kind === 'memory'
          ? `The app used more than ${breach.limitMb} MB of memory (out of memory): unbounded allocation?`
          : breach.kind === 'cpu'
            ? `The app did not finish loading and checking within ${breach.limitMs} ms of CPU time (an infinite loop or endless re-render?)`
            : `The app did not finish loading and checking within ${breach.limitMs} ms`;
  return { path: appEntryPath, line: null, message, source: 'render' };
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
