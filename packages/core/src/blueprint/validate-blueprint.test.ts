import { describe, expect, it } from 'vitest';
import { Blueprint, emptyBlueprint, type Field } from './blueprint.ts';
import { validateBlueprint } from './validate-blueprint.ts';

const field = (id: string, name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: [],
  ...extra,
});

function lendingBlueprint(): Blueprint {
  return {
    ...emptyBlueprint('Tool Loans'),
    entities: [
      {
        id: 'tool',
        name: 'Tool',
        pluralName: 'Tools',
        fields: [
          field('tool-name', 'Name', 'text', { required: true }),
          field('tool-condition', 'Condition', 'choice', { options: ['Good', 'Worn', 'Broken'] }),
        ],
        statusFieldId: null,
        sourceFactIds: [],
      },
      {
        id: 'member',
        name: 'Member',
        pluralName: 'Members',
        fields: [field('member-name', 'Name', 'text')],
        statusFieldId: null,
        sourceFactIds: [],
      },
      {
        id: 'loan',
        name: 'Loan',
        pluralName: 'Loans',
        fields: [
          field('loan-tool', 'Tool', 'reference', { referenceEntityId: 'tool' }),
          field('loan-member', 'Member', 'reference', { referenceEntityId: 'member' }),
          field('loan-due', 'Due Date', 'date'),
          field('loan-returned', 'Returned On', 'date'),
        ],
        statusFieldId: null,
        sourceFactIds: [],
      },
    ],
    views: [
      {
        id: 'out-now',
        kind: 'list',
        title: 'Out Right Now',
        entityId: 'loan',
        groupByFieldId: null,
        dateFieldId: null,
        filter: { kind: 'empty', fieldId: 'loan-returned', empty: true },
        aggregate: null,
        sourceFactIds: [],
      },
      {
        id: 'due',
        kind: 'calendar',
        title: 'Due Dates',
        entityId: 'loan',
        groupByFieldId: null,
        dateFieldId: 'loan-due',
        filter: null,
        aggregate: null,
        sourceFactIds: [],
      },
    ],
  };
}

describe('validateBlueprint', () => {
  it('accepts a valid multi-entity blueprint, which is also a valid schema value', () => {
    const blueprint = lendingBlueprint();
    expect(Blueprint.parse(blueprint)).toEqual(blueprint);
    expect(validateBlueprint(blueprint)).toEqual([]);
  });

  it('reports a dangling entity reference and a view on a missing entity', () => {
    const blueprint = lendingBlueprint();
    blueprint.entities[2]!.fields[0]!.referenceEntityId = 'gadget';
    blueprint.views[0]!.entityId = 'nothing';
    const messages = validateBlueprint(blueprint).map((problem) => problem.message);
    expect(messages).toContain('Tool refers to an entity that does not exist (gadget)');
    expect(messages).toContain('View Out Right Now shows an entity that does not exist');
  });

  it('reports duplicate names regardless of case and spacing, and empty entities', () => {
    const blueprint = lendingBlueprint();
    blueprint.entities[1]!.name = ' tool ';
    blueprint.entities[0]!.fields.push(field('tool-name-2', 'name', 'text'));
    blueprint.entities.push({
      id: 'empty',
      name: 'Shelf',
      pluralName: 'Shelves',
      fields: [],
      statusFieldId: null,
      sourceFactIds: [],
    });
    const messages = validateBlueprint(blueprint).map((problem) => problem.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Two entities are called " tool "',
        'Tool has two fields called "name"',
        'Shelf has no fields: add at least one',
      ]),
    );
  });

  it('reports view fields of the wrong entity or type', () => {
    const blueprint = lendingBlueprint();
    blueprint.views[1]!.dateFieldId = 'tool-name';
    blueprint.views[0]!.filter = { kind: 'date', fieldId: 'loan-tool', relation: 'before_today', days: null };
    const messages = validateBlueprint(blueprint).map((problem) => problem.message);
    expect(messages).toContain('View Due Dates: its date field is not a field of Loan');
    expect(messages).toContain('Filter of Out Right Now: Tool is a reference field');
  });

  it('checks a related-count filter points back at the view entity', () => {
    const blueprint = lendingBlueprint();
    blueprint.entities[0]!.fields.push(field('tool-copies', 'Copies', 'number'));
    blueprint.views.push({
      id: 'free',
      kind: 'list',
      title: 'Available',
      entityId: 'tool',
      groupByFieldId: null,
      dateFieldId: null,
      filter: {
        kind: 'relatedCountBelow',
        relatedEntityId: 'loan',
        relatedFieldId: 'loan-tool',
        limitFieldId: 'tool-copies',
      },
      aggregate: null,
      sourceFactIds: [],
    });
    expect(validateBlueprint(blueprint)).toEqual([]);
    blueprint.views[2]!.filter = {
      kind: 'relatedCountBelow',
      relatedEntityId: 'loan',
      relatedFieldId: 'loan-member',
      limitFieldId: 'tool-copies',
    };
    expect(validateBlueprint(blueprint).map((problem) => problem.message)).toContain(
      'Filter of Available: Loan has no reference to Tool',
    );
  });
});
