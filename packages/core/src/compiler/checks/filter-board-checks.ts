import type { VerificationCheck } from '../../validation/browser/checks.ts';
import { matchesFilter } from '../template/src/logic/filters.ts';
import { groupKeysOf, groupsOf } from '../template/src/logic/groups.ts';
import type { AppEntity, AppFilter, AppView } from '../template/src/schema.ts';
import { type CheckContext, check, fail, openView, pageSample, selectors } from './context.ts';

function dayPhrase(days: number): string {
  if (days === 0) return 'today';
  if (days === -1) return 'yesterday';
  if (days === 1) return 'tomorrow';
  if (days === 7) return 'next week';
  return days < 0 ? `${-days} days ago` : `in ${days} days`;
}

/** How the two probe records differ, in the person's terms (matches sample-records' probes). */
function probePhrases(context: CheckContext, filter: AppFilter, entity: AppEntity): [string, string] | null {
  const name = (fieldId: string) => context.model.field(entity.id, fieldId)?.name ?? fieldId;
  switch (filter.kind) {
    case 'date': {
      const days = filter.days ?? 7;
      const pairs = {
        before_today: [-1, 7],
        today: [0, 1],
        after_today: [1, -1],
        within_next_days: [1, days + 3],
        within_past_days: [-1, -(days + 3)],
      } as const;
      const [inside, outside] = pairs[filter.relation];
      return [
        `${name(filter.fieldId)} ${dayPhrase(inside)}`,
        `${name(filter.fieldId)} ${dayPhrase(outside)}`,
      ];
    }
    case 'choice': {
      const field = context.model.field(entity.id, filter.fieldId);
      const other = field?.options.find((option) => !filter.values.includes(option));
      return [
        `${name(filter.fieldId)} ${filter.values[0] ?? ''}`,
        other ? `${name(filter.fieldId)} ${other}` : `no ${name(filter.fieldId)}`,
      ];
    }
    case 'boolean':
      return [
        `${name(filter.fieldId)} ${filter.value ? 'Yes' : 'No'}`,
        `${name(filter.fieldId)} ${filter.value ? 'No' : 'Yes'}`,
      ];
    case 'empty':
      return filter.empty
        ? [`no ${name(filter.fieldId)}`, `a ${name(filter.fieldId)}`]
        : [`a ${name(filter.fieldId)}`, `no ${name(filter.fieldId)}`];
    case 'relatedCountBelow': {
      const related = context.model.entity(filter.relatedEntityId)?.pluralName ?? 'related records';
      return [
        `${name(filter.limitFieldId)} 3 and 1 of its ${related}`,
        `${name(filter.limitFieldId)} 1 and 2`,
      ];
    }
    case 'intervalDue':
      return [
        `${name(filter.dateFieldId)} 3 days ago every 2 days`,
        `${name(filter.dateFieldId)} yesterday every 7 days`,
      ];
  }
}

/** "Past Due lists a Loan with Due Date yesterday and hides one next week" (the sample's probes). */
export function filterCheck(
  context: CheckContext,
  view: AppView,
  entity: AppEntity,
): VerificationCheck | null {
  const probe = context.sample.probes[view.id];
  const filter = view.filter;
  const phrases = filter ? probePhrases(context, filter, entity) : null;
  // A chart shows sums, not records: its filter is covered by its values check.
  if (!probe || !filter || !phrases || view.kind === 'chart') return null;
  const [inside, outside] = phrases;
  return check(
    `filter:${context.originalId(view.id)}`,
    `${view.title} lists a ${entity.name} with ${inside} and hides one with ${outside}`,
    async (page) => {
      await openView(page, view.id, view.title);
      const sample = await pageSample(page, context);
      const match = sample.find(entity.id, probe.match);
      const miss = sample.find(entity.id, probe.miss);
      if (!match || !miss) fail('The sample has lost its probe records');
      // The probes were made to fall on either side; if the builder's own reading disagrees, say so.
      if (
        !matchesFilter(filter, match, sample.today, sample.records) ||
        matchesFilter(filter, miss, sample.today, sample.records)
      )
        fail('The sample records for this filter do not fall on either side of it');
      const within = (id: string) => `${selectors.view(view.id)} ${selectors.record(id)}`;
      if (!(await page.waitForVisible(within(match.id))))
        fail(`${view.title} does not list ${sample.title(entity, match)} (${inside})`);
      if ((await page.count(within(miss.id))) > 0)
        fail(`${view.title} lists ${sample.title(entity, miss)} (${outside}), which it should hide`);
      return `Lists ${sample.title(entity, match)} and hides ${sample.title(entity, miss)}`;
    },
  );
}

/** "Tool Status moves a Tool from Available to Out": by the card's arrow, then back by dragging. */
export function boardCheck(
  context: CheckContext,
  view: AppView,
  entity: AppEntity,
): VerificationCheck | null {
  const field = view.groupByFieldId ? context.model.field(entity.id, view.groupByFieldId) : undefined;
  if (!field) return null;
  const from = field.type === 'choice' ? field.options[0] : undefined;
  const to = field.type === 'choice' ? field.options[1] : undefined;
  const title =
    from && to
      ? `${view.title} moves a ${entity.name} from ${from} to ${to} and back by dragging`
      : `${view.title} moves a ${entity.name} to the next column and back by dragging`;
  return check(`board:${context.originalId(view.id)}`, title, async (page) => {
    await openView(page, view.id, view.title);
    const sample = await pageSample(page, context);
    const all = sample.records(entity.id);
    const records = view.filter
      ? all.filter(
          (record) => view.filter && matchesFilter(view.filter, record, sample.today, sample.records),
        )
      : all;
    const target = field.referenceEntityId ? sample.entity(field.referenceEntityId) : undefined;
    const referenced = target
      ? sample.records(target.id).map((record) => ({ id: record.id, title: sample.title(target, record) }))
      : [];
    const columns = groupsOf(field, records, referenced);
    const spare = context.sample.spares[entity.id];
    let card: { id: string; column: number } | null = null;
    for (let column = 0; column < columns.length - 1 && !card; column += 1) {
      const record = records.find(
        (candidate) => candidate.id !== spare && groupKeysOf(field, candidate)[0] === columns[column]?.key,
      );
      if (record) card = { id: record.id, column };
    }
    if (!card) return `No card can move: fewer than two columns`;
    const inColumn = (column: number) =>
      `${selectors.view(view.id)} [data-column-index="${column}"] ${selectors.record(card.id)}`;
    if (!(await page.waitForVisible(inColumn(card.column))))
      fail(`The card is not in the ${columns[card.column]?.label} column`);
    await page.click(`${inColumn(card.column)} [data-testid="move-next"]`);
    if (!(await page.waitForVisible(inColumn(card.column + 1))))
      fail(`The card did not move to ${columns[card.column + 1]?.label} with its arrow`);
    // Dropped on the column's header: the middle of a long column can be below the fold.
    await page.dragTo(
      inColumn(card.column + 1),
      `${selectors.view(view.id)} [data-column-index="${card.column}"] [data-testid="column-title"]`,
    );
    if (!(await page.waitForVisible(inColumn(card.column))))
      fail(`Dragging the card back to ${columns[card.column]?.label} did not move it`);
    return `Moved to ${columns[card.column + 1]?.label} and dragged back to ${columns[card.column]?.label}`;
  });
}
