import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';

test('describing a new app from an example opens it, and it then appears in the apps list', async ({
  page,
}) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`e2e-${randomUUID()}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('apps-empty')).toBeVisible();

  // Clicking an example fills the box (so it can be edited); Enter starts it.
  await page.getByTestId('example-request').filter({ hasText: 'dental clinic' }).click();
  const prompt = page.getByTestId('new-app-prompt');
  await expect(prompt).toBeFocused();
  await expect(prompt).toHaveValue("A booking tool for our dental clinic's appointments");
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('for three dentists');
  await expect(prompt).toHaveValue("A booking tool for our dental clinic's appointments\nfor three dentists");
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('app-name')).toContainText(/booking tool/i);
  await expect(page.getByTestId('request-bubble')).toContainText('for three dentists');

  await page.getByRole('link', { name: 'All apps' }).click();
  const card = page.getByTestId('app-card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(/booking tool/i);
  await expect(card).toContainText('No version yet');
  await expect(card.getByTestId('app-status')).not.toBeEmpty();
});

test('an app id that is not yours (or does not exist) shows "App not found"', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`e2e-${randomUUID()}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('apps-empty')).toBeVisible();

  await page.goto(`/apps/${randomUUID()}`);
  await expect(page.getByTestId('app-not-found')).toContainText('App not found');
});
