import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import {
  buildNowAndWaitForVersion,
  createApp,
  type Person,
  publishFromVersionsTab,
  signUpInNewBrowser,
} from './builder-helpers.ts';
import { openPublishedApp, visitPublishedUrl } from './published-app-helpers.ts';
import { restartServer } from './stack-restart.ts';
import { trpcMutation, trpcQuery } from './trpc-request.ts';

// Four people, a real offline build, the published app on its own origin
// (`<key>.localhost:<port>`), its data API on real Postgres, and a server restart.
test.setTimeout(300_000);

/** The compiled app's own form (packages/core/src/compiler/template): New Ticket → dialog → Add. */
async function addTicket(app: Page, title: string) {
  await app.getByRole('button', { name: 'New ticket' }).click();
  const form = app.getByRole('dialog', { name: 'New ticket' });
  await form.getByRole('textbox', { name: /^Title/ }).fill(title);
  await form.getByRole('button', { name: 'Add ticket' }).click();
  await expect(form).toHaveCount(0);
}

/** The app has loaded its records (while loading it shows neither its views nor their New button). */
async function expectRecordsLoaded(app: Page) {
  await expect(app.getByRole('button', { name: 'New ticket' })).toBeVisible({ timeout: 20_000 });
}

test('a team app: the owner publishes, a viewer adds a record through the app, the owner sees it; a stranger and the preview do not; a restart keeps it', async ({
  browser,
}) => {
  const people: Person[] = [];
  try {
    // 1. The owner: a workspace of its own with an invite for the viewer (through the real API,
    //    from the owner's own browser: workspaces.spec covers those screens).
    const owner = await signUpInNewBrowser(browser);
    people.push(owner);
    const viewerEmail = `e2e-viewer-${randomUUID()}@example.com`;
    const { workspace } = await trpcMutation(owner.page, 'workspaces', 'create', { name: 'Help desk' });
    const { inviteUrl } = await trpcMutation(owner.page, 'workspaces', 'invite', {
      workspaceId: workspace.id,
      email: viewerEmail,
      role: 'viewer',
    });

    // The viewer signs up and accepts the invite link.
    const viewer = await signUpInNewBrowser(browser, viewerEmail);
    people.push(viewer);
    await viewer.page.goto(inviteUrl);
    await viewer.page.getByRole('button', { name: 'Join workspace' }).click();
    await expect(viewer.page.getByTestId('workspace-switcher')).toHaveText('Help desk');

    // The owner builds an app in that workspace with the offline model and publishes version 1.
    await owner.page.goto(`/?workspace=${workspace.id}`);
    await expect(owner.page.getByTestId('workspace-switcher')).toHaveText('Help desk');
    await createApp(owner.page, 'A tracker for our tickets with a title and a priority');
    const appId = new URL(owner.page.url()).pathname.split('/').pop() ?? '';
    const { app } = await trpcQuery(owner.page, 'apps', 'get', { appId });
    expect(app.workspaceId).toBe(workspace.id);
    await buildNowAndWaitForVersion(owner.page, 1);
    const url = await publishFromVersionsTab(owner.page, 1);
    // The version's own preview link (Preview tab → open in a new tab), kept for step 5.
    await owner.page.getByRole('tab', { name: 'Preview' }).click();
    const previewUrl = String(await owner.page.getByTestId('preview-open').getAttribute('href'));
    expect(previewUrl).toMatch(/^http:\/\/[0-9a-f]{32}\.localhost:\d+\/v\/[0-9a-f-]{36}\/\?token=/);

    // The owner has the live app open before anyone wrote to it: live data starts empty.
    const ownerApp = await owner.context.newPage();
    await openPublishedApp(ownerApp, url, owner.email);
    await expectRecordsLoaded(ownerApp);
    await expect(ownerApp.getByTestId('empty-state')).toContainText('No tickets yet');

    // 2. The viewer opens the published URL (the app's origin → the builder's sign-in → back) and
    //    adds a record through the app's own form; it is on the server, so a reload keeps it.
    const viewerApp = await viewer.context.newPage();
    await openPublishedApp(viewerApp, url, viewer.email);
    await expectRecordsLoaded(viewerApp);
    const title = `Printer jammed ${randomUUID().slice(0, 8)}`;
    await addTicket(viewerApp, title);
    await expect(viewerApp.getByRole('button', { name: title })).toBeVisible();
    await viewerApp.reload();
    await expect(viewerApp.getByRole('button', { name: title })).toBeVisible({ timeout: 20_000 });

    // 3. The owner reloads and sees the viewer's record.
    await ownerApp.reload();
    await expectRecordsLoaded(ownerApp);
    await expect(ownerApp.getByRole('button', { name: title })).toBeVisible();
    await expect(ownerApp.getByTestId('open-record')).toHaveCount(1);

    // 4. A stranger (signed up, no member of the workspace) signs in like anyone else and lands on
    //    the app origin's 403 page: who is signed in, a way to switch, nothing of the app or its data.
    const stranger = await signUpInNewBrowser(browser);
    people.push(stranger);
    const strangerPage = await stranger.context.newPage();
    const landed = await visitPublishedUrl(strangerPage, url);
    expect(landed.some((address) => new URL(address).pathname === '/apps-sign-in')).toBe(true);
    await expect(strangerPage).toHaveURL(url, { timeout: 15_000 });
    const strangerNotice = strangerPage.getByTestId('origin-notice');
    await expect(strangerNotice).toContainText('You don’t have access to this app');
    await expect(strangerNotice).toContainText(stranger.email);
    expect((await strangerPage.reload())?.status()).toBe(403);
    await expect(strangerPage.getByTestId('app-bar')).toHaveCount(0);
    await expect(strangerPage.locator('body')).not.toContainText(title);
    await expect(strangerPage.locator('body')).not.toContainText(/ticket/i);
    await expect(strangerPage.getByRole('button', { name: 'Sign in as someone else' })).toBeVisible();

    // 5. The version's preview runs on its own sample dataset: records, but never the live one.
    const preview = await owner.context.newPage();
    await preview.goto(previewUrl);
    await expectRecordsLoaded(preview);
    await expect(preview.getByTestId('open-record').first()).toBeVisible();
    await expect(preview.getByRole('button', { name: title })).toHaveCount(0);
    await expect(preview.locator('body')).not.toContainText(title);
    await preview.close();

    // 6. A restart of the server process keeps it: the record (Postgres) and the owner's session
    //    on the app's origin (stored, not in memory).
    const restarted = await restartServer();
    expect(restarted.after).not.toBe(restarted.before);
    await ownerApp.reload();
    await expectRecordsLoaded(ownerApp);
    await expect(ownerApp.getByTestId('app-bar-user')).toHaveText(owner.email);
    await expect(ownerApp.getByRole('button', { name: title })).toBeVisible();

    // And a member removed from the workspace is out at once: the viewer's next load of the app
    // (their app-origin session still valid) is the origin's 403 page, with nothing of the app.
    const members = await trpcQuery(owner.page, 'workspaces', 'members', { workspaceId: workspace.id });
    const viewerMember = members.find((member) => member.email === viewer.email);
    expect(viewerMember).toBeDefined();
    await trpcMutation(owner.page, 'workspaces', 'removeMember', {
      workspaceId: workspace.id,
      userId: viewerMember?.userId ?? '',
    });
    const refused = await viewerApp.reload();
    expect(refused?.status()).toBe(403);
    await expect(viewerApp.getByTestId('origin-notice')).toContainText('You don’t have access to this app');
    await expect(viewerApp.getByTestId('origin-notice')).toContainText(viewer.email);
    await expect(viewerApp.getByTestId('app-bar')).toHaveCount(0);
    await expect(viewerApp.locator('body')).not.toContainText(title);
    await expect(viewerApp.locator('body')).not.toContainText(/ticket/i);
  } finally {
    for (const person of people) await person.context.close();
  }
});
