import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export async function signUp(page: Page) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`e2e-${randomUUID()}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('new-app-prompt')).toBeVisible();
}

/** Describes an app on the apps page and lands in its builder. */
export async function createApp(page: Page, prompt: string) {
  await page.getByTestId('new-app-prompt').fill(prompt);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
}

export function questionCard(page: Page, number: number) {
  return page.locator(`[data-testid="question-card"][data-number="${number}"]`);
}

export function openQuestion(page: Page) {
  return page.locator('[data-testid="question-card"][data-status="open"]');
}
