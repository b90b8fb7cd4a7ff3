import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createApp, openQuestion } from './builder-helpers.ts';

// A real build with the offline model, then the published app on its own origin
// (`<key>.localhost:<port>`: Chromium resolves every *.localhost name to loopback itself).
test.setTimeout(150_000);

test('publishing: publish from the Versions tab, open the URL, sign in through the builder, the app with its bar, sign out', async ({
  page,
  browser,
}) => {
  const email = `e2e-${randomUUID()}@example.com`;
  const password = 'correct horse battery';
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await createApp(page, 'A tracker for our tickets with a title and a priority');

  const complete = page.getByTestId('questioning-complete');
  await expect(openQuestion(page).or(complete)).toBeVisible();
  await expect(async () => {
    if (await complete.isVisible()) return;
    await page.getByTestId('build-now').click({ timeout: 2_000 });
    await expect(complete).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId('generation-progress')).toHaveAttribute('data-status', 'complete', {
    timeout: 60_000,
  });

  // Publish version 1 from the Versions tab: the live URL shows, the row says Live.
  await page.getByRole('tab', { name: /Versions/ }).click();
  const row = page.locator('[data-testid="version-row"][data-number="1"]');
  await row.getByTestId('version-publish').click();
  await expect(row.getByTestId('version-live')).toBeVisible();
  const link = page.getByTestId('published-url');
  await expect(link).toBeVisible();
  const url = String(await link.getAttribute('href'));
  expect(url).toMatch(/^http:\/\/[0-9a-f]{32}\.localhost:\d+\/$/);

  // The apps list says so on the card.
  await page.goto('/');
  await expect(page.getByTestId('app-published')).toHaveText('Published v1');

  // A browser that is signed in nowhere: the app sends it to the builder's sign-in, and back.
  const visitor = await browser.newContext();
  try {
    const app = await visitor.newPage();
    await app.goto(url);
    await expect(app).toHaveURL(/\/signin\?next=/);
    await app.getByLabel('Email').fill(email);
    await app.getByLabel('Password').fill(password);
    await app.getByRole('button', { name: 'Sign in' }).click();
    await expect(app).toHaveURL(url, { timeout: 15_000 });
    const bar = app.getByTestId('app-bar');
    await expect(bar.getByTestId('app-bar-name')).toHaveText(/tracker|ticket/i);
    await expect(bar.getByTestId('app-bar-user')).toHaveText(email);
    // The compiled app itself rendered below the bar (its own root, its own nav).
    await expect(app.locator('#root')).not.toBeEmpty();
    // The code never stays in the address bar; the session cookie is this origin's alone.
    expect(app.url()).not.toContain('code=');
    const cookies = await visitor.cookies(url);
    expect(cookies.map((cookie) => cookie.name)).toContain('app_session');
    expect(cookies.find((cookie) => cookie.name === 'app_session')?.httpOnly).toBe(true);

    await bar.getByTestId('app-bar-sign-out').click();
    await expect(app.getByTestId('origin-notice')).toContainText('You are signed out');
    expect((await visitor.cookies(url)).map((cookie) => cookie.name)).not.toContain('app_session');
  } finally {
    await visitor.close();
  }
});
