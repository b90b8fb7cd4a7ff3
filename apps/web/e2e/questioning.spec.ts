import { expect, test } from '@playwright/test';
import { createApp, openQuestion, questionCard, signUp } from './builder-helpers.ts';

test('questioning: answer, skip, see the ledger learn it, survive a reload, then build now', async ({
  page,
}) => {
  await signUp(page);
  // Named choices with no options and no audience: the offline interview asks about each (the
  // stages, then each choice's options, one single-choice card at a time) while readiness is below
  // 80. A fully vague request is settled by its one records question; a well-specified one by none.
  const request =
    'Track repair jobs with a status, a priority, a severity, a risk, an urgency and a condition';
  await createApp(page, request);

  await expect(page.getByTestId('request-bubble')).toHaveText(request);
  await expect(page.getByTestId('connection-pill')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('offline-model')).toBeVisible();

  // The first question card: numbered options, one recommended, a reason, a skip default.
  const first = questionCard(page, 1);
  await expect(first).toHaveAttribute('data-status', 'open');
  await expect(first.getByTestId('question-why')).not.toBeEmpty();
  await expect(first.getByText('Recommended')).toHaveCount(1);
  await expect(first.getByTestId('question-skip')).toContainText('Skip —');
  // The ledger already holds what the request said, before any answer (the Blueprint tab opens
  // first while questioning).
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await expect(
    page.getByTestId('fact-source').filter({ hasText: 'from your request' }).first(),
  ).toBeVisible();

  // Answer Q1 by clicking an option: the card collapses to question + answer.
  const chosen = first.getByTestId('question-option').first();
  const chosenLabel = (await chosen.getByTestId('option-label').textContent())?.trim() ?? '';
  await chosen.click();
  await expect(first).toHaveAttribute('data-status', 'answered');
  await expect(first.getByTestId('question-answer')).toHaveText(chosenLabel);
  // What the answer taught the builder is highlighted in the ledger as it arrives.
  await expect(
    page.getByTestId('ledger').locator('[data-new]').filter({ hasText: 'from your answer to Q1' }),
  ).not.toHaveCount(0);

  // Skip Q2: it shows the assumption it made.
  const second = questionCard(page, 2);
  await expect(second).toHaveAttribute('data-status', 'open');
  const assumption = (await second.getByTestId('question-skip').getAttribute('title')) ?? '';
  await second.getByTestId('question-skip').click();
  await expect(second).toHaveAttribute('data-status', 'skipped');
  await expect(second.getByTestId('question-answer')).toContainText(assumption);

  // The ledger changed, and each new fact says where it came from.
  const ledger = page.getByTestId('ledger');
  await expect(
    ledger.getByTestId('fact-source').filter({ hasText: 'from your answer to Q1' }),
  ).not.toHaveCount(0);
  await expect(
    ledger.getByTestId('ledger-fact').filter({ hasText: 'assumed when you skipped Q2' }),
  ).toContainText(assumption);

  // Mid-question reload: the same open question, the same history and the same ledger.
  const third = questionCard(page, 3);
  await expect(third).toHaveAttribute('data-status', 'open');
  const thirdText = await third.locator('h3').textContent();
  const ledgerBefore = await ledger.getByTestId('ledger-fact').allTextContents();
  const lastSeq = async () => Number(await page.getByTestId('conversation').getAttribute('data-last-seq'));
  const seqBefore = await lastSeq();
  expect(seqBefore).toBeGreaterThan(0);
  await page.reload();
  // The snapshot paints first, then the event log replays from the start (the pill is live as
  // soon as the stream opens): only once the replay is back where it was is the page's state the
  // log's, so only then may the network go.
  await expect.poll(lastSeq, { timeout: 20_000 }).toBeGreaterThanOrEqual(seqBefore);
  await expect(openQuestion(page)).toHaveCount(1);
  await expect(openQuestion(page)).toHaveAttribute('data-number', '3');
  await expect(openQuestion(page).locator('h3')).toHaveText(thirdText ?? '');
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await expect(questionCard(page, 1)).toHaveAttribute('data-status', 'answered');
  await expect(questionCard(page, 2)).toHaveAttribute('data-status', 'skipped');
  await expect(page.getByTestId('ledger').getByTestId('ledger-fact')).toHaveText(ledgerBefore);
  await expect(page.getByTestId('connection-pill')).toHaveAttribute('data-state', 'live');

  // Losing the network is a pill, not an error page; the stream resumes when it comes back.
  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-pill')).toHaveAttribute('data-state', 'offline');
  await expect(openQuestion(page)).toHaveAttribute('data-number', '3');
  await page.context().setOffline(false);
  // Back online the pill leaves 'offline' for 'live' (through 'reconnecting' if the stream had
  // dropped: Chromium's offline emulation keeps an open SSE response, a real network may not).
  await expect(page.getByTestId('connection-pill')).toHaveAttribute('data-state', 'live');

  // Keyboard: on a single-choice card a number sends that option at once.
  const thirdFirst = third.getByTestId('question-option').first();
  const thirdLabel = (await thirdFirst.getByTestId('option-label').textContent())?.trim() ?? '';
  await page.keyboard.press('1');
  await expect(third).toHaveAttribute('data-status', 'answered');
  await expect(third.getByTestId('question-answer')).toHaveText(thirdLabel);
  await expect(questionCard(page, 4)).toHaveAttribute('data-status', 'open');
  // Those came over the stream after the network came back: it really is live again.
  await expect.poll(lastSeq).toBeGreaterThan(seqBefore);

  // Build now: the open question is skipped and questioning is complete.
  await page.getByTestId('build-now').click();
  await expect(page.getByTestId('questioning-complete')).toBeVisible();
  await expect(questionCard(page, 4)).toHaveAttribute('data-status', 'skipped');
  await expect(openQuestion(page)).toHaveCount(0);
  await expect(page.getByTestId('build-now')).toHaveCount(0);
  await expect(page.getByTestId('generation-progress')).toBeVisible();
});

test('questioning by keyboard: numbers toggle a multi-choice card, Enter sends it', async ({ page }) => {
  await signUp(page);
  await createApp(
    page,
    // Three record types with no fields yet: the first card asks what each appointment records
    // (several at once), and answering it leaves the others to ask about.
    'A scheduling tool for our dental clinic receptionists to manage patient appointments, treatments and invoices',
  );
  const first = questionCard(page, 1);
  await expect(first).toHaveAttribute('data-status', 'open');
  await expect(first).toHaveAttribute('data-kind', 'multi');
  const options = first.getByTestId('question-option');
  const labels = (await options.getByTestId('option-label').allTextContents()).map((text) => text.trim());

  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await expect(options.nth(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(options.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('2');
  await expect(options.nth(1)).toHaveAttribute('aria-pressed', 'false');
  await expect(first).toHaveAttribute('data-status', 'open');

  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('data-status', 'answered');
  await expect(first.getByTestId('question-answer')).toHaveText(labels[0] ?? '');
  await expect(questionCard(page, 2)).toHaveAttribute('data-status', 'open');
});
