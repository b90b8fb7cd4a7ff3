import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

export const password = 'correct horse battery';

/** Signs up a new person (a fresh address unless one is given) and lands on their apps page. */
export async function signUp(page: Page, email = `e2e-${randomUUID()}@example.com`): Promise<string> {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('new-app-prompt')).toBeVisible();
  return email;
}

export interface Person {
  context: BrowserContext;
  page: Page;
  email: string;
}

/** Someone with a browser of their own (a fresh context: no cookies shared with anyone), signed up. */
export async function signUpInNewBrowser(browser: Browser, email?: string): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, email: await signUp(page, email) };
}

/** Describes an app on the apps page and lands in its builder. */
export async function createApp(page: Page, prompt: string) {
  await page.getByTestId('new-app-prompt').fill(prompt);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
}

/**
 * In the builder: Build now (unless the agent already has enough) and wait for the version. Retried,
 * not checked once: the event replay repaints the conversation, so the open card (or the note) can
 * be missing for a frame. Build now is in the bottom bar for as long as the job is questioning; a
 * second click only re-queues the same build-now turn.
 */
export async function buildNowAndWaitForVersion(page: Page, number: number) {
  const complete = page.getByTestId('questioning-complete');
  await expect(openQuestion(page).or(complete)).toBeVisible();
  await expect(async () => {
    if (await complete.isVisible()) return;
    await page.getByTestId('build-now').click({ timeout: 2_000 });
    await expect(complete).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 45_000 });
  const progress = page.getByTestId('generation-progress');
  await expect(progress).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  await expect(progress).toContainText(`Version ${number} is ready`);
  return progress;
}

/** In the builder: publishes version `number` from the Versions tab; returns the app's live URL. */
export async function publishFromVersionsTab(page: Page, number: number): Promise<string> {
  await page.getByRole('tab', { name: /Versions/ }).click();
  const row = page.locator(`[data-testid="version-row"][data-number="${number}"]`);
  await row.getByTestId('version-publish').click();
  await expect(row.getByTestId('version-live')).toBeVisible();
  const link = page.getByTestId('published-url');
  await expect(link).toBeVisible();
  const url = String(await link.getAttribute('href'));
  expect(url).toMatch(/^http:\/\/[0-9a-f]{32}\.localhost:\d+\/$/);
  return url;
}

export function questionCard(page: Page, number: number) {
  return page.locator(`[data-testid="question-card"][data-number="${number}"]`);
}

export function openQuestion(page: Page) {
  return page.locator('[data-testid="question-card"][data-status="open"]');
}
