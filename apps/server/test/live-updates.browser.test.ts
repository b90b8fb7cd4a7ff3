import { appKeyFor, compileBlueprint, previewUrlFor } from '@app/core';
import { insertVersion } from '@app/db';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolLibrary } from '../../../packages/core/src/compiler/fixtures/blueprints.ts';
import { appsOrigin, teamWithApp } from './apps-origin.ts';
import { signUpPerson, testSessionSecret, useTestServer } from './harness.ts';

const context = useTestServer();
const { signInOnOrigin } = appsOrigin(context);

/**
 * Two members' browsers on one published app (the compiled tool library, served on its own origin
 * with its data API on real Postgres): what one adds through the app's own form appears in the
 * other's open page without a reload, and a form the other is typing in keeps its draft.
 */
describe('live updates in a real browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function publishedToolLibrary() {
    const team = await teamWithApp(() => signUpPerson(context.baseUrl), {
      workspace: 'Makerspace',
      app: 'Tool Library',
      prompt: 'Our makerspace lends tools to members',
    });
    const version = await insertVersion(context.database.db, {
      appId: team.app.id,
      request: 'Our makerspace lends tools to members',
      files: compileBlueprint(toolLibrary, { today: '2025-03-10' }),
      blueprint: toolLibrary,
      ledger: [],
      plan: [],
    });
    await team.owner.client.trpc.versions.publish.mutate({ versionId: version.id });
    return { ...team, version };
  }

  /** The page has loaded its records (until then it shows no New button) and marks itself. */
  async function loaded(page: Page): Promise<Page> {
    await page.getByRole('button', { name: 'New member' }).waitFor({ timeout: 20_000 });
    // Gone if the page ever reloads: the check at the end proves the update came live.
    await page.evaluate(() => {
      (globalThis as { sameDocument?: boolean }).sameDocument = true;
    });
    return page;
  }

  async function addMember(page: Page, name: string) {
    await page.getByRole('button', { name: 'New member' }).click();
    const form = page.getByRole('dialog', { name: 'New member' });
    await form.getByRole('textbox', { name: /^Name/ }).fill(name);
    await form.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => form.count()).toBe(0);
  }

  /** A browser of its own, signed in on the app's origin through the real code exchange. */
  async function memberPage(cookiePair: string, appId: string): Promise<Page> {
    const browserContext = await browser.newContext();
    const [name, value] = cookiePair.split('=');
    await browserContext.addCookies([
      {
        name: name ?? '',
        value: value ?? '',
        domain: `${appKeyFor(appId)}.localhost`,
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    const page = await browserContext.newPage();
    const response = await page.goto(
      `http://${appKeyFor(appId)}.localhost:${context.server.previewPort}/#/view/members`,
    );
    expect(response?.status()).toBe(200);
    return loaded(page);
  }

  it('one member adds a record with the app’s form; the other sees it appear, their open form untouched', async () => {
    const team = await publishedToolLibrary();
    const ownerPage = await memberPage(await signInOnOrigin(team.owner, team.app.id), team.app.id);
    const viewerPage = await memberPage(await signInOnOrigin(team.viewer, team.app.id), team.app.id);
    try {
      // The owner starts typing a member of their own and leaves the form open.
      await ownerPage.getByRole('button', { name: 'New member' }).click();
      const ownerForm = ownerPage.getByRole('dialog', { name: 'New member' });
      await ownerForm.getByRole('textbox', { name: /^Name/ }).fill('Half-typed Bea');

      // The viewer adds one through the app's own form.
      await viewerPage.getByRole('button', { name: 'New member' }).click();
      const viewerForm = viewerPage.getByRole('dialog', { name: 'New member' });
      await viewerForm.getByRole('textbox', { name: /^Name/ }).fill('Ada Lovelace');
      const added = Date.now();
      await viewerForm.getByRole('button', { name: 'Add member' }).click();
      await expect.poll(() => viewerForm.count()).toBe(0);

      // It appears behind the owner's open form, without a reload; the draft is still there.
      await ownerPage.getByRole('cell', { name: 'Ada Lovelace' }).waitFor({ timeout: 3_000 });
      const seenAfterMs = Date.now() - added;
      expect(seenAfterMs).toBeLessThan(2_000);
      await expect
        .poll(() => ownerForm.getByRole('textbox', { name: /^Name/ }).inputValue())
        .toBe('Half-typed Bea');
      // The owner finishes; the viewer's page shows theirs too.
      await ownerForm.getByRole('button', { name: 'Add member' }).click();
      await viewerPage.getByRole('cell', { name: 'Half-typed Bea' }).waitFor({ timeout: 3_000 });
      // Neither page reloaded: each is still the document it started as.
      for (const page of [ownerPage, viewerPage])
        expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
      console.info(`live update: seen by the other member ${seenAfterMs} ms after Add`);
    } finally {
      await ownerPage.context().close();
      await viewerPage.context().close();
    }
  });

  it('two open copies of one preview (an opaque origin, the link token) see each other’s records', async () => {
    const { app, version } = await publishedToolLibrary();
    const url = `${previewUrlFor(`http://localhost:${context.server.previewPort}`, app.id, version.id, testSessionSecret)}#/view/members`;
    const pages: Page[] = [];
    try {
      for (let index = 0; index < 2; index += 1) {
        const page = await (await browser.newContext()).newPage();
        expect((await page.goto(url))?.status()).toBe(200);
        pages.push(await loaded(page));
      }
      const [first, second] = pages as [Page, Page];
      await addMember(first, 'Draft-only Dora');
      await second.getByRole('cell', { name: 'Draft-only Dora' }).waitFor({ timeout: 3_000 });
      expect(await second.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
    } finally {
      for (const page of pages) await page.context().close();
    }
  });
});
