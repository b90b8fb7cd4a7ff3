import type { Check } from '../../events.ts';

/**
 * What a check may do to the app under test: a narrow, harness-side view of the page. Checks are
 * declared by the builder (the next issue derives them from the blueprint), never by the app,
 * and the app cannot see or reach this object: every call goes from this process to the browser
 * over Playwright's protocol, and reads run in Playwright's isolated world, so app code that
 * patches DOM prototypes cannot change what a check reads.
 *
 * Selectors are Playwright selectors (CSS, `text=…`, `role=button[name="Save"]`, …). Every call is
 * bounded by the verifier's per-action timeout and throws when it runs out; a throwing check fails
 * with the error as its detail.
 */
export interface CheckPage {
  /** Text content of the first match, or null when nothing matches. */
  textOf(selector: string): Promise<string | null>;
  /** Visible text of every match, in document order. */
  textsOf(selector: string): Promise<string[]>;
  count(selector: string): Promise<number>;
  isVisible(selector: string): Promise<boolean>;
  click(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  /** Picks an `<option>` of a `<select>` by value or label. */
  select(selector: string, value: string): Promise<void>;
  /** Waits until a match is visible; false when it never shows up within the action timeout. */
  waitForVisible(selector: string): Promise<boolean>;
  /** Waits until nothing matching is visible; false when something still is at the action timeout. */
  waitForHidden(selector: string): Promise<boolean>;
  /** Drags the first match of `source` onto the first match of `target` (HTML drag and drop included). */
  dragTo(source: string, target: string): Promise<void>;
}

export interface CheckOutcome {
  ok: boolean;
  detail: string;
}

/**
 * One acceptance check. `id` is stable (it keys the check across versions); `title` is shown.
 *
 * Where it runs (check-plan.ts): checks of one `group` run in the given order on one page of
 * their own, a fresh context with the app as first loaded, so nothing a group changes is seen by
 * another group; checks without a group form the default group. A check that `onlyReads` (it may
 * click through views, but leaves every record and setting as it found them) may instead share
 * any group's page, where it runs before that group's own checks, on the app as seeded.
 */
export interface VerificationCheck {
  id: string;
  title: string;
  group?: string;
  onlyReads?: boolean;
  run(page: CheckPage): Promise<CheckOutcome>;
}

export const renderCheckId = 'renders';
export const renderCheckTitle = 'The app renders without errors';

/** A check that could not run because the page was gone or never rendered. */
export function notRun(check: Pick<VerificationCheck, 'id' | 'title'>, reason: string): Check {
  return { id: check.id, title: check.title, ok: false, detail: `Not run: ${reason}` };
}
