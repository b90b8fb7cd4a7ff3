import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';

test('a token created from the account menu is shown once, works as the person, and stops at revoke', async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const email = `e2e-${randomUUID()}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('apps-empty')).toBeVisible();

  await page.getByRole('button', { name: `Account menu for ${email}` }).click();
  await page.getByRole('menuitem', { name: 'Access tokens' }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByTestId('tokens-empty')).toBeVisible();

  // An empty name is explained before any round trip.
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('alert')).toContainText('Name the token');

  await page.getByLabel('New token').fill('CI');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByTestId('new-token-value');
  await expect(secret).toHaveValue(/^abt_[A-Za-z0-9_-]{43}$/);
  const token = await secret.inputValue();
  await expect(page.getByTestId('new-token')).toContainText('won’t be shown again');
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  const row = page.getByTestId('token-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('CI');
  await expect(row).toContainText('Never used');
  // Once "Done", the secret is gone from the page for good.
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token.slice(4));

  // The token signs a cookie-less client in as this person; the list then shows the use.
  const api = await playwright.request.newContext({ baseURL });
  const me = await api.get('/trpc/auth.me', { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(
    ((await me.json()) as { result: { data: { user: { email: string } } } }).result.data.user.email,
  ).toBe(email);
  await page.reload();
  await expect(row).toContainText('Last used just now');

  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Revoke “CI”' }).click();
  await expect(page.getByTestId('tokens-empty')).toBeVisible();
  const after = await api.get('/trpc/auth.me', { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  await api.dispose();
});
