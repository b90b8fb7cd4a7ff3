import type { Page } from 'playwright-core';
import type { CheckPage } from './checks.ts';

/** The CheckPage over a Playwright page; each action bounded by `actionTimeoutMs`. */
export function createCheckPage(page: Page, actionTimeoutMs: number): CheckPage {
  const timeout = actionTimeoutMs;
  const first = (selector: string) => page.locator(selector).first();
  return {
    async textOf(selector) {
      if ((await page.locator(selector).count()) === 0) return null;
      return first(selector).textContent({ timeout });
    },
    textsOf: (selector) => page.locator(selector).allInnerTexts(),
    count: (selector) => page.locator(selector).count(),
    isVisible: (selector) => first(selector).isVisible(),
    click: (selector) => first(selector).click({ timeout }),
    fill: (selector, value) => first(selector).fill(value, { timeout }),
    async select(selector, value) {
      await first(selector).selectOption(value, { timeout });
    },
    async waitForVisible(selector) {
      try {
        await first(selector).waitFor({ state: 'visible', timeout });
        return true;
      } catch {
        return false;
      }
    },
    async waitForHidden(selector) {
      try {
        await first(selector).waitFor({ state: 'hidden', timeout });
        return true;
      } catch {
        return false;
      }
    },
    dragTo: (source, target) => first(source).dragTo(first(target), { timeout }),
  };
}
