import {
  type Blueprint,
  type BlueprintChange,
  describeFilter,
  diffBlueprint,
  type Fact,
  type FieldType,
  fieldTypeLabels,
  type Question,
  type ViewKind,
  viewKindLabels,
} from '@app/core/schemas';

/** What a change request does to an element, against the version it changes. */
export type ChangeMark = 'added' | 'renamed' | 'changed' | null;

export type FieldRow = {
  id: string;
  name: string;
  type: FieldType;
  typeLabel: string;
  options: string[];
  /** Choice types show (and edit) their options. */
  hasOptions: boolean;
  required: boolean;
  /** The entity a reference points at, by name. */
  referenceName: string | null;
  referenceEntityId: string | null;
  range: string | null;
  isStatus: boolean;
  sources: string[];
  mark: ChangeMark;
  /** The name before a change request renamed it. */
  before: string | null;
};

export type EntityCard = {
  id: string;
  name: string;
  pluralName: string;
  sources: string[];
  mark: ChangeMark;
  before: string | null;
  fields: FieldRow[];
  /** Fields the change request removes (names only: they are gone from the blueprint). */
  removedFields: string[];
};

export type ViewRow = {
  id: string;
  kind: ViewKind;
  kindLabel: string;
  title: string;
  entityName: string;
  /** "grouped by Status", "by Due Date", "count of Leads" — what lays it out. */
  layout: string | null;
  filter: string | null;
  sources: string[];
  mark: ChangeMark;
};

export type BlueprintDisplay = {
  title: string;
  summary: string;
  entities: EntityCard[];
  removedEntities: string[];
  views: ViewRow[];
  removedViews: string[];
  audience: { name: string; sources: string[] }[];
  sharing: { label: string; sources: string[] };
  /** Every change the change request makes, in words (empty for a create job). */
  changes: string[];
};

/**
 * Where an element came from, in the words the Blueprint tab shows ("from your request", "from
 * your answer to Q2", "assumed", "your edit"), one label per distinct source. No facts — or none
 * the ledger still has — means the builder assumed it.
 */
export function sourceLabels(
  sourceFactIds: readonly string[],
  factsById: ReadonlyMap<string, Fact>,
  questionNumbers: ReadonlyMap<string, number>,
): string[] {
  const labels = sourceFactIds.flatMap((id) => {
    const fact = factsById.get(id);
    return fact ? [sourceLabel(fact, questionNumbers)] : [];
  });
  return labels.length > 0 ? [...new Set(labels)] : ['assumed'];
}

function sourceLabel(fact: Fact, questionNumbers: ReadonlyMap<string, number>): string {
  const number = fact.source.questionId ? questionNumbers.get(fact.source.questionId) : undefined;
  switch (fact.source.kind) {
    case 'request':
      return 'from your request';
    case 'answer':
      return number ? `from your answer to Q${number}` : 'from an earlier answer';
    case 'skip':
      return 'assumed';
    case 'edit':
      return 'your edit';
  }
}

/** How a change marks an element: added beats renamed beats changed. */
function markOf(changes: readonly BlueprintChange[]): { mark: ChangeMark; before: string | null } {
  if (changes.some((change) => change.kind === 'add')) return { mark: 'added', before: null };
  const rename = changes.find((change) => change.kind === 'rename');
  if (rename) return { mark: 'renamed', before: rename.before };
  return changes.length > 0 ? { mark: 'changed', before: null } : { mark: null, before: null };
}

/**
 * The Blueprint tab's rows, derived from the blueprint, the ledger and the questions (for sources)
 * and, for a change job, the blueprint of the version it changes (for what it adds, renames and
 * removes). Pure: the panel renders exactly this.
 */
export function deriveBlueprintDisplay(input: {
  blueprint: Blueprint;
  ledger: readonly Fact[];
  questions: readonly Question[];
  base: Blueprint | null;
}): BlueprintDisplay {
  const { blueprint, base } = input;
  const factsById = new Map(input.ledger.map((fact) => [fact.id, fact]));
  const questionNumbers = new Map(input.questions.map((question) => [question.id, question.number]));
  const sources = (ids: readonly string[]) => sourceLabels(ids, factsById, questionNumbers);
  const changes = base ? diffBlueprint(base, blueprint) : [];
  const changesOn = (test: (change: BlueprintChange) => boolean) => changes.filter(test);
  const entityNames = new Map(blueprint.entities.map((entity) => [entity.id, entity.name]));

  const entities = blueprint.entities.map((entity): EntityCard => {
    const entityMark = markOf(
      changesOn(
        (c) => c.entityId === entity.id && c.fieldId === null && c.viewId === null && c.target === 'entity',
      ),
    );
    return {
      id: entity.id,
      name: entity.name,
      pluralName: entity.pluralName,
      sources: sources(entity.sourceFactIds),
      ...entityMark,
      fields: entity.fields.map((field): FieldRow => {
        const fieldMark =
          entityMark.mark === 'added'
            ? { mark: null, before: null }
            : markOf(
                changesOn((c) => c.entityId === entity.id && c.fieldId === field.id && c.kind !== 'remove'),
              );
        return {
          id: field.id,
          name: field.name,
          type: field.type,
          typeLabel: fieldTypeLabels[field.type],
          options: field.options,
          hasOptions: field.type === 'choice' || field.type === 'multiChoice',
          required: field.required,
          referenceEntityId: field.referenceEntityId,
          referenceName: field.referenceEntityId ? (entityNames.get(field.referenceEntityId) ?? null) : null,
          range: field.range ? `${field.range.min}–${field.range.max}` : null,
          isStatus: entity.statusFieldId === field.id,
          sources: sources(field.sourceFactIds),
          ...fieldMark,
        };
      }),
      removedFields: changesOn(
        (c) => c.entityId === entity.id && c.target === 'field' && c.kind === 'remove' && c.before !== null,
      ).map((c) => c.before ?? ''),
    };
  });

  const views = blueprint.views.map((view): ViewRow => {
    const entity = blueprint.entities.find((candidate) => candidate.id === view.entityId);
    const fieldName = (id: string | null) => entity?.fields.find((field) => field.id === id)?.name ?? null;
    const groupBy = fieldName(view.groupByFieldId);
    const date = fieldName(view.dateFieldId);
    const aggregate = view.aggregate
      ? view.aggregate.fn === 'count'
        ? 'count'
        : `${view.aggregate.fn} of ${fieldName(view.aggregate.fieldId) ?? 'a number'}`
      : null;
    const layout = [groupBy && `grouped by ${groupBy}`, date && `by ${date}`, aggregate]
      .filter(Boolean)
      .join(', ');
    return {
      id: view.id,
      kind: view.kind,
      kindLabel: viewKindLabels[view.kind],
      title: view.title,
      entityName: entity?.pluralName ?? 'records',
      layout: layout || null,
      filter: view.filter ? describeFilter(view, blueprint) : null,
      sources: sources(view.sourceFactIds),
      mark: markOf(changesOn((c) => c.viewId === view.id && c.kind !== 'remove')).mark,
    };
  });

  return {
    title: blueprint.title,
    summary: blueprint.summary,
    entities,
    removedEntities: changesOn((c) => c.target === 'entity' && c.kind === 'remove').map(
      (c) => c.before ?? '',
    ),
    views,
    removedViews: changesOn((c) => c.target === 'view' && c.kind === 'remove').map((c) => c.before ?? ''),
    audience: blueprint.audience.map((entry) => ({
      name: entry.name,
      sources: sources(entry.sourceFactIds),
    })),
    sharing: {
      label:
        blueprint.sharing === 'shared'
          ? 'Shared — everyone who uses it sees the same data'
          : 'Private — each person keeps their own data',
      sources: sources(blueprint.sharingSourceFactIds),
    },
    changes: changes.map((change) => change.description),
  };
}
