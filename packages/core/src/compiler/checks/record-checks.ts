import type { CheckPage, VerificationCheck } from '../../validation/browser/checks.ts';
import { recordTitle } from '../template/src/logic/model.ts';
import type { AppEntity, AppField, AppRecord, AppView, FieldValue } from '../template/src/schema.ts';
import {
  type CheckContext,
  check,
  fail,
  missingFrom,
  nameList,
  openView,
  type PageSample,
  pageSample,
  selectors,
} from './context.ts';
import { type TypedValue, typedValue, typedValues } from './typed-values.ts';

/** A field a person can be asked to fill in (a choice with no options yet cannot be). */
const answerable = (field: AppField) =>
  !((field.type === 'choice' || field.type === 'multiChoice') && field.options.length === 0);

async function openNewForm(page: CheckPage, view: AppView, entity: AppEntity): Promise<void> {
  await openView(page, view.id, view.title);
  await page.click(`${selectors.view(view.id)} [data-testid="new-record"]`);
  if (!(await page.waitForVisible(selectors.form))) fail(`The New ${entity.name} form did not open`);
}

/** Fills the form with `values`, saves, and fails with the form's own messages if it stays open. */
async function fillAndSave(page: CheckPage, values: readonly TypedValue[]): Promise<void> {
  for (const value of values) await value.enter(page);
  await page.click(`${selectors.form} [data-testid="save-record"]`);
  if (!(await page.waitForHidden(selectors.form))) {
    const errors = await page.textsOf(`${selectors.form} [data-testid="field-error"]`);
    fail(
      errors.length > 0
        ? `The form did not save: ${errors.join('; ')}`
        : 'The form did not close after saving',
    );
  }
}

/** The texts of the listed records of a view that contain every one of `expected`. */
async function rowsWith(page: CheckPage, view: AppView, expected: readonly string[]): Promise<string[]> {
  const rows = await page.textsOf(`${selectors.view(view.id)} [data-record-id]`);
  return rows.filter((row) => missingFrom(row, expected).length === 0);
}

function titleOfNew(
  context: CheckContext,
  sample: PageSample,
  entity: AppEntity,
  values: readonly TypedValue[],
): string {
  const record: AppRecord = {
    id: 'new',
    values: Object.fromEntries(values.map((value): [string, FieldValue] => [value.field.id, value.stored])),
  };
  return recordTitle(context.model, entity, record, sample.lookup);
}

/** "Loans form has Tool, Member, Due Date": every field, and a message for each required one left empty. */
export function formCheck(context: CheckContext, entity: AppEntity): VerificationCheck {
  const view = context.model.primaryView(entity.id);
  const names = entity.fields.map((field) => field.name);
  // A required yes/no is answered by leaving it unticked: it never asks.
  const required = entity.fields.filter(
    (field) => field.required && answerable(field) && field.type !== 'boolean',
  );
  return check(
    `form:${context.originalId(entity.id)}`,
    `${entity.pluralName} form has ${nameList(names, 8)}`,
    async (page) => {
      await openNewForm(page, view, entity);
      // One read for every field: the form lays its fields out in the blueprint's order.
      const texts = await page.textsOf(`${selectors.form} [data-field-id]`);
      const missing = entity.fields
        .filter((field, index) => !(texts[index] ?? '').includes(field.name))
        .map((field) => field.name);
      if (missing.length > 0) fail(`The form has no ${missing.join(', ')}`);
      if (required.length > 0) {
        await page.click(`${selectors.form} [data-testid="save-record"]`);
        const errors = await page.count(`${selectors.form} [data-testid="field-error"]`);
        if (errors < required.length)
          fail(`Saving an empty form showed ${errors} messages for ${required.length} required fields`);
      }
      await page.click(selectors.dialogClose);
      return required.length > 0
        ? `${names.length} fields; an empty form asks for ${nameList(required.map((field) => field.name))}`
        : `${names.length} fields`;
    },
  );
}

/** "A new Member appears in the Members table" with every value that was typed. */
export function createCheck(context: CheckContext, entity: AppEntity, tag: string): VerificationCheck {
  const view = context.model.primaryView(entity.id);
  const where = view.kind === 'table' ? 'table' : 'list';
  return check(
    `create:${context.originalId(entity.id)}`,
    `A new ${entity.name} appears in the ${view.title} ${where}`,
    async (page) => {
      await openNewForm(page, view, entity);
      const sample = await pageSample(page, context);
      const values = typedValues(entity, tag, sample);
      await fillAndSave(page, values);
      await openView(page, view.id, view.title);
      // A list card leaves long text out; a table row has every column.
      const expected = values
        .filter((value) => view.kind === 'table' || value.field.type !== 'longText')
        .map((value) => value.shown);
      const title = titleOfNew(context, sample, entity, values);
      const found = await rowsWith(page, view, [title, ...expected]);
      if (found.length === 0) {
        const partial = await rowsWith(page, view, [title]);
        const row = partial[0];
        fail(
          row
            ? `The new ${entity.name} is listed without ${missingFrom(row, expected).join(', ')}`
            : `No ${entity.name} "${title}" in ${view.title} after saving`,
        );
      }
      if (view.kind === 'table' && title !== '') {
        await page.fill(`${selectors.view(view.id)} [data-testid="search"]`, title);
        const rows = await rowsWith(page, view, []);
        if (!rows.some((row) => row.includes(title)))
          fail(`Searching ${view.title} for "${title}" does not find it`);
      }
      return `Saved with ${nameList(
        values.map((value) => `${value.field.name} ${value.shown}`),
        4,
      )}`;
    },
  );
}

/** "Loan Tool picks a Tool, and the Tool's page lists the Loan": the picker and the related list. */
export function referenceCheck(
  context: CheckContext,
  entity: AppEntity,
  field: AppField,
  tag: string,
): VerificationCheck | null {
  const target = field.referenceEntityId ? context.model.entity(field.referenceEntityId) : undefined;
  if (!target) return null;
  const view = context.model.primaryView(entity.id);
  const targetView = context.model.primaryView(target.id);
  const related = `${selectors.detail} [data-related-field-id="${field.id}"]`;
  const openTarget = async (page: CheckPage, recordId: string) => {
    await openView(page, targetView.id, targetView.title);
    await page.click(
      `${selectors.view(targetView.id)} ${selectors.record(recordId)} [data-testid="open-record"]`,
    );
    if (!(await page.waitForVisible(related)))
      fail(`The ${target.name}'s page has no list of ${entity.pluralName}`);
  };
  return check(
    `reference:${context.originalId(field.id)}`,
    `A ${entity.name}'s ${field.name} picks a ${target.name}, and that ${target.name}'s page lists it`,
    async (page) => {
      const sample = await pageSample(page, context);
      const chosen = sample.records(target.id)[1] ?? sample.records(target.id)[0];
      if (!chosen) return `No ${target.pluralName} to pick from`;
      await openTarget(page, chosen.id);
      const before = await page.count(`${related} [data-record-id]`);
      await openNewForm(page, view, entity);
      const values = typedValues(entity, tag, sample).map((value) =>
        value.field.id === field.id ? (typedValue(entity, field, tag, sample, 1) ?? value) : value,
      );
      await fillAndSave(page, values);
      await openTarget(page, chosen.id);
      const after = await page.count(`${related} [data-record-id]`);
      const title = titleOfNew(context, sample, entity, values);
      const text = (await page.textOf(related)) ?? '';
      if (after !== before + 1 || !text.includes(title))
        fail(
          `${sample.title(target, chosen)} lists ${after} ${entity.pluralName} (was ${before}) and ${text.includes(title) ? 'includes' : 'not'} "${title}"`,
        );
      return `${sample.title(target, chosen)} now lists ${after} ${entity.pluralName}, "${title}" among them`;
    },
  );
}

async function openSpare(
  page: CheckPage,
  context: CheckContext,
  view: AppView,
  entity: AppEntity,
): Promise<string> {
  const spare = context.sample.spares[entity.id];
  if (!spare) fail(`The sample has no spare ${entity.name}`);
  await openView(page, view.id, view.title);
  await page.click(`${selectors.view(view.id)} ${selectors.record(spare)} [data-testid="open-record"]`);
  if (!(await page.waitForVisible(`${selectors.detail}${selectors.record(spare)}`)))
    fail(`The ${entity.name}'s page did not open from ${view.title}`);
  return spare;
}

/** "Editing a Tool saves the new Name": the form opens filled in and the change shows. */
export function editCheck(context: CheckContext, entity: AppEntity, tag: string): VerificationCheck | null {
  const view = context.model.primaryView(entity.id);
  const field =
    context.model.titleField(entity.id)?.type === 'text'
      ? context.model.titleField(entity.id)
      : entity.fields.find((candidate) => candidate.type !== 'boolean' && answerable(candidate));
  if (!field) return null;
  return check(
    `edit:${context.originalId(entity.id)}`,
    `Editing a ${entity.name} saves the new ${field.name}`,
    async (page) => {
      await openSpare(page, context, view, entity);
      const sample = await pageSample(page, context);
      const value = typedValue(entity, field, tag, sample, 1);
      if (!value) return `Nothing to change in ${field.name}`;
      await page.click(`${selectors.detail} [data-testid="edit-record"]`);
      if (!(await page.waitForVisible(selectors.form))) fail(`The Edit ${entity.name} form did not open`);
      await fillAndSave(page, [value]);
      const text = (await page.textOf(selectors.detail)) ?? '';
      if (!text.includes(value.shown))
        fail(`After saving, the ${entity.name} does not show ${field.name} ${value.shown}`);
      return `${field.name} is now ${value.shown}`;
    },
  );
}

/** "Deleting a Tool removes it from Tools", after a confirmation. */
export function deleteCheck(context: CheckContext, entity: AppEntity): VerificationCheck {
  const view = context.model.primaryView(entity.id);
  return check(
    `delete:${context.originalId(entity.id)}`,
    `Deleting a ${entity.name} removes it from ${view.title}`,
    async (page) => {
      const spare = await openSpare(page, context, view, entity);
      await page.click(`${selectors.detail} [data-testid="delete-record"]`);
      await page.click(`${selectors.detail} [data-testid="confirm-delete"]`);
      await openView(page, view.id, view.title);
      if (!(await page.waitForHidden(`${selectors.view(view.id)} ${selectors.record(spare)}`)))
        fail(`The deleted ${entity.name} is still listed in ${view.title}`);
      return `Deleted and gone from ${view.title}`;
    },
  );
}
