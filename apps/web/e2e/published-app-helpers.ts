import { expect, type Page } from '@playwright/test';

/**
 * Opens a published app's URL in a browser already signed in to the builder: the app's origin has
 * no session of its own yet, so it sends the browser to the builder's `/apps-sign-in`, which (signed
 * in there) comes straight back with a one-time code. Returns the pages the browser landed on on the
 * way, so a test can show the round trip happened rather than assume it.
 */
export async function visitPublishedUrl(page: Page, url: string): Promise<string[]> {
  const landed: string[] = [];
  const record = (frame: { url(): string; parentFrame(): unknown }) => {
    if (frame.parentFrame() === null) landed.push(frame.url());
  };
  page.on('framenavigated', record);
  try {
    await page.goto(url);
    // Wait until the browser has settled on a page: back on the app, on the origin's notice (a
    // 403 for a non-member), or stopped in the builder.
    await expect(
      page
        .getByTestId('app-bar')
        .or(page.getByTestId('origin-notice'))
        .or(page.getByTestId('apps-sign-in-error')),
    ).toBeVisible({ timeout: 20_000 });
  } finally {
    page.off('framenavigated', record);
  }
  return landed;
}

/** As visitPublishedUrl, for a member: ends on the app itself, with the bar naming them. */
export async function openPublishedApp(page: Page, url: string, email: string): Promise<void> {
  const landed = await visitPublishedUrl(page, url);
  expect(landed.some((address) => new URL(address).pathname === '/apps-sign-in')).toBe(true);
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId('app-bar').getByTestId('app-bar-user')).toHaveText(email);
}
