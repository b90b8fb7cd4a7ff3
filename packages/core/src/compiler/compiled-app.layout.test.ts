import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../validation/browser/find-chromium.ts';
import { bundleApp } from '../validation/bundle-app.ts';
import { compileBlueprint } from './compile-blueprint.ts';
import { complaintLog } from './fixtures/blueprints.ts';

// Layout at a phone's width and the theme, which the acceptance checks (run at 1280 px by the
// verifier) do not look at. A plain Chromium page serving the bundle from memory.
let browser: Browser;
let html = '';
const pageErrors = new WeakMap<Page, string[]>();

beforeAll(async () => {
  const found = findChromium();
  if (!found.found) throw new Error(`Tests need Chromium: ${found.reason}`);
  const bundle = await bundleApp(compileBlueprint(complaintLog));
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.problems));
  const script = bundle.js.replace(/<\/script/gi, '<\\/script');
  html = `<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>${bundle.css}</style></head><body><div id="root"></div><script>${script}</script></body></html>`;
  browser = await chromium.launch({ executablePath: found.executablePath, args: ['--no-sandbox'] });
});
afterAll(() => browser?.close());

async function open(width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 844 }, colorScheme });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.route('https://app.test/**', (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.goto('https://app.test/');
  await page.locator('[data-view-id]').first().waitFor();
  pageErrors.set(page, errors);
  return page;
}

/** Closes a page once it has shown no error. */
async function close(page: Page): Promise<void> {
  expect(pageErrors.get(page)).toEqual([]);
  await page.close();
}

// Browser-side code as text: core is type-checked without the DOM library.
const overflow = async (page: Page) =>
  Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
const navEdge = (side: 'left' | 'right') =>
  `document.querySelector('[data-nav-view-id="complaints"]')?.getBoundingClientRect().${side}`;
const background = `getComputedStyle(document.querySelector('[data-testid="app"]')).backgroundColor`;

describe('the compiled app at 390 px', () => {
  it('fits the width, with the navigation behind a menu button', { timeout: 60_000 }, async () => {
    const page = await open(390);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const nav = page.locator('[data-nav-view-id="complaints"]');
    expect(await nav.isVisible()).toBe(true); // in the DOM, but off-screen until the menu opens
    expect(Number(await page.evaluate(navEdge('right')))).toBeLessThanOrEqual(0);
    await page.click('[data-testid="menu-button"]');
    await page.waitForFunction(`(${navEdge('left')} ?? -1) >= 0`);
    await nav.click();
    await page.locator('[data-view-id="complaints"]').waitFor();
    await page.waitForFunction(`(${navEdge('right')} ?? 1) <= 0`);
    // Every view kind keeps to the page's width (wide tables and boards scroll inside themselves).
    for (const view of ['complaint-board', 'complaints', 'by-category', 'unassigned']) {
      await page.goto(`https://app.test/#/view/${view}`);
      await page.locator(`[data-view-id="${view}"]`).waitFor();
      expect(await overflow(page), view).toBeLessThanOrEqual(0);
    }
    await page.click('[data-testid="new-record"]');
    const dialog = page.locator('[role="dialog"]');
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await close(page);
  });
});

describe('the compiled app in light and dark', () => {
  it('follows the system and switches with its toggle', { timeout: 60_000 }, async () => {
    const page = await open(1280, 'dark');
    const app = page.locator('[data-testid="app"]');
    expect(await app.getAttribute('data-theme')).toBe('dark');
    const darkBackground = await page.evaluate(background);
    await page.locator('.sidebar [data-testid="theme-toggle"]').click();
    expect(await app.getAttribute('data-theme')).toBe('light');
    expect(await page.evaluate(background)).not.toBe(darkBackground);
    await close(page);
  });
});
