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
 * The acceptance checks of a compiled blueprint (`Check`, docs/architecture.md#verification), run in order on one page by
 * the sandboxed browser: first what reads the sample as it was seeded (views, chart values,
 * calendars, filtered views, boards — a board puts its card back), then what adds records (forms,
 * new records, references), then what changes and deletes the spare record of each entity, which
 * nothing else relies on. Pass the options the app was compiled with: checks look for its sample.
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
  return [
    ...perView((view, entity) => viewRendersCheck(context, view, entity)),
    ...perView((view, entity) => (view.kind === 'chart' ? chartValuesCheck(context, view, entity) : null)),
    ...perView((view, entity) => (view.kind === 'calendar' ? calendarCheck(context, view, entity) : null)),
    ...perView((view, entity) => filterCheck(context, view, entity)),
    ...perView((view, entity) => (view.kind === 'board' ? boardCheck(context, view, entity) : null)),
    ...model.entities.map((entity) => formCheck(context, entity)),
    ...model.entities.map((entity) => createCheck(context, entity, tag())),
    ...model.entities.flatMap((entity) =>
      entity.fields.flatMap((field) => {
        const made = field.type === 'reference' ? referenceCheck(context, entity, field, tag()) : null;
        return made ? [made] : [];
      }),
    ),
    ...model.entities.flatMap((entity) => {
      const made = editCheck(context, entity, tag());
      return made ? [made] : [];
    }),
    ...model.entities.map((entity) => deleteCheck(context, entity)),
  ];
}
