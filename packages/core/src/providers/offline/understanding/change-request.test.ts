import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { type Understanding, type UnderstandingFocus, understandText } from './understand-text.ts';

const makerspace =
  'Our makerspace lends tools to members. Each tool has a name, a category and a condition; members check tools out and back in, and we want to see which tools are out right now and who has them.';
const complaints =
  'A complaint log for our hotel front desk: guest name, room number, category (noise, cleanliness, billing), severity low, medium or high, and whether it was resolved.';

function change(base: Blueprint, text: string, focus: UnderstandingFocus | null = null): Understanding {
  const result = understandText({ text, base, focus });
  expect(validateBlueprint(result.blueprint)).toEqual([]);
  return result;
}

const fresh = (text: string) => understandText({ text, base: null, focus: null }).blueprint;
const ids = (blueprint: Blueprint) =>
  blueprint.entities.flatMap((entity) => [entity.id, ...entity.fields.map((field) => field.id)]);

describe('understandText with a base: change requests', () => {
  it('adds a field to the entity it names, with a deterministic id, and keeps every existing id', () => {
    const base = fresh(makerspace);
    const { blueprint, changes, statements } = change(base, 'add a due date to each loan');
    const loan = blueprint.entities.find((entity) => entity.id === 'loan');
    const due = loan?.fields.find((field) => field.name === 'Due Date');
    expect(due).toMatchObject({ id: 'loan-due-date', type: 'date' });
    expect(ids(blueprint).slice(0, ids(base).length)).toEqual(ids(base));
    expect(changes).toMatchObject([
      {
        kind: 'add',
        target: 'field',
        path: 'entity:loan/field:loan-due-date',
        before: null,
        after: 'Due Date',
      },
    ]);
    expect(due?.sourceFactIds).toEqual([statements[0]?.id]);
  });

  it('adds an entity and a relation: a list of staff, each complaint assigned to one of them', () => {
    const base = fresh(complaints);
    const { blueprint, changes } = change(
      base,
      'Also keep a list of staff, and let each complaint be assigned to one of them.',
    );
    const staff = blueprint.entities.find((entity) => entity.name === 'Staff');
    expect(staff).toMatchObject({ pluralName: 'Staff', fields: [{ name: 'Name', sourceFactIds: [] }] });
    const complaint = blueprint.entities.find((entity) => entity.name === 'Complaint');
    expect(complaint?.fields.find((field) => field.name === 'Assigned To')).toMatchObject({
      type: 'reference',
      referenceEntityId: staff?.id,
    });
    expect(changes.map((entry) => [entry.kind, entry.target, entry.after])).toEqual(
      expect.arrayContaining([
        ['add', 'entity', 'Staff'],
        ['add', 'field', 'Assigned To'],
      ]),
    );
  });

  it('adds a view: a calendar of loans by their due date', () => {
    const withDue = change(fresh(makerspace), 'add a due date to each loan').blueprint;
    const { blueprint, changes } = change(withDue, 'add a calendar of loans by due date');
    const calendar = blueprint.views.find((view) => view.kind === 'calendar');
    expect(calendar).toMatchObject({ entityId: 'loan', dateFieldId: 'loan-due-date' });
    expect(changes).toMatchObject([{ kind: 'add', target: 'view' }]);
  });

  it('renames an entity (its table and the links to it follow), a field, and the app', () => {
    const base = fresh(makerspace);
    const renamed = change(base, 'rename Tools to Equipment');
    const tool = renamed.blueprint.entities.find((entity) => entity.id === 'tool');
    expect(tool).toMatchObject({ name: 'Equipment', pluralName: 'Equipment' });
    expect(
      renamed.blueprint.entities
        .find((entity) => entity.id === 'loan')
        ?.fields.find((field) => field.id === 'loan-tool')?.name,
    ).toBe('Equipment');
    expect(renamed.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'rename',
          target: 'entity',
          path: 'entity:tool',
          before: 'Tool',
          after: 'Equipment',
        }),
      ]),
    );

    const field = change(base, 'rename the Condition field to State');
    expect(field.blueprint.entities[0]?.fields.find((entry) => entry.id === 'tool-condition')?.name).toBe(
      'State',
    );

    const titled = change(base, 'call it Desk');
    expect(titled.blueprint.title).toBe('Desk');
    expect(titled.changes).toMatchObject([
      { kind: 'rename', target: 'title', before: base.title, after: 'Desk' },
    ]);
  });

  it('removes a field, and what showed it', () => {
    const base = fresh(makerspace);
    const { blueprint, changes } = change(base, 'remove the Condition field');
    expect(blueprint.entities[0]?.fields.map((field) => field.name)).toEqual(['Name', 'Category']);
    expect(changes).toMatchObject([{ kind: 'remove', target: 'field', before: 'Condition', after: null }]);

    const withoutMembers = change(base, 'delete Members').blueprint;
    expect(withoutMembers.entities.map((entity) => entity.name)).toEqual(['Tool', 'Loan']);
    expect(withoutMembers.entities[1]?.fields.some((field) => field.name === 'Member')).toBe(false);
  });

  it('makes a field a choice of the stated options, in order', () => {
    const { blueprint } = change(fresh(makerspace), 'make condition a choice of good, worn or broken');
    expect(blueprint.entities[0]?.fields.find((field) => field.id === 'tool-condition')).toMatchObject({
      type: 'choice',
      options: ['Good', 'Worn', 'Broken'],
    });
  });
});

describe('understandText with a focus: free-text answers', () => {
  it('options typed for the field asked about', () => {
    const base = fresh(makerspace);
    const { blueprint, statements } = change(base, 'good, worn or broken', {
      entityId: 'tool',
      fieldId: 'tool-condition',
    });
    const condition = blueprint.entities[0]?.fields.find((field) => field.id === 'tool-condition');
    expect(condition).toMatchObject({ type: 'choice', options: ['Good', 'Worn', 'Broken'] });
    expect(condition?.sourceFactIds).toContain(statements[0]?.id);
  });

  it('fields typed for the record asked about replace its assumed Name', () => {
    const base = fresh(makerspace);
    const { blueprint, statements } = change(base, 'Email, phone and membership number', {
      entityId: 'member',
      fieldId: null,
    });
    const member = blueprint.entities.find((entity) => entity.id === 'member');
    expect(member?.fields.map((field) => [field.id, field.name, field.type])).toEqual([
      ['member-email', 'Email', 'email'],
      ['member-phone', 'Phone', 'phone'],
      ['member-membership-number', 'Membership Number', 'text'],
    ]);
    expect(statements[0]?.text).toBe('Tracks members: Email, Phone, Membership Number');
  });

  it('a sentence answer reads like a request, onto the focused record', () => {
    const base = fresh('A guest list for my wedding.');
    const { blueprint } = change(base, 'each guest has a name, a table number and whether they replied', {
      entityId: 'guest',
      fieldId: null,
    });
    expect(blueprint.entities[0]?.fields.map((field) => [field.name, field.type])).toEqual([
      ['Name', 'text'],
      ['Table Number', 'number'],
      ['Replied', 'boolean'],
    ]);
  });

  it('who uses it', () => {
    const { blueprint } = change(fresh(makerspace), 'the front desk team');
    expect(blueprint.audience.map((audience) => audience.name)).toEqual(['Front Desk Team']);
  });
});
