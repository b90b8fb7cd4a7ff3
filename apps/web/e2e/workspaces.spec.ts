import { randomUUID } from 'node:crypto';
import { type Browser, expect, type Page, test } from '@playwright/test';

const password = 'correct horse battery';

async function signUp(page: Page, email: string) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('apps-empty')).toBeVisible();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test('an owner makes a workspace, invites a viewer by link (revoking a wrong one), who signs up through it and joins; the owner makes them an editor, then removes them', async ({
  page,
  browser,
}) => {
  // Two people, two sign-ups (argon2) and a handful of screens.
  test.setTimeout(60_000);
  const ownerEmail = `e2e-owner-${randomUUID()}@example.com`;
  const guestEmail = `e2e-guest-${randomUUID()}@example.com`;
  await signUp(page, ownerEmail);

  // The switcher starts on the personal workspace; a new one is created from it and selected.
  await expect(page.getByTestId('workspace-switcher')).toHaveText('Personal');
  await page.getByRole('button', { name: /Switch workspace/ }).click();
  await page.getByRole('menuitem', { name: 'New workspace…' }).click();
  await page.getByLabel('Name').fill('Makerspace');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByTestId('workspace-switcher')).toHaveText('Makerspace');
  await expect(page).toHaveURL(/\?workspace=/);
  await expect(page.getByRole('heading', { name: 'Apps in Makerspace' })).toBeVisible();

  await page.getByRole('button', { name: /Switch workspace/ }).click();
  await page.getByRole('menuitem', { name: 'Members of Makerspace' }).click();
  await expect(page.getByRole('heading', { name: 'Makerspace members' })).toBeVisible();
  await expect(page.getByTestId('member-row')).toHaveCount(1);

  await page.getByLabel('Invite by email').fill(guestEmail);
  await page.getByTestId('invite-role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = page.getByTestId('invite-link-value');
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const inviteUrl = await link.inputValue();
  // Listed as pending for the owner, without its link.
  const pending = page.getByTestId('invite-row');
  await expect(pending).toHaveCount(1);
  await expect(pending.first()).toContainText(guestEmail);

  // A second invite, sent to the wrong address, is revoked: its row goes and its link stops working.
  const wrongEmail = `e2e-wrong-${randomUUID()}@example.com`;
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByLabel('Invite by email').fill(wrongEmail);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const wrongUrl = await link.inputValue();
  expect(wrongUrl).not.toBe(inviteUrl);
  await expect(pending).toHaveCount(2);
  await page.getByRole('button', { name: `Revoke the invite for ${wrongEmail}` }).click();
  await expect(pending).toHaveCount(1);
  await expect(pending.first()).toContainText(guestEmail);

  // The guest has no account: the link → sign in → create an account → back on the invite.
  const guest = await newPage(browser);
  await guest.goto(inviteUrl);
  await expect(guest).toHaveURL(/\/signin\?next=/);
  await guest.getByRole('link', { name: 'Create an account' }).click();
  await guest.getByLabel('Email').fill(guestEmail);
  await guest.getByLabel('Password').fill(password);
  await guest.getByRole('button', { name: 'Create account' }).click();
  await expect(guest.getByRole('heading', { name: 'You’ve been invited to a workspace' })).toBeVisible();
  await guest.getByRole('button', { name: 'Join workspace' }).click();
  await expect(guest.getByTestId('workspace-switcher')).toHaveText('Makerspace');
  // A viewer uses published apps only: no composer, and the empty state says so.
  await expect(guest.getByTestId('new-app-prompt')).toHaveCount(0);
  await expect(guest.getByTestId('apps-empty')).toContainText('published');

  // The link was single use; the revoked one opens nothing.
  await guest.goto(inviteUrl);
  await guest.getByRole('button', { name: 'Join workspace' }).click();
  await expect(guest.getByTestId('invite-error')).toContainText('already been used');
  await guest.goto(wrongUrl);
  await guest.getByRole('button', { name: 'Join workspace' }).click();
  await expect(guest.getByTestId('invite-error')).toBeVisible();

  // The owner sees the viewer (no longer a pending invite) and makes them an editor: the guest's
  // next load offers the composer.
  await page.reload();
  await expect(page.getByTestId('member-row')).toHaveCount(2);
  await expect(page.getByTestId('invite-row')).toHaveCount(0);
  await page.getByLabel(`Role of ${guestEmail}`).selectOption('editor');
  await expect(page.getByLabel(`Role of ${guestEmail}`)).toHaveValue('editor');
  await guest.goto('/');
  await expect(guest.getByTestId('new-app-prompt')).toBeVisible();

  // Then removes them.
  await page.getByRole('button', { name: `Remove ${guestEmail}` }).click();
  await expect(page.getByTestId('member-row')).toHaveCount(1);
  await guest.goto('/');
  await expect(guest.getByTestId('workspace-switcher')).toHaveText('Personal');
});
