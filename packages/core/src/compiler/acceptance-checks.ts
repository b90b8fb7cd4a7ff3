import type { Blueprint } from '../blueprint/blueprint.ts';
import type { VerificationCheck } from '../validation/browser/checks.ts';
import { createIdMap, toAppBlueprint } from './app-blueprint.ts';
import type { CheckContext } from './checks/context.ts';
import { boardCheck, filterCheck } from './checks/filter-board-checks.ts';
import { createCheck, deleteCheck, editCheck, formCheck, referenceCheck } from './checks/record-checks.ts';
import { calendarCheck, chartValuesCheck, viewRendersCheck } from './checks/view-checks.ts';
import type { CompileOptions } from './compile-blueprint.ts';
import { sampleRecords } from './sample-records.ts';
import { localToday } from './template/src/logic/dates.ts';
import { buildModel } from './template/src/logic/model.ts';

/**
 * The acceptance checks of a compiled blueprint (`Check`, docs/architecture.md#verification), run
 * by the sandboxed browser on several pages side by side (`VerificationCheck.group`). What reads
 * the sample as it was seeded (views, chart values, calendars, filtered views) only reads, so it
 * may share any page, before that page's own checks. What changes records is grouped by the
 * entity whose records it changes, in this order on a fresh page of the entity's own: a board
 * moves a card, the form is opened (and saved empty, which must not save), new records are added
 * (forms, references: another entity's related list is read as a count before and after), then
 * the spare record, which nothing else relies on, is changed and deleted. No check depends on
 * another one having run. Pass the options the app was compiled with: checks look for its sample.
 */
export function acceptanceChecks(blueprint: Blueprint, options: CompileOptions = {}): VerificationCheck[] {
  const ids = createIdMap(blueprint);
  const app = toAppBlueprint(blueprint, ids);
  const original = new Map<string, string>();
  for (const entity of blueprint.entities) {
    original.set(ids(entity.id), entity.id);
    for (const field of entity.fields) original.set(ids(field.id), field.id);
  }
  for (const view of blueprint.views) original.set(ids(view.id), view.id);
  const context: CheckContext = {
    model: buildModel(app),
    sample: sampleRecords(app, options.today ?? localToday(), options.seed),
    originalId: (id) => original.get(id) ?? id,
  };
  const { model } = context;
  const entityOf = (entityId: string) => model.entity(entityId);
  const perView = <T>(
    make: (view: (typeof model.views)[number], entity: NonNullable<ReturnType<typeof entityOf>>) => T | null,
  ) =>
    model.views.flatMap((view) => {
      const entity = entityOf(view.entityId);
      const made = entity ? make(view, entity) : null;
      return made ? [made] : [];
    });
  let tags = 0;
  const tag = () => `Check ${++tags}`;
  const reads: VerificationCheck[] = [
    ...perView((view, entity) => viewRendersCheck(context, view, entity)),
    ...perView((view, entity) => (view.kind === 'chart' ? chartValuesCheck(context, view, entity) : null)),
    ...perView((view, entity) => (view.kind === 'calendar' ? calendarCheck(context, view, entity) : null)),
    ...perView((view, entity) => filterCheck(context, view, entity)),
  ];
  const changes = (entityId: string, checks: readonly (VerificationCheck | null)[]) =>
    checks.flatMap((made) => (made ? [{ ...made, group: `records:${entityId}` }] : []));
  return [
    ...reads.map((made) => ({ ...made, onlyReads: true })),
    ...perView((view, entity) =>
      view.kind === 'board' ? changes(entity.id, [boardCheck(context, view, entity)]) : null,
    ).flat(),
    ...model.entities.flatMap((entity) => changes(entity.id, [formCheck(context, entity)])),
    ...model.entities.flatMap((entity) => changes(entity.id, [createCheck(context, entity, tag())])),
    ...model.entities.flatMap((entity) =>
      changes(
        entity.id,
        entity.fields.map((field) =>
          field.type === 'reference' ? referenceCheck(context, entity, field, tag()) : null,
        ),
      ),
    ),
    ...model.entities.flatMap((entity) => changes(entity.id, [editCheck(context, entity, tag())])),
    ...model.entities.flatMap((entity) => changes(entity.id, [deleteCheck(context, entity)])),
  ];
}
