import { afterAll, describe, expect, it } from 'vitest';
import { type Blueprint, emptyBlueprint, type Field, type View } from '../../../blueprint/blueprint.ts';
import type { NewEvent } from '../../../events.ts';
import { generateApp } from '../../../generation/generate-app.ts';
import { generationTasks } from '../../../generation/task-schemas.ts';
import type { Model } from '../../../model.ts';
import { createTestVerifier } from '../../../testing/test-verifier.ts';
import { validateApp } from '../../../validation/validate-app.ts';
import { createOfflineModel } from '../offline-model.ts';
import { specFromFiles } from './change-spec.ts';
import { answerOfflineGenerationTask, offlineGenerationHandlers } from './index.ts';

type FieldRow = [name: string, type: Field['type'], options?: string[]];

/** A one-entity blueprint, the shape the interview hands generation. */
function blueprintOf(
  title: string,
  entity: [name: string, plural: string],
  fields: FieldRow[],
  extra: { statuses?: string[]; views?: ('board' | 'calendar' | 'chart')[] } = {},
): Blueprint {
  const id = entity[0].toLowerCase().replace(/\s+/g, '-');
  const rows: FieldRow[] = extra.statuses ? [...fields, ['Status', 'choice', extra.statuses]] : fields;
  const made: Field[] = rows.map(([name, type, options]) => ({
    id: `${id}-${name.toLowerCase().replace(/\s+/g, '-')}`,
    name,
    type,
    options: options ?? [],
    required: false,
    referenceEntityId: null,
    range: null,
    sourceFactIds: [],
  }));
  const status = extra.statuses ? made.at(-1) : undefined;
  const date = made.find((field) => field.type === 'date' || field.type === 'dateTime');
  const views: View[] = (extra.views ?? []).map((kind) => ({
    id: `${id}-${kind}`,
    kind,
    title: `${entity[1]} ${kind}`,
    entityId: id,
    groupByFieldId:
      kind === 'calendar' ? null : (status?.id ?? made.find((field) => field.type === 'choice')?.id ?? null),
    dateFieldId: kind === 'calendar' ? (date?.id ?? null) : null,
    filter: null,
    aggregate: kind === 'chart' ? { fn: 'count', fieldId: null } : null,
    sourceFactIds: [],
  }));
  return {
    ...emptyBlueprint(title),
    entities: [
      {
        id,
        name: entity[0],
        pluralName: entity[1],
        fields: made,
        statusFieldId: status?.id ?? null,
        sourceFactIds: [],
      },
    ],
    views,
  };
}

interface Case {
  request: string;
  blueprint: Blueprint;
  expectType: string;
  expectFields: string[];
  expectViews: string[];
}

const cases: Case[] = [
  {
    request: 'Our makerspace lends tools to members: each tool has a name, a category and a condition.',
    blueprint: blueprintOf(
      'Tool Library',
      ['Tool', 'Tools'],
      [
        ['Name', 'text'],
        ['Category', 'text'],
        ['Condition', 'choice', ['Good', 'Worn', 'Broken']],
        ['Member', 'reference'],
      ],
    ),
    expectType: 'Tool',
    expectFields: ['name', 'category', 'condition', 'member'],
    expectViews: [],
  },
  {
    request: 'A complaint log for our hotel front desk',
    blueprint: blueprintOf(
      'Complaint Log',
      ['Complaint', 'Complaints'],
      [
        ['Guest Name', 'text'],
        ['Room Number', 'text'],
        ['Category', 'choice', ['Noise', 'Cleanliness', 'Billing']],
        ['Severity', 'choice', ['Low', 'Medium', 'High']],
        ['Resolved', 'boolean'],
      ],
    ),
    expectType: 'Complaint',
    expectFields: ['guestName', 'roomNumber', 'category', 'severity', 'resolved'],
    expectViews: [],
  },
  {
    request: 'Track our marketing campaigns with a chart of leads per channel',
    blueprint: blueprintOf(
      'Campaigns',
      ['Campaign', 'Campaigns'],
      [
        ['Name', 'text'],
        ['Channel', 'choice', ['Email', 'Social', 'Search']],
        ['Budget', 'money'],
        ['Start Date', 'date'],
        ['End Date', 'date'],
        ['Leads Generated', 'number'],
      ],
      { views: ['chart'] },
    ),
    expectType: 'Campaign',
    expectFields: ['name', 'channel', 'budget', 'startDate', 'endDate', 'leadsGenerated'],
    expectViews: ['Dashboard'],
  },
  {
    request: 'Bug tracker for our developers with a kanban board',
    blueprint: blueprintOf(
      'Bugs',
      ['Bug', 'Bugs'],
      [
        ['Title', 'text'],
        ['Severity', 'choice', ['Minor', 'Major', 'Critical']],
        ['Reported By', 'person'],
        ['Steps To Reproduce', 'longText'],
      ],
      { statuses: ['Open', 'In Progress', 'Fixed'], views: ['board'] },
    ),
    expectType: 'Bug',
    expectFields: ['title', 'severity', 'reportedBy', 'stepsToReproduce'],
    expectViews: ['StatusBoard'],
  },
  {
    request: 'Our dental clinic receptionists schedule patient appointments on a calendar',
    blueprint: blueprintOf(
      'Appointments',
      ['Appointment', 'Appointments'],
      [
        ['Patient', 'text'],
        ['Date And Time', 'dateTime'],
        ['Provider', 'person'],
        ['Phone Number', 'phone'],
      ],
      { statuses: ['Scheduled', 'Confirmed', 'Completed', 'No-show'], views: ['calendar'] },
    ),
    expectType: 'Appointment',
    expectFields: ['patient', 'dateAndTime', 'provider', 'phoneNumber'],
    expectViews: ['CalendarView', 'StatusBoard'],
  },
  {
    request: 'Inventory of our warehouse items',
    blueprint: blueprintOf(
      'Stock',
      ['Item', 'Items'],
      [
        ['Name', 'text'],
        ['SKU', 'text'],
        ['Quantity', 'number'],
        ['Reorder Level', 'number'],
      ],
    ),
    expectType: 'ItemRecord',
    expectFields: ['name', 'sku', 'quantity', 'reorderLevel'],
    expectViews: [],
  },
  {
    request: 'A CRM for our sales deals with a board by stage and a chart of deal value',
    blueprint: blueprintOf(
      'Deals',
      ['Deal', 'Deals'],
      [
        ['Company', 'text'],
        ['Contact Email', 'email'],
        ['Deal Value', 'money'],
      ],
      { statuses: ['Lead', 'Proposal', 'Won', 'Lost'], views: ['board', 'chart'] },
    ),
    expectType: 'Deal',
    expectFields: ['company', 'contactEmail', 'dealValue'],
    expectViews: ['StatusBoard', 'Dashboard'],
  },
  {
    request: 'Plant watering schedule for the office',
    blueprint: blueprintOf(
      'Plants',
      ['Plant', 'Plants'],
      [
        ['Name', 'text'],
        ['Location', 'text'],
        ['Water Every Days', 'number'],
        ['Last Watered', 'date'],
      ],
      { views: ['calendar'] },
    ),
    expectType: 'Plant',
    expectFields: ['name', 'location', 'waterEveryDays', 'lastWatered'],
    expectViews: ['CalendarView'],
  },
  {
    request: 'A reading list',
    blueprint: blueprintOf(
      'Reading List',
      ['Book', 'Books'],
      [
        ['Title', 'text'],
        ['Author', 'text'],
        ['Website', 'url'],
      ],
      { statuses: ['Want To Read', 'Reading', 'Finished'] },
    ),
    expectType: 'Book',
    expectFields: ['title', 'author', 'website'],
    expectViews: ['StatusBoard'],
  },
  {
    request: 'Collect customer feedback',
    blueprint: blueprintOf(
      'Feedback',
      ['Feedback Entry', 'Feedback Entries'],
      [
        ['Customer', 'text'],
        ['Rating', 'number'],
        ['Comment', 'longText'],
        ['Received On', 'date'],
      ],
      { views: ['chart'] },
    ),
    expectType: 'FeedbackEntry',
    expectFields: ['customer', 'rating', 'comment', 'receivedOn'],
    expectViews: ['Dashboard'],
  },
];

const model: Model = createOfflineModel({ handlers: offlineGenerationHandlers });
const verifier = createTestVerifier();
afterAll(() => verifier.close());

async function build(testCase: Case) {
  const events: NewEvent[] = [];
  const result = await generateApp(
    { model, verifier },
    {
      request: testCase.request,
      kind: 'create',
      ledger: [],
      blueprint: testCase.blueprint,
      currentVersion: null,
    },
    { emit: async (event) => void events.push(event) },
  );
  return { result, events };
}

describe('offline generation', () => {
  it('builds ten different, valid apps from ten different blueprints, in their words', async () => {
    const appFiles: string[] = [];
    for (const testCase of cases) {
      const { result, events } = await build(testCase);
      expect(result.ok, `${testCase.request}: ${JSON.stringify(!result.ok && result.problems)}`).toBe(true);
      expect(events.filter((event) => event.type === 'fix_started')).toEqual([]);
      const file = (path: string) => result.files.find((candidate) => candidate.path === path)?.content ?? '';
      if (testCase.expectType)
        expect(file('src/types.ts')).toContain(`export interface ${testCase.expectType} {`);
      for (const key of testCase.expectFields)
        expect(file('src/types.ts'), testCase.request).toContain(`  ${key}: `);
      for (const view of testCase.expectViews)
        expect(file('src/App.tsx'), testCase.request).toContain(`<${view} `);
      expect(file('src/lib/useRecords.ts')).toContain('localStorage');
      expect(file('src/styles.css')).toContain('prefers-color-scheme: dark');
      // The blueprint's words reach the app: every field's label and every option, as data.
      const data = file('src/app-data.ts');
      for (const field of testCase.blueprint.entities[0]?.fields ?? []) {
        if (field.id !== testCase.blueprint.entities[0]?.statusFieldId)
          expect(data, testCase.request).toContain(field.name);
        for (const option of field.options) expect(data, testCase.request).toContain(option);
      }
      expect(data).toContain(testCase.blueprint.title);
      appFiles.push(file('src/App.tsx') + file('src/types.ts') + file('src/config.ts'));
    }
    expect(new Set(appFiles).size).toBe(cases.length);
  }, 60_000);

  it("applies a change: the changed blueprint's new field and board, CSV export, the same stored records", async () => {
    const base = cases[5] as Case;
    const { result } = await build(base);
    const request = 'Add a supplier field and CSV export, and show a board by status';
    const changed = structuredClone(base.blueprint);
    const item = changed.entities[0];
    if (!item) throw new Error('no entity');
    const field = (id: string, name: string, type: Field['type'], options: string[] = []): Field => ({
      id,
      name,
      type,
      options,
      required: false,
      referenceEntityId: null,
      range: null,
      sourceFactIds: [],
    });
    item.fields.push(
      field('item-supplier', 'Supplier', 'text'),
      field('item-status', 'Status', 'choice', ['In Stock', 'Low']),
    );
    item.statusFieldId = 'item-status';
    const events: NewEvent[] = [];
    const next = await generateApp(
      { model, verifier },
      { request, kind: 'change', ledger: [], blueprint: changed, currentVersion: { files: result.files } },
      { emit: async (event) => void events.push(event) },
    );
    expect(next.ok).toBe(true);
    const file = (files: typeof next.files, path: string) =>
      files.find((candidate) => candidate.path === path)?.content ?? '';
    expect(file(next.files, 'src/types.ts')).toContain('  supplier: string;');
    expect(file(next.files, 'src/config.ts')).toContain('csvExport: true');
    expect(file(next.files, 'src/App.tsx')).toContain('<StatusBoard ');
    expect(specFromFiles(next.files)?.storageKey).toBe(specFromFiles(result.files)?.storageKey);
    // Only files that changed are written; untouched ones (the stylesheet) are not.
    const written = events.flatMap((event) => (event.type === 'file_written' ? [event.data.path] : []));
    expect(written).not.toContain('src/styles.css');
  }, 30_000);

  it('answers the fix task with no changes, and nothing for tasks it does not own', async () => {
    const { result } = await build(cases[0] as Case);
    expect(
      answerOfflineGenerationTask(generationTasks.fix, {
        request: 'x',
        ledger: [],
        blueprint: null,
        attempt: 1,
        files: result.files,
        problems: [{ path: 'src/App.tsx', line: 1, message: 'x', source: 'types' }],
      }),
    ).toEqual({ files: [], deletedPaths: [] });
    expect(answerOfflineGenerationTask('questioning.decide', {})).toBeUndefined();
    expect((await validateApp(result.files, { verifier })).ok).toBe(true);
  }, 30_000);
});
