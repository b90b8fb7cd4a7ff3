import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Problem } from '../../events.ts';
import type { AppBundle } from './browser-verifier.ts';
import { serveBundle } from './harness-page.ts';
import { consoleErrorProblem, pageErrorProblem, refusedRequestProblem } from './page-problems.ts';

/** What a prepared page reports to: set by the run that takes the page, before it navigates. */
export interface PageHooks {
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

export interface PreparedPage {
  context: BrowserContext;
  page: Page;
  hooks: PageHooks;
}

/**
 * A never-navigated context and page whose routes and listeners read `hooks`: creating the
 * context and the page's renderer is most of a page's fixed cost (~300 ms), paid between runs.
 */
export async function preparePage(browser: Browser): Promise<PreparedPage> {
  const hooks: PageHooks = { bundle: null, report: () => {}, wants: () => false, onCrash: () => {} };
  const context = await browser.newContext({
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
      hooks.report(consoleErrorProblem(message.text(), message.location(), hooks.bundle?.sourceMap ?? null));
    }
  });
  page.once('crash', () => hooks.onCrash());
  return { context, page, hooks };
}
