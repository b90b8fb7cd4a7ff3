import type { Page } from 'playwright-core';
import type { Check } from '../../events.ts';
import { type CheckOutcome, renderCheckId, renderCheckTitle, type VerificationCheck } from './checks.ts';
import { capMessage } from './page-problems.ts';

/** The built-in first check: the app put something a person can see into #root, without errors. */
export async function renderCheck(page: Page, problemCount: number, timeout: number): Promise<Check> {
  const root = page.locator('#root');
  const visible = await root.isVisible();
  // What a person sees, not hidden nodes' text: rendered text is the point here.
  // biome-ignore lint/performance/useDomNodeTextContent: layout-aware text is wanted
  const text = visible ? (await root.innerText({ timeout })).trim() : '';
  const media = await page
    .locator('#root :is(img, svg, canvas, video, input, button, select, textarea)')
    .count();
  const base = { id: renderCheckId, title: renderCheckTitle };
  if (problemCount > 0) {
    return {
      ...base,
      ok: false,
      detail: `${problemCount} error${problemCount === 1 ? '' : 's'} while loading`,
    };
  }
  if (!visible || (text === '' && media === 0)) {
    return { ...base, ok: false, detail: 'The app rendered nothing visible into #root' };
  }
  return { ...base, ok: true, detail: `Rendered ${text.length} characters of text` };
}

/** Runs one check's body within `timeoutMs`; a throw or a timeout fails the check, with the reason. */
export async function runCheck(
  check: VerificationCheck,
  body: () => Promise<CheckOutcome>,
  timeoutMs: number,
): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      body(),
      new Promise<CheckOutcome>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, detail: `The check did not finish within ${timeoutMs} ms` }),
          timeoutMs,
        );
      }),
    ]);
    return { id: check.id, title: check.title, ok: outcome.ok, detail: capMessage(outcome.detail) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      id: check.id,
      title: check.title,
      ok: false,
      detail: capMessage(`The check could not run: ${message}`),
    };
  } finally {
    clearTimeout(timer);
  }
}
