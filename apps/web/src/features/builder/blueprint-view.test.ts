import {
  type Blueprint,
  emptyBlueprint,
  type Fact,
  type Field,
  type JobEvent,
  type Question,
  validateBlueprint,
} from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import {
  addField,
  addView,
  editProblem,
  pluralOf,
  removeField,
  renameEntity,
  setFieldType,
} from './blueprint-edits.ts';
import { deriveBlueprintDisplay, sourceLabels } from './blueprint-view.ts';
import { emptyJobState, foldJobEvents, type JobSnapshot, jobStateReducer } from './job-state.ts';

const questionId = '00000000-0000-4000-8000-000000000001';
const facts: Fact[] = [
  { id: 'f-request', kind: 'requirement', text: 'Tracks tools', source: { kind: 'request' } },
  {
    id: 'f-answer',
    kind: 'requirement',
    text: 'Loans have a due date',
    source: { kind: 'answer', questionId },
  },
  { id: 'f-skip', kind: 'assumption', text: 'Shared', source: { kind: 'skip', questionId } },
  { id: 'f-edit', kind: 'requirement', text: 'Renamed field', source: { kind: 'edit' } },
];
const questions = [{ id: questionId, number: 2 }] as Question[];

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

function loans(): Blueprint {
  return {
    ...emptyBlueprint('Tool Library'),
    sharingSourceFactIds: ['f-skip'],
    entities: [
      {
        id: 'tool',
        name: 'Tool',
        pluralName: 'Tools',
        fields: [
          field('tool-name', 'Name', 'text', { sourceFactIds: ['f-request'] }),
          field('tool-condition', 'Condition', 'choice', {
            options: ['Good', 'Worn'],
            sourceFactIds: ['f-request', 'f-edit'],
          }),
        ],
        statusFieldId: 'tool-condition',
        sourceFactIds: ['f-request'],
      },
      {
        id: 'loan',
        name: 'Loan',
        pluralName: 'Loans',
        fields: [
          field('loan-tool', 'Tool', 'reference', { referenceEntityId: 'tool' }),
          field('loan-due', 'Due Date', 'date', { sourceFactIds: ['f-answer'] }),
        ],
        statusFieldId: null,
        sourceFactIds: [],
      },
    ],
    views: [
      {
        id: 'overdue',
        kind: 'list',
        title: 'Overdue',
        entityId: 'loan',
        groupByFieldId: null,
        dateFieldId: null,
        filter: { kind: 'date', fieldId: 'loan-due', relation: 'before_today', days: null },
        aggregate: null,
        sourceFactIds: ['f-answer'],
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

describe('sourceLabels', () => {
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  const numbers = new Map([[questionId, 2]]);
  it('says where each element came from, once per kind of source', () => {
    expect(sourceLabels(['f-request'], byId, numbers)).toEqual(['from your request']);
    expect(sourceLabels(['f-answer'], byId, numbers)).toEqual(['from your answer to Q2']);
    expect(sourceLabels(['f-skip'], byId, numbers)).toEqual(['assumed']);
    expect(sourceLabels(['f-request', 'f-edit', 'f-request'], byId, numbers)).toEqual([
      'from your request',
      'your edit',
    ]);
  });
  it('no facts, or only facts the ledger no longer has, is an assumption', () => {
    expect(sourceLabels([], byId, numbers)).toEqual(['assumed']);
    expect(sourceLabels(['gone'], byId, numbers)).toEqual(['assumed']);
  });
});

describe('deriveBlueprintDisplay', () => {
  it('lists entities with typed fields, views with their layout and filter, and sources', () => {
    const display = deriveBlueprintDisplay({ blueprint: loans(), ledger: facts, questions, base: null });
    const [tool, loan] = display.entities;
    expect(tool?.fields.map((f) => [f.name, f.typeLabel, f.isStatus, f.sources])).toEqual([
      ['Name', 'text', false, ['from your request']],
      ['Condition', 'choice', true, ['from your request', 'your edit']],
    ]);
    expect(loan?.fields[0]).toMatchObject({ referenceName: 'Tool', sources: ['assumed'] });
    expect(display.views.map((v) => [v.kindLabel, v.title, v.entityName, v.layout, v.filter])).toEqual([
      ['list', 'Overdue', 'Loans', null, 'Due Date before today'],
      ['calendar', 'Due Dates', 'Loans', 'by Due Date', null],
    ]);
    expect(display.sharing.sources).toEqual(['assumed']);
    expect(display.changes).toEqual([]);
  });

  it('for a change job, marks what the change adds and renames and lists what it removes', () => {
    const changed = structuredClone(loans());
    const [tool, loan] = changed.entities;
    if (!tool || !loan) throw new Error('fixture');
    tool.fields[1] = { ...(tool.fields[1] as Field), name: 'State' };
    loan.fields.push(field('loan-returned', 'Returned On', 'date'));
    changed.views = changed.views.filter((view) => view.id !== 'due');
    const display = deriveBlueprintDisplay({ blueprint: changed, ledger: facts, questions, base: loans() });
    expect(display.entities[0]?.fields[1]).toMatchObject({ mark: 'renamed', before: 'Condition' });
    expect(display.entities[0]?.fields[0]?.mark).toBeNull();
    expect(display.entities[1]?.fields[2]?.mark).toBe('added');
    expect(display.removedViews).toEqual(['Due Dates']);
    expect(display.changes).toEqual([
      'Renamed field Condition to State on Tool',
      'Added field Returned On (date) to Loan',
      'Removed view Due Dates',
    ]);
  });
});

describe('blueprint edits', () => {
  it('keep the blueprint valid for everyday edits', () => {
    const { blueprint: withField, fieldId } = addField(loans(), 'tool');
    expect(withField.entities[0]?.fields.at(-1)).toMatchObject({
      id: fieldId,
      name: 'New Field',
      type: 'text',
    });
    expect(addField(withField, 'tool').blueprint.entities[0]?.fields.at(-1)?.name).toBe('New Field 2');
    // Removing the date a calendar and a filter use: the calendar becomes a table, the filter goes.
    const withoutDue = removeField(loans(), 'loan', 'loan-due');
    expect(withoutDue.views.map((view) => [view.kind, view.filter, view.dateFieldId])).toEqual([
      ['list', null, null],
      ['table', null, null],
    ]);
    // The status stops being the status when it stops being a choice; its options go with it.
    const retyped = setFieldType(loans(), 'tool', 'tool-condition', 'text');
    expect(retyped.entities[0]).toMatchObject({ statusFieldId: null });
    expect(retyped.entities[0]?.fields[1]?.options).toEqual([]);
    // A type change a view depends on is not undone behind the person's back: the server refuses
    // it and the tab says why, next to the field.
    const referenced = setFieldType(loans(), 'loan', 'loan-due', 'reference');
    expect(referenced.entities[1]?.fields[1]?.referenceEntityId).toBe('tool');
    expect(validateBlueprint(referenced).map((problem) => problem.message)).toContain(
      'View Due Dates: Due Date cannot be its date field (reference)',
    );
    const linked = setFieldType(loans(), 'tool', 'tool-name', 'reference');
    expect(linked.entities[0]?.fields[0]?.referenceEntityId).toBe('loan');
    const board = addView(loans(), 'board', 'tool');
    expect(board.views.at(-1)).toMatchObject({
      kind: 'board',
      title: 'Tools by Condition',
      groupByFieldId: 'tool-condition',
    });
    for (const edited of [
      withField,
      withoutDue,
      retyped,
      linked,
      board,
      renameEntity(loans(), 'tool', 'Box'),
    ])
      expect(validateBlueprint(edited)).toEqual([]);
  });

  it('renaming an entity renames its plural', () => {
    expect(renameEntity(loans(), 'tool', 'Category').entities[0]).toMatchObject({
      name: 'Category',
      pluralName: 'Categories',
    });
    expect(['Box', 'Day', 'Tool', 'Church'].map(pluralOf)).toEqual(['Boxes', 'Days', 'Tools', 'Churches']);
  });

  it('shows a refusal without its place in the payload', () => {
    expect(editProblem('blueprint.entities[0].fields[1]: Tool has two fields called "Name"')).toBe(
      'Tool has two fields called "Name"',
    );
    expect(editProblem('blueprint.entities.0.name: Too small; blueprint.views.0.title: Too small')).toBe(
      'Too small',
    );
  });
});

describe('jobStateReducer: the blueprint', () => {
  const at = '2026-01-01T00:00:00.000Z';
  it('takes the snapshot’s blueprint (none from an older server), then every blueprint_updated', () => {
    const snapshot = {
      id: 'job',
      status: 'awaiting_answer',
      request: 'tools',
      questions: [],
      ledger: [],
      readiness: 40,
      versionId: null,
      error: null,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      updatedAt: at,
      lastSeq: 0,
    } satisfies JobSnapshot;
    expect(jobStateReducer(emptyJobState, { type: 'snapshot', job: snapshot }).blueprint).toBeNull();
    expect(
      jobStateReducer(emptyJobState, { type: 'snapshot', job: { ...snapshot, blueprint: loans() } })
        .blueprint,
    ).toEqual(loans());
    const renamed = renameEntity(loans(), 'tool', 'Box');
    const events: JobEvent[] = [
      { seq: 1, at, type: 'questioning_started', data: { request: 'tools' } },
      { seq: 2, at, type: 'blueprint_updated', data: { blueprint: loans(), readiness: 40 } },
      { seq: 3, at, type: 'blueprint_updated', data: { blueprint: renamed, readiness: 55 } },
    ];
    const state = foldJobEvents(events);
    expect(state.blueprint).toEqual(renamed);
    expect(state.readiness).toBe(55);
  });
});
