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
      ? `${view.title} moves a ${entity.name} from ${from} to ${to}, by its arrow and by dragging`
      : `${view.title} moves a ${entity.name} to another column, by its arrow and by dragging`;
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
    const cardsIn = (column: number) =>
      records.filter(
        (candidate) => candidate.id !== spare && groupKeysOf(field, candidate)[0] === columns[column]?.key,
      );
    // A card from a column it does not leave empty: columns of people or text exist only while a
    // card holds their value, and this one must still be there to drag the card back to.
    let card: { id: string; column: number } | null = null;
    for (const minimum of [2, 1])
      for (let column = 0; column < columns.length - 1 && !card; column += 1) {
        const cards = cardsIn(column);
        const first = cards[0];
        if (first && cards.length >= minimum) card = { id: first.id, column };
      }
    if (!card) return 'No card can move: fewer than two columns';
    const from = columns[card.column]?.label ?? '';
    const to = columns[card.column + 1]?.label ?? '';
    const cardSelector = `${selectors.view(view.id)} ${selectors.record(card.id)}`;
    const columnOfCard = () =>
      page.textOf(
        `${selectors.view(view.id)} [data-board-column]:has(${selectors.record(card.id)}) [data-testid="column-title"]`,
      );
    if ((await columnOfCard())?.trim() !== from) fail(`The card is not in the ${from} column`);
    await page.click(`${cardSelector} [data-testid="move-next"]`);
    if (
      !(await page.waitForVisible(
        `${selectors.view(view.id)} [data-board-column]:has(${selectors.record(card.id)})`,
      ))
    )
      fail('The card disappeared from the board');
    const moved = (await columnOfCard())?.trim();
    if (moved !== to) fail(`The card's arrow moved it to ${moved ?? 'nowhere'} instead of ${to}`);
    // Then dragged onto another column's header (the middle of a long column can be below the
    // fold): the first one, or the second if it is already in the first. Columns of people or
    // text exist only while a card holds their value, so the original column may be gone.
    const header = (index: number) =>
      `${selectors.view(view.id)} [data-column-index="${index}"] [data-testid="column-title"]`;
    const firstTitle = (await page.textOf(header(0)))?.trim();
    const dropAt = firstTitle === moved ? 1 : 0;
    const targetTitle = (await page.textOf(header(dropAt)))?.trim();
    if (targetTitle === undefined) fail('The board has no other column to drag the card to');
    await page.dragTo(cardSelector, header(dropAt));
    await page.waitForVisible(
      `${selectors.view(view.id)} [data-column-index="${dropAt}"] ${selectors.record(card.id)}`,
    );
    const dropped = (await columnOfCard())?.trim();
    if (dropped !== targetTitle)
      fail(`Dragging the card to ${targetTitle} left it in ${dropped ?? 'no column'}`);
    return `Moved to ${to} with its arrow and dragged to ${targetTitle}`;
  });
}
