import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createApp, openQuestion, signUp } from './builder-helpers.ts';

// The Export button end to end: the real offline build, versions.export, the download through
// the dev server's proxy, and a zip that holds the standalone project.
test.setTimeout(120_000);

test('export: a built version downloads as a zip of a standalone Vite project', async ({ page }) => {
  await signUp(page);
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

  await page.getByRole('tab', { name: /Versions/ }).click();
  const row = page.locator('[data-testid="version-row"][data-number="1"]');
  const downloading = page.waitForEvent('download');
  await row.getByTestId('version-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+-v1\.zip$/);

  const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-export-'));
  try {
    const zipPath = path.join(scratch, download.suggestedFilename());
    await download.saveAs(zipPath);
    const entries = execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8' }).trim().split('\n');
    const folder = download.suggestedFilename().replace(/\.zip$/, '');
    for (const file of [
      'package.json',
      'index.html',
      'vite.config.ts',
      'tsconfig.json',
      'README.md',
      'src/main.tsx',
      'src/App.tsx',
    ])
      expect(entries).toContain(`${folder}/${file}`);
    const choice = execFileSync('unzip', ['-p', zipPath, `${folder}/src/data/adapter-choice.ts`], {
      encoding: 'utf8',
    });
    expect(choice).toContain('"kind": "local"');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  await expect(page.getByText('Version 1 downloaded')).toBeVisible();
});
