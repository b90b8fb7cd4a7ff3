import type { VerificationCheck } from '../../validation/browser/checks.ts';
import { daysBetween } from '../template/src/logic/dates.ts';
import { matchesFilter } from '../template/src/logic/filters.ts';
import { formatMoney, formatNumber } from '../template/src/logic/format.ts';
import { aggregateOf, groupKeysOf, groupsOf } from '../template/src/logic/groups.ts';
import { readValue } from '../template/src/logic/model.ts';
import type { AppEntity, AppField, AppRecord, AppView } from '../template/src/schema.ts';
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

/** The records of a view as the app first shows them (its filter applied to the seeded sample). */
function viewRecords(view: AppView, sample: PageSample): readonly AppRecord[] {
  const all = sample.records(view.entityId);
  const filter = view.filter;
  return filter ? all.filter((record) => matchesFilter(filter, record, sample.today, sample.records)) : all;
}

function referencedTitles(field: AppField, sample: PageSample) {
  const target = field.referenceEntityId ? sample.entity(field.referenceEntityId) : undefined;
  return target
    ? sample.records(target.id).map((record) => ({ id: record.id, title: sample.title(target, record) }))
    : [];
}

/** The labels a view shows whatever its records: its columns, its grouping or date field. */
function viewLabels(context: CheckContext, view: AppView, entity: AppEntity): string[] {
  const field = (id: string | null) => (id ? context.model.field(entity.id, id) : undefined);
  const titleField = context.model.titleField(entity.id);
  switch (view.kind) {
    case 'table':
      return [
        ...entity.fields.map((candidate) => candidate.name),
        ...context.model.relationsTo(entity.id).map((relation) => relation.entity.pluralName),
      ];
    case 'list':
      return entity.fields
        .filter((candidate) => candidate.id !== titleField?.id && candidate.type !== 'longText')
        .map((candidate) => candidate.name);
    case 'detail':
      return entity.fields.map((candidate) => candidate.name);
    case 'board': {
      const group = field(view.groupByFieldId);
      return group ? [group.name, ...(group.type === 'choice' ? group.options : [])] : [];
    }
    case 'calendar':
      return [field(view.dateFieldId)?.name ?? ''].filter(Boolean);
    case 'chart': {
      const group = field(view.groupByFieldId ?? entity.statusFieldId);
      const measured = view.aggregate?.fn !== 'count' ? field(view.aggregate?.fieldId ?? null) : undefined;
      return [group?.name, measured?.name].filter((name): name is string => Boolean(name));
    }
  }
}

const needsRecords = (view: AppView) => view.kind === 'list' || view.kind === 'detail';

/** "Past Due shows Tool, Member, Due Date": the view opens and names what it shows. */
export function viewRendersCheck(context: CheckContext, view: AppView, entity: AppEntity): VerificationCheck {
  const labels = viewLabels(context, view, entity);
  const id = view.id.startsWith('auto.')
    ? `view:auto:${context.originalId(entity.id)}`
    : `view:${context.originalId(view.id)}`;
  const title = labels.length > 0 ? `${view.title} shows ${nameList(labels)}` : `${view.title} opens`;
  return check(id, title, async (page) => {
    await openView(page, view.id, view.title);
    const sample = await pageSample(page, context);
    const text = (await page.textOf(selectors.view(view.id))) ?? '';
    if (needsRecords(view) && viewRecords(view, sample).length === 0) {
      if ((await page.count(`${selectors.view(view.id)} [data-testid="empty-state"]`)) === 0)
        fail(`${view.title} has no records to show but no empty state either`);
      return `${view.title} opened on its empty state`;
    }
    const missing = missingFrom(text, labels);
    if (missing.length > 0) fail(`${view.title} does not show ${missing.join(', ')}`);
    return `${view.title} opened and shows ${labels.length} labels`;
  });
}

/** "Loans per Tool counts Loans by Tool": each bar's label and value, from the sample. */
export function chartValuesCheck(context: CheckContext, view: AppView, entity: AppEntity): VerificationCheck {
  const aggregate = view.aggregate ?? { fn: 'count' as const, fieldId: null };
  const measured = aggregate.fieldId ? context.model.field(entity.id, aggregate.fieldId) : undefined;
  const group = context.model.field(entity.id, view.groupByFieldId ?? entity.statusFieldId ?? '');
  const what =
    aggregate.fn === 'count' || !measured
      ? `counts ${entity.pluralName}`
      : `${aggregate.fn === 'sum' ? 'adds up' : 'averages'} ${measured.name}`;
  return check(
    `chart:${context.originalId(view.id)}`,
    `${view.title} ${what}${group ? ` by ${group.name}` : ''}`,
    async (page) => {
      await openView(page, view.id, view.title);
      const sample = await pageSample(page, context);
      const records = viewRecords(view, sample);
      if (records.length === 0) {
        if ((await page.count(`${selectors.view(view.id)} [data-testid="empty-state"]`)) === 0)
          fail(`${view.title} has no records but shows no empty state`);
        return 'No records yet: the chart shows its empty state';
      }
      const format = (amount: number) =>
        measured?.type === 'money' && aggregate.fn !== 'count' ? formatMoney(amount) : formatNumber(amount);
      const expected = group
        ? groupsOf(group, records, referencedTitles(group, sample)).map((item) => ({
            label: item.label,
            value: format(
              aggregateOf(
                aggregate,
                records.filter((record) => groupKeysOf(group, record).includes(item.key)),
              ),
            ),
          }))
        : [{ label: `All ${entity.pluralName}`, value: format(aggregateOf(aggregate, records)) }];
      const labels = await page.textsOf(`${selectors.view(view.id)} [data-testid="bar-label"]`);
      const values = await page.textsOf(`${selectors.view(view.id)} [data-testid="bar-value"]`);
      const shown = labels.map((label, index) => `${label.trim()} ${values[index]?.trim() ?? ''}`);
      const wanted = expected.map((item) => `${item.label} ${item.value}`);
      if (shown.join(' | ') !== wanted.join(' | '))
        fail(`Expected bars ${wanted.join(' | ')}; the chart shows ${shown.join(' | ') || 'no bars'}`);
      return `${wanted.length} bars: ${nameList(wanted, 4)}`;
    },
  );
}

/** "Due Dates puts Loans on their Due Date": sample records within a week of today, on their day. */
export function calendarCheck(
  context: CheckContext,
  view: AppView,
  entity: AppEntity,
): VerificationCheck | null {
  const field = view.dateFieldId ? context.model.field(entity.id, view.dateFieldId) : undefined;
  if (!field) return null;
  return check(
    `calendar:${context.originalId(view.id)}`,
    `${view.title} puts each ${entity.name} on its ${field.name}`,
    async (page) => {
      await openView(page, view.id, view.title);
      const sample = await pageSample(page, context);
      const near = viewRecords(view, sample)
        .filter((record) => {
          const value = readValue(record, field.id);
          const days = typeof value === 'string' ? daysBetween(sample.today, value) : null;
          return days !== null && Math.abs(days) <= 6;
        })
        .slice(0, 3);
      if (near.length === 0) return `No ${entity.pluralName} within a week of today to place`;
      for (const record of near) {
        const day = String(readValue(record, field.id)).slice(0, 10);
        const where = `${selectors.view(view.id)} [data-date="${day}"] ${selectors.record(record.id)}`;
        if ((await page.count(where)) === 0)
          fail(`${sample.title(entity, record)} (${field.name} ${day}) is not on ${day} in the calendar`);
      }
      return `${near.length} ${entity.pluralName} on their days`;
    },
  );
}
