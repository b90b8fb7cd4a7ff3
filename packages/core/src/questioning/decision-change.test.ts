import { describe, expect, it } from 'vitest';
import { type Blueprint, emptyBlueprint, type Field } from '../blueprint/blueprint.ts';
import { openDecisions } from '../blueprint/open-decisions.ts';
import { validateBlueprint } from '../blueprint/validate-blueprint.ts';
import { applyDecisionChange, change, changeProblem } from './decision-change.ts';

const field = (id: string, name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: ['f1'],
  ...extra,
});

function repairs(): Blueprint {
  return {
    ...emptyBlueprint('Repairs'),
    entities: [
      {
        id: 'repair',
        name: 'Repair',
        pluralName: 'Repairs',
        fields: [
          field('repair-title', 'Title', 'text'),
          field('repair-status', 'Status', 'choice'),
          field('repair-due', 'Due Date', 'date'),
          field('repair-tech', 'Technician', 'person'),
        ],
        statusFieldId: 'repair-status',
        sourceFactIds: ['f1'],
      },
    ],
  };
}

describe('applyDecisionChange', () => {
  it('records: adds the entity with its fields, its status workflow and the answer as their source', () => {
    const next = applyDecisionChange(
      emptyBlueprint(),
      { kind: 'records', entityId: null, fieldId: null },
      change({
        entity: {
          name: 'task',
          pluralName: 'tasks',
          fields: [
            { name: 'title', type: 'text', options: [] },
            { name: 'due date', type: 'date', options: [] },
            { name: 'status', type: 'choice', options: ['To Do', 'Done'] },
          ],
        },
      }),
      'a1',
    );
    const task = next.entities[0];
    expect(task).toMatchObject({ id: 'task', name: 'Task', pluralName: 'Tasks', sourceFactIds: ['a1'] });
    expect(task?.fields.map((item) => [item.id, item.name, item.type])).toEqual([
      ['task-title', 'Title', 'text'],
      ['task-due-date', 'Due Date', 'date'],
      ['task-status', 'Status', 'choice'],
    ]);
    expect(task?.statusFieldId).toBe('task-status');
    expect(validateBlueprint(next)).toEqual([]);
  });

  it("choice options: sets them in order on the decision's field, and the decision is made", () => {
    const target = { kind: 'choice_options' as const, entityId: 'repair', fieldId: 'repair-status' };
    const next = applyDecisionChange(
      repairs(),
      target,
      change({ options: ['Reported', 'Fixed', 'Fixed'] }),
      'a2',
    );
    expect(next.entities[0]?.fields[1]).toMatchObject({
      options: ['Reported', 'Fixed'],
      sourceFactIds: ['f1', 'a2'],
    });
    expect(
      openDecisions(next, { jobKind: 'create' }).some((decision) => decision.fieldId === 'repair-status'),
    ).toBe(false);
  });

  it('date view: a calendar or a "due soon" list on the named date field', () => {
    const target = { kind: 'date_view' as const, entityId: 'repair', fieldId: 'repair-due' };
    const soon = applyDecisionChange(
      repairs(),
      target,
      change({
        view: {
          kind: 'list',
          title: 'due soon',
          fieldName: 'due date',
          dateFilter: 'within_next_days',
          days: 7,
        },
      }),
      'a3',
    );
    expect(soon.views[0]).toMatchObject({
      kind: 'list',
      title: 'Due Soon',
      entityId: 'repair',
      filter: { kind: 'date', fieldId: 'repair-due', relation: 'within_next_days', days: 7 },
      sourceFactIds: ['a3'],
    });
    expect(validateBlueprint(soon)).toEqual([]);
    expect(
      changeProblem(
        repairs(),
        target,
        change({ view: { kind: 'calendar', title: 'C', fieldName: 'Title', dateFilter: null, days: null } }),
      ),
    ).toMatch(/cannot be made/);
  });

  it('relation: the person field becomes a reference to a new list of its own', () => {
    const target = { kind: 'relation' as const, entityId: 'repair', fieldId: 'repair-tech' };
    const next = applyDecisionChange(
      repairs(),
      target,
      change({
        entity: {
          name: 'Technician',
          pluralName: 'Technicians',
          fields: [
            { name: 'Name', type: 'text', options: [] },
            { name: 'Phone', type: 'phone', options: [] },
          ],
        },
      }),
      'a4',
    );
    const technician = next.entities[1];
    expect(technician?.name).toBe('Technician');
    // The new entity's id does not collide with the field that already took "repair-tech"-like ids.
    expect(next.entities[0]?.fields[3]).toMatchObject({
      type: 'reference',
      referenceEntityId: technician?.id,
    });
    expect(validateBlueprint(next)).toEqual([]);
  });

  it('audience and sharing; fields by name on another entity; unknown entity is a problem', () => {
    const next = applyDecisionChange(
      repairs(),
      { kind: 'audience', entityId: null, fieldId: null },
      change({ audience: ['just me'], sharing: 'private' }),
      'a5',
    );
    expect(next.audience).toEqual([{ name: 'Just Me', sourceFactIds: ['a5'] }]);
    expect(next).toMatchObject({ sharing: 'private', sharingSourceFactIds: ['a5'] });

    const target = { kind: 'change' as const, entityId: null, fieldId: null };
    const notes = applyDecisionChange(
      repairs(),
      target,
      change({ entityName: 'Repairs', fields: [{ name: 'Notes', type: 'longText', options: [] }] }),
      'a6',
    );
    expect(notes.entities[0]?.fields.at(-1)).toMatchObject({ id: 'repair-notes', name: 'Notes' });
    expect(changeProblem(repairs(), target, change({ entityName: 'Invoices' }))).toMatch(
      /no entity called Invoices/,
    );
  });

  it('is pure: the blueprint it was given is unchanged', () => {
    const before = repairs();
    const copy = structuredClone(before);
    applyDecisionChange(
      before,
      { kind: 'entity_fields', entityId: 'repair', fieldId: null },
      change({ fields: [{ name: 'Cost', type: 'money', options: [] }] }),
      'a7',
    );
    expect(before).toEqual(copy);
  });
});
