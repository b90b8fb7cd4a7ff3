import type { CheckOutcome, CheckPage, VerificationCheck } from '../../validation/browser/checks.ts';
import type { SampleSet } from '../sample-records.ts';
import { type AppModel, type RecordLookup, recordTitle } from '../template/src/logic/model.ts';
import { sampleAsOf } from '../template/src/logic/sample.ts';
import type { AppEntity, AppRecord } from '../template/src/schema.ts';

/** What every check derivation reads: the compiled model, the sample and the original ids. */
export interface CheckContext {
  model: AppModel;
  sample: SampleSet;
  /** Compiled id → the blueprint's own id, for check ids that stay stable across versions. */
  originalId(compiledId: string): string;
}

/** The sample as the app seeded it on the page's today (dates moved by the days since). */
export interface PageSample {
  today: string;
  records(entityId: string): readonly AppRecord[];
  find(entityId: string, recordId: string): AppRecord | undefined;
  lookup: RecordLookup;
  entity(entityId: string): AppEntity | undefined;
  title(entity: AppEntity, record: AppRecord): string;
}

/** A check's own failure: its message is the check's detail. */
export class CheckFailed extends Error {}

export function fail(detail: string): never {
  throw new CheckFailed(detail);
}

export const selectors = {
  nav: (viewId: string) => `[data-nav-view-id="${viewId}"]`,
  view: (viewId: string) => `[data-view-id="${viewId}"]`,
  record: (recordId: string) => `[data-record-id="${recordId}"]`,
  form: '[data-testid="record-form"]',
  formField: (fieldId: string) => `[data-testid="record-form"] [data-field-id="${fieldId}"]`,
  detail: '[data-testid="record-detail"]',
  dialogClose: '[data-testid="dialog-close"]',
  today: '[data-testid="today"]',
};

const todayRead = new WeakMap<CheckPage, string>();

/** Reads the app's today (once per page: the app fixes it for the visit) and the sample as seeded for it. */
export async function pageSample(page: CheckPage, context: CheckContext): Promise<PageSample> {
  let today = todayRead.get(page);
  if (today === undefined) {
    const shown = (await page.textOf(selectors.today))?.trim() ?? '';
    today = /^\d{4}-\d{2}-\d{2}$/.test(shown) ? shown : context.sample.today;
    todayRead.set(page, today);
  }
  const records = sampleAsOf(context.model.blueprint, context.sample, today);
  const list = (entityId: string) => (Object.hasOwn(records, entityId) ? (records[entityId] ?? []) : []);
  const find = (entityId: string, recordId: string) =>
    list(entityId).find((record) => record.id === recordId);
  return {
    today,
    records: list,
    find,
    lookup: find,
    entity: (entityId) => context.model.entity(entityId),
    title: (entity, record) => recordTitle(context.model, entity, record, find),
  };
}

/** Closes a form left open by an earlier check, then opens the view from the navigation. */
export async function openView(page: CheckPage, viewId: string, title: string): Promise<void> {
  if (await page.isVisible(selectors.dialogClose)) await page.click(selectors.dialogClose);
  await page.click(selectors.nav(viewId));
  if (!(await page.waitForVisible(selectors.view(viewId)))) fail(`${title} did not open from the navigation`);
}

/** A check whose body throws `CheckFailed` to fail and returns its success detail. */
export function check(
  id: string,
  title: string,
  body: (page: CheckPage) => Promise<string>,
): VerificationCheck {
  return {
    id,
    title,
    async run(page): Promise<CheckOutcome> {
      try {
        return { ok: true, detail: await body(page) };
      } catch (error) {
        if (error instanceof CheckFailed) return { ok: false, detail: error.message };
        throw error;
      }
    },
  };
}

/** "Name, Status, Condition" — at most `limit` names, then how many more. */
export function nameList(names: readonly string[], limit = 6): string {
  if (names.length <= limit) return names.join(', ');
  return `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;
}

export function missingFrom(text: string, expected: readonly string[]): string[] {
  return expected.filter((item) => !text.includes(item));
}
