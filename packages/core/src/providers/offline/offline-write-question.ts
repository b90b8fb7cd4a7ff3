import type { Blueprint, Entity, Field } from '../../blueprint/blueprint.ts';
import { nameKey } from '../../blueprint/validate-blueprint.ts';
import { change, type DecisionChange, type NewField, noChange } from '../../questioning/decision-change.ts';
import type { QuestionCardInput, QuestionCardOutput } from '../../questioning/task-schemas.ts';
import { defaultRecords, fieldSuggestions, optionSetsFor, plural } from './question-defaults.ts';

type Option = QuestionCardOutput['options'][number];
type Card = QuestionCardOutput;

/**
 * The offline question writer: one card about the decision it is given, in the blueprint's words
 * (which are the person's), with options that are each a concrete change. The skip default is the
 * recommended option, so "skip" and "whatever you recommend" build the same app.
 */
export function offlineWriteQuestion(input: QuestionCardInput): QuestionCardOutput {
  const { blueprint, decision } = input;
  const entity = blueprint.entities.find((candidate) => candidate.id === decision.entityId) ?? null;
  const field = entity?.fields.find((candidate) => candidate.id === decision.fieldId) ?? null;
  const main = blueprint.entities[0] ?? null;
  switch (decision.kind) {
    case 'records':
      return recordsCard();
    case 'entity_fields':
      return entity ? fieldsCard(blueprint, entity) : recordsCard();
    case 'choice_options':
      return entity && field ? optionsCard(entity, field) : audienceCard(blueprint);
    case 'date_view':
      return entity && field ? dateViewCard(entity, field) : audienceCard(blueprint);
    case 'relation':
      return entity && field ? relationCard(blueprint, entity, field) : audienceCard(blueprint);
    case 'audience':
      return audienceCard(blueprint);
    case 'sharing':
      return sharingCard(main);
    case 'change':
      return changeCard(blueprint);
  }
}

function card(
  text: string,
  why: string,
  kind: Card['kind'],
  options: Option[],
  assumptionIfSkipped?: string,
): Card {
  const recommended = options.find((option) => option.recommended) ?? options[0];
  return {
    text,
    why,
    kind,
    options: options.slice(0, 4),
    assumptionIfSkipped:
      assumptionIfSkipped ?? `I'll go with: ${recommended?.label ?? 'the simplest option'}.`,
    skipChange: recommended?.change ?? noChange,
  };
}

const option = (label: string, optionChange: DecisionChange, recommended = false): Option => ({
  label,
  recommended,
  change: optionChange,
});

function recordsCard(): Card {
  const options = defaultRecords.map((record, index) =>
    option(
      record.label,
      change({ entity: { name: record.name, pluralName: record.pluralName, fields: record.fields } }),
      index === 0,
    ),
  );
  const first = defaultRecords[0];
  return card(
    'What should this app keep a list of?',
    'The records it keeps decide the forms, the tables and everything else it shows.',
    'single',
    options,
    first
      ? `I'll start with a list of ${first.pluralName.toLowerCase()} (${fieldList(first.fields)}).`
      : undefined,
  );
}

function fieldsCard(blueprint: Blueprint, entity: Entity): Card {
  const known = new Set(entity.fields.map((field) => nameKey(field.name)));
  const suggestions = fieldSuggestions(entity, blueprint).filter((field) => !known.has(nameKey(field.name)));
  const options = suggestions
    .slice(0, 4)
    .map((field, index) => option(field.name, change({ fields: [field] }), index === 0));
  const defaults = suggestions.slice(0, 2);
  return {
    ...card(
      `Besides a name, what should each ${entity.name} record?`,
      `These become the ${entity.name} form and the columns of the ${entity.pluralName} table.`,
      'multi',
      options,
      defaults.length > 0
        ? `I'll give each ${entity.name} ${fieldList(defaults)}.`
        : `I'll keep just a name for each ${entity.name}.`,
    ),
    skipChange: change({ fields: defaults }),
  };
}

function optionsCard(entity: Entity, field: Field): Card {
  const isStatus = entity.statusFieldId === field.id;
  const sets = optionSetsFor(field.name, isStatus);
  const text = isStatus
    ? `What stages does each ${entity.name} go through?`
    : `Which ${plural(field.name).toLowerCase()} can a ${entity.name} have?`;
  const why = isStatus
    ? `The stages become the columns of a board and the filters on the ${entity.pluralName} list.`
    : `${field.name} becomes a pick-list on the ${entity.name} form, and you can filter by it.`;
  if (sets.length === 0) {
    return {
      text: `${text} (list them, separated by commas)`,
      why,
      kind: 'text',
      options: [],
      assumptionIfSkipped: `I'll start ${field.name} with General and Other; you can add more later.`,
      skipChange: change({ options: ['General', 'Other'] }),
    };
  }
  return card(
    text,
    why,
    'single',
    sets.map((set, index) => option(set.join(', '), change({ options: set }), index === 0)),
  );
}

const dueWords = /\b(due|deadline|expir|renew|return|end|until|next|follow)/i;

function dateViewCard(entity: Entity, field: Field): Card {
  const calendar = option(
    `A calendar of ${entity.pluralName} by ${field.name}`,
    change({
      view: {
        kind: 'calendar',
        title: `${entity.name} Calendar`,
        fieldName: field.name,
        dateFilter: null,
        days: null,
      },
    }),
  );
  const comingUp = option(
    `A list of ${entity.pluralName} with ${field.name} in the next 7 days`,
    change({
      view: {
        kind: 'list',
        title: `${field.name} Soon`,
        fieldName: field.name,
        dateFilter: 'within_next_days',
        days: 7,
      },
    }),
  );
  const pastDue = option(
    `A list of ${entity.pluralName} whose ${field.name} has passed`,
    change({
      view: {
        kind: 'list',
        title: `Past ${field.name}`,
        fieldName: field.name,
        dateFilter: 'before_today',
        days: null,
      },
    }),
  );
  const none = option(`No, ${field.name} as a column in the table is enough`, noChange);
  const dueLike = dueWords.test(field.name);
  const options = dueLike
    ? [{ ...comingUp, recommended: true }, pastDue, calendar, none]
    : [{ ...calendar, recommended: true }, comingUp, none];
  return card(
    `How do you want to see ${entity.pluralName} by ${field.name}?`,
    `A date people plan around is easier to see on a calendar or a short list than in a table.`,
    'single',
    options,
  );
}

function relationCard(blueprint: Blueprint, entity: Entity, field: Field): Card {
  const listName = plural(field.name);
  const existing = blueprint.entities.find(
    (candidate) =>
      candidate.id !== entity.id &&
      (nameKey(candidate.name) === nameKey(field.name) ||
        nameKey(candidate.pluralName) === nameKey(field.name)),
  );
  const asList = existing
    ? option(
        `Pick one from the ${existing.pluralName} list`,
        change({ entity: { name: existing.name, pluralName: existing.pluralName, fields: [] } }),
        true,
      )
    : option(
        `A list of ${listName} of its own (name, email, phone)`,
        change({
          entity: {
            name: field.name,
            pluralName: listName,
            fields: [
              { name: 'Name', type: 'text', options: [] },
              { name: 'Email', type: 'email', options: [] },
              { name: 'Phone', type: 'phone', options: [] },
            ],
          },
        }),
      );
  const justName = option(`Just a name typed on each ${entity.name}`, noChange, !existing);
  return card(
    `Is ${field.name} just a name on each ${entity.name}, or should ${listName} be a list of their own?`,
    `A list of their own lets you keep details about each one and see everything linked to them.`,
    'single',
    existing ? [asList, justName] : [justName, asList],
  );
}

function audienceCard(blueprint: Blueprint): Card {
  const options = [
    option('A small team', change({ audience: ['A Small Team'], sharing: 'shared' }), true),
    option('Just me', change({ audience: ['Just Me'], sharing: 'private' })),
    option('Staff and their managers', change({ audience: ['Staff', 'Managers'], sharing: 'shared' })),
    option(
      'Everyone in the organisation',
      change({ audience: ['Everyone In The Organisation'], sharing: 'shared' }),
    ),
  ];
  return card(
    `Who will use ${blueprint.title} day to day?`,
    'Who uses it sets the wording, the defaults and whether records are shared.',
    'single',
    options,
  );
}

function sharingCard(main: Entity | null): Card {
  const records = main?.pluralName ?? 'records';
  return card(
    `Should everyone see the same ${records}, or only their own?`,
    `This decides whether each ${main?.name ?? 'record'} belongs to one person and whether lists are filtered per person.`,
    'single',
    [
      option(`Everyone sees and edits the same ${records}`, change({ sharing: 'shared' }), true),
      option(`Each person sees only their own ${records}`, change({ sharing: 'private' })),
    ],
  );
}

/** A change request that said nothing concrete: concrete proposals built on what the app has. */
function changeCard(blueprint: Blueprint): Card {
  const main = blueprint.entities[0];
  const options: Option[] = [];
  if (main) {
    const choice = main.fields.find((field) => field.type === 'choice' && field.options.length > 0);
    const date = main.fields.find((field) => field.type === 'date' || field.type === 'dateTime');
    const has = (kind: string) =>
      blueprint.views.some((view) => view.entityId === main.id && view.kind === kind);
    if (choice && !has('board'))
      options.push(
        option(
          `A board of ${main.pluralName} by ${choice.name}`,
          change({
            entityName: main.name,
            view: {
              kind: 'board',
              title: `${main.pluralName} By ${choice.name}`,
              fieldName: choice.name,
              dateFilter: null,
              days: null,
            },
          }),
        ),
      );
    if (date && !has('calendar'))
      options.push(
        option(
          `A calendar of ${main.pluralName} by ${date.name}`,
          change({
            entityName: main.name,
            view: {
              kind: 'calendar',
              title: `${main.name} Calendar`,
              fieldName: date.name,
              dateFilter: null,
              days: null,
            },
          }),
        ),
      );
    if (choice && !has('chart'))
      options.push(
        option(
          `A chart of ${main.pluralName} per ${choice.name}`,
          change({
            entityName: main.name,
            view: {
              kind: 'chart',
              title: `${main.pluralName} Per ${choice.name}`,
              fieldName: choice.name,
              dateFilter: null,
              days: null,
            },
          }),
        ),
      );
    if (!main.fields.some((field) => nameKey(field.name) === 'notes'))
      options.push(
        option(
          `A Notes field on each ${main.name}`,
          change({ entityName: main.name, fields: [{ name: 'Notes', type: 'longText', options: [] }] }),
        ),
      );
  }
  const [first, ...rest] = options.slice(0, 4);
  return {
    text: `What should change in ${blueprint.title}?`,
    why: 'A specific change lets me rebuild exactly that and keep everything else as it is.',
    kind: options.length >= 2 ? 'multi' : 'text',
    options: first && rest.length > 0 ? [{ ...first, recommended: true }, ...rest] : [],
    assumptionIfSkipped: "I'll keep the app's design as it is.",
    skipChange: noChange,
  };
}

function fieldList(fields: readonly NewField[]): string {
  const names = fields.map((field) => field.name);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
