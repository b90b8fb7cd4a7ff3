import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';

const password = 'correct horse battery';

function freshEmail(): string {
  return `e2e-${randomUUID()}@example.com`;
}

async function fillCredentials(page: Page, email: string, secret: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(secret);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /account menu/i }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
}

test('a new person signs up, sees an empty apps list, signs out and signs in again', async ({ page }) => {
  const email = freshEmail();

  await page.goto('/');
  // No session yet: the apps list sends the person to sign in.
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/signup$/);

  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Describe a new app' })).toBeVisible();
  await expect(page.getByTestId('new-app-prompt')).toBeVisible();
  await expect(page.getByTestId('example-request')).toHaveCount(4);
  await expect(page.getByTestId('apps-empty')).toContainText('No apps yet');

  await page.getByRole('button', { name: /account menu/i }).click();
  await expect(page.getByTestId('current-user-email')).toHaveText(email);
  await page.keyboard.press('Escape');

  await signOut(page);
  // Signed out for real: the apps list is no longer reachable.
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);

  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('apps-empty')).toBeVisible();
});

test('a wrong password shows an inline error and keeps the person on the sign-in card', async ({ page }) => {
  const email = freshEmail();
  await page.goto('/signup');
  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('apps-empty')).toBeVisible();
  await signOut(page);

  await fillCredentials(page, email, 'not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByTestId('auth-error')).toBeVisible();
  await expect(page.getByTestId('auth-error')).toHaveText('Wrong email or password');
  await expect(page).toHaveURL(/\/signin$/);
  // The email stays filled in so the person only retypes the password.
  await expect(page.getByLabel('Email')).toHaveValue(email);
});

test('signing up twice with the same email shows the server’s message inline', async ({ page }) => {
  const email = freshEmail();
  await page.goto('/signup');
  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('apps-empty')).toBeVisible();
  await signOut(page);

  await page.goto('/signup');
  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('auth-error')).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test('a short password is caught before it is sent', async ({ page }) => {
  await page.goto('/signup');
  await fillCredentials(page, freshEmail(), 'short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Use at least 8 characters.' })).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});
