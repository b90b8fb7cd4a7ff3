import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../events.ts';
import { generateApp } from '../../../generation/generate-app.ts';
import { generationTasks } from '../../../generation/task-schemas.ts';
import type { Fact, FactTopic } from '../../../ledger.ts';
import type { Model } from '../../../model.ts';
import { createTestVerifier } from '../../../testing/test-verifier.ts';
import { validateApp } from '../../../validation/validate-app.ts';
import { createOfflineModel } from '../offline-model.ts';
import { answerOfflineGenerationTask, offlineGenerationHandlers } from './index.ts';

const fact = (kind: Fact['kind'], text: string, topic: FactTopic): Fact => ({
  id: randomUUID(),
  kind,
  text,
  source: { kind: 'request' },
  topic,
});

interface Case {
  request: string;
  facts: [Fact['kind'], string, FactTopic][];
  expectType: string;
  expectFields: string[];
  expectViews: string[];
}

const cases: Case[] = [
  {
    request: 'A tracker for our support tickets with priorities',
    facts: [
      ['requirement', 'Each ticket records: title, priority, assignee and description', 'fields'],
      ['requirement', 'Ticket statuses: Open → In progress → Resolved', 'workflow'],
    ],
    expectType: 'Ticket',
    expectFields: ['title', 'priority', 'assignee'],
    expectViews: ['StatusBoard'],
  },
  {
    request: 'Our dental clinic receptionists need to schedule patient appointments',
    facts: [
      [
        'requirement',
        'Each appointment records: patient, date and time, provider and phone number',
        'fields',
      ],
      ['requirement', 'Appointment statuses: Scheduled → Confirmed → Completed → No-show', 'workflow'],
      ['ui', 'Views: Calendar by day and week', 'views'],
    ],
    expectType: 'Appointment',
    expectFields: ['patient', 'dateTime', 'provider'],
    expectViews: ['CalendarView'],
  },
  {
    request: 'Inventory of our warehouse stock with low stock warnings',
    facts: [['requirement', 'Each item records: name, SKU, quantity and reorder level', 'fields']],
    expectType: 'ItemRecord',
    expectFields: ['name', 'sku', 'quantity', 'reorderLevel'],
    expectViews: [],
  },
  {
    request: 'A CRM pipeline for our sales deals with a dashboard of deal value',
    facts: [
      ['requirement', 'Each deal records: company, contact name, email and deal value', 'fields'],
      ['ui', 'Views: Pipeline board by stage; Chart of deal value by stage', 'views'],
    ],
    expectType: 'Deal',
    expectFields: ['company', 'contactName', 'dealValue'],
    expectViews: ['StatusBoard', 'Dashboard'],
  },
  {
    request: 'Hiring tracker for candidates and interviews',
    facts: [
      ['requirement', 'Candidate statuses: Applied → Screening → Interview → Offer → Hired', 'workflow'],
    ],
    expectType: 'Candidate',
    expectFields: ['name', 'email'],
    expectViews: ['StatusBoard'],
  },
  {
    request: 'Log team expenses with monthly totals and a chart by category',
    facts: [['requirement', 'Each expense records: description, amount, date and category', 'fields']],
    expectType: 'Expense',
    expectFields: ['description', 'amount', 'date', 'category'],
    expectViews: ['Dashboard'],
  },
  {
    request: 'Equipment booking: people check out cameras and laptops on a schedule',
    facts: [['requirement', 'Each asset records: name, serial number, assigned to and due date', 'fields']],
    expectType: 'Asset',
    expectFields: ['name', 'serialNumber', 'assignedTo', 'dueDate'],
    expectViews: ['CalendarView'],
  },
  {
    request: 'A content calendar for our blog posts and newsletter',
    facts: [['requirement', 'Each post records: title, channel, publish date and author', 'fields']],
    expectType: 'Post',
    expectFields: ['title', 'channel', 'publishDate', 'author'],
    expectViews: ['CalendarView'],
  },
  {
    request: 'Bug tracker for our developers with severity and a kanban board',
    facts: [
      ['requirement', 'Each ticket records: title, severity, reported by and steps to reproduce', 'fields'],
    ],
    expectType: 'Ticket',
    expectFields: ['title', 'severity', 'reportedBy'],
    expectViews: ['StatusBoard'],
  },
  {
    request: 'Collect customer feedback with a rating and a summary report',
    facts: [['requirement', 'Each feedback entry records: customer, rating, comment and date', 'fields']],
    expectType: '',
    expectFields: ['customer', 'rating', 'comment'],
    expectViews: ['Dashboard'],
  },
];

const model: Model = createOfflineModel({ handlers: offlineGenerationHandlers });
const verifier = createTestVerifier();
afterAll(() => verifier.close());

async function build(testCase: Case) {
  const ledger = [
    fact('goal', testCase.request, 'purpose'),
    ...testCase.facts.map(([kind, text, topic]) => fact(kind, text, topic)),
  ];
  const events: NewEvent[] = [];
  const result = await generateApp(
    { model, verifier },
    { request: testCase.request, kind: 'create', ledger, currentVersion: null },
    { emit: async (event) => void events.push(event) },
  );
  return { result, events, ledger };
}

describe('offline generation', () => {
  it('builds ten different, valid apps from ten different ledgers', async () => {
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
      appFiles.push(file('src/App.tsx') + file('src/types.ts') + file('src/config.ts'));
    }
    expect(new Set(appFiles).size).toBe(cases.length);
  }, 60_000);

  it('applies a change request to a built app: a new field, CSV export and a board', async () => {
    const base = cases[2] as Case;
    const { result, ledger } = await build(base);
    const request = 'Add a supplier field and CSV export, and show a board';
    const events: NewEvent[] = [];
    const changed = await generateApp(
      { model, verifier },
      { request, kind: 'change', ledger, currentVersion: { files: result.files } },
      { emit: async (event) => void events.push(event) },
    );
    expect(changed.ok).toBe(true);
    const file = (path: string) => changed.files.find((candidate) => candidate.path === path)?.content ?? '';
    expect(file('src/types.ts')).toContain('  supplier: string;');
    expect(file('src/config.ts')).toContain('csvExport: true');
    expect(file('src/App.tsx')).toContain('<StatusBoard ');
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
        attempt: 1,
        files: result.files,
        problems: [{ path: 'src/App.tsx', line: 1, message: 'x', source: 'types' }],
      }),
    ).toEqual({ files: [], deletedPaths: [] });
    expect(answerOfflineGenerationTask('questioning.decide', {})).toBeUndefined();
    expect((await validateApp(result.files, { verifier })).ok).toBe(true);
  }, 30_000);
});
