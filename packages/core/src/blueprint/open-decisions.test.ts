import { describe, expect, it } from 'vitest';
import { type Blueprint, type Entity, emptyBlueprint, type Field, type View } from './blueprint.ts';
import { openDecisions, readinessOf } from './open-decisions.ts';

const said = ['f1'];

const field = (id: string, name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: said,
  ...extra,
});

const entity = (id: string, name: string, fields: Field[], extra: Partial<Entity> = {}): Entity => ({
  id,
  name,
  pluralName: `${name}s`,
  fields,
  statusFieldId: null,
  sourceFactIds: said,
  ...extra,
});

const view = (id: string, kind: View['kind'], entityId: string, extra: Partial<View> = {}): View => ({
  id,
  kind,
  title: id,
  entityId,
  groupByFieldId: null,
  dateFieldId: null,
  filter: null,
  aggregate: null,
  sourceFactIds: said,
  ...extra,
});

/** "A complaint log for our hotel front desk: guest name, room number, category (…), severity …, resolved." */
function complaintLog(): Blueprint {
  return {
    ...emptyBlueprint('Complaint Log'),
    audience: [{ name: 'Front Desk', sourceFactIds: said }],
    entities: [
      entity('complaint', 'Complaint', [
        field('guest', 'Guest Name', 'text'),
        field('room', 'Room Number', 'text'),
        field('category', 'Category', 'choice', { options: ['Noise', 'Cleanliness', 'Billing'] }),
        field('severity', 'Severity', 'choice', { options: ['Low', 'Medium', 'High'] }),
        field('resolved', 'Resolved', 'boolean'),
      ]),
    ],
    views: [view('all', 'table', 'complaint')],
  };
}

/** "Our makerspace lends tools to members. Each tool has a name, a category and a condition; …" */
function makerspace(): Blueprint {
  return {
    ...emptyBlueprint('Tool Loans'),
    entities: [
      entity('tool', 'Tool', [
        field('tool-name', 'Name', 'text'),
        field('tool-category', 'Category', 'text'),
        field('tool-condition', 'Condition', 'choice'),
      ]),
      entity('member', 'Member', [field('member-name', 'Name', 'text', { sourceFactIds: [] })]),
      entity('loan', 'Loan', [
        field('loan-tool', 'Tool', 'reference', { referenceEntityId: 'tool' }),
        field('loan-member', 'Member', 'reference', { referenceEntityId: 'member' }),
        field('loan-out', 'Checked Out', 'date'),
      ]),
    ],
    views: [
      view('out', 'list', 'loan', {
        filter: { kind: 'empty', fieldId: 'loan-out', empty: false },
      }),
    ],
  };
}

describe('openDecisions', () => {
  it('a request with no entity yet: the top decision is what the app keeps track of, readiness < 50', () => {
    const blueprint = emptyBlueprint();
    const open = openDecisions(blueprint, { jobKind: 'create' });
    expect(open[0]?.kind).toBe('records');
    expect(open.map((decision) => decision.kind)).toEqual(['records', 'audience', 'sharing']);
    expect(readinessOf(blueprint, { jobKind: 'create' })).toBeLessThan(50);
  });

  it('a vague request naming its users is still below 50', () => {
    const blueprint = { ...emptyBlueprint(), audience: [{ name: 'My Team', sourceFactIds: said }] };
    expect(readinessOf(blueprint, { jobKind: 'create' })).toBeLessThan(50);
    expect(openDecisions(blueprint, { jobKind: 'create' }).map((decision) => decision.kind)).toEqual([
      'records',
    ]);
  });

  it('a well-specified request has nothing heavy left and readiness ≥ 80', () => {
    const blueprint = complaintLog();
    expect(openDecisions(blueprint, { jobKind: 'create' })).toEqual([]);
    expect(readinessOf(blueprint, { jobKind: 'create' })).toBe(100);
    const noAudience = { ...blueprint, audience: [] };
    expect(openDecisions(noAudience, { jobKind: 'create' }).map((decision) => decision.kind)).toEqual([
      'audience',
      'sharing',
    ]);
    expect(readinessOf(noAudience, { jobKind: 'create' })).toBeGreaterThanOrEqual(80);
  });

  it('ranks the main gaps of the makerspace: a member with only a name, then the conditions', () => {
    const open = openDecisions(makerspace(), { jobKind: 'create' });
    expect(open.map((decision) => decision.id)).toEqual([
      'entity_fields:member',
      'choice_options:tool-condition',
      'audience',
      'sharing',
    ]);
    expect(open[0]?.summary).toBe('What each Member records');
    // The loan's dates are read by the "out right now" list: no calendar question.
    expect(open.some((decision) => decision.kind === 'date_view')).toBe(false);
  });

  it('an entity with only a name is open, whatever the name field is called', () => {
    const blueprint = {
      ...emptyBlueprint(),
      entities: [entity('plant', 'Plant', [field('plant-name', 'Plant Name', 'text')])],
    };
    expect(openDecisions(blueprint, { jobKind: 'create' })[0]?.id).toBe('entity_fields:plant');
  });

  it('a status field without options outranks another choice, and is settled by its options', () => {
    const withStatus = (options: string[]): Blueprint => ({
      ...emptyBlueprint(),
      audience: [{ name: 'Dispatchers', sourceFactIds: said }],
      entities: [
        entity(
          'job',
          'Job',
          [
            field('job-title', 'Title', 'text'),
            field('job-kind', 'Kind', 'choice'),
            field('job-status', 'Status', 'choice', { options }),
          ],
          { statusFieldId: 'job-status' },
        ),
      ],
    });
    expect(openDecisions(withStatus([]), { jobKind: 'create' }).map((decision) => decision.id)).toEqual([
      'choice_options:job-status',
      'choice_options:job-kind',
    ]);
    expect(openDecisions(withStatus(['New', 'Done']), { jobKind: 'create' })[0]?.id).toBe(
      'choice_options:job-kind',
    );
  });

  it('a stated date with no view on it asks for one; a calendar settles it; assumed dates ask nothing', () => {
    const campaigns = (views: View[], sourced = said): Blueprint => ({
      ...emptyBlueprint(),
      audience: [{ name: 'Marketing', sourceFactIds: said }],
      entities: [
        entity('campaign', 'Campaign', [
          field('campaign-name', 'Name', 'text'),
          field('campaign-budget', 'Budget', 'money'),
          field('campaign-start', 'Start Date', 'date', { sourceFactIds: sourced }),
        ]),
      ],
      views,
    });
    expect(openDecisions(campaigns([]), { jobKind: 'create' }).map((decision) => decision.id)).toEqual([
      'date_view:campaign-start',
    ]);
    expect(openDecisions(campaigns([view('cal', 'calendar', 'campaign')]), { jobKind: 'create' })).toEqual(
      [],
    );
    expect(openDecisions(campaigns([], []), { jobKind: 'create' })).toEqual([]);
  });

  it('a person field is an open relation until asked', () => {
    const blueprint: Blueprint = {
      ...complaintLog(),
      entities: [
        entity('repair', 'Repair', [
          field('repair-title', 'Title', 'text'),
          field('repair-tech', 'Technician', 'person'),
        ]),
      ],
    };
    expect(openDecisions(blueprint, { jobKind: 'create' }).map((decision) => decision.id)).toEqual([
      'relation:repair-tech',
    ]);
    expect(
      openDecisions(blueprint, { jobKind: 'create', askedDecisionIds: ['relation:repair-tech'] }),
    ).toEqual([]);
  });

  it('never reopens an asked decision, even if its answer left the blueprint unchanged', () => {
    const blueprint = makerspace();
    const asked = ['entity_fields:member', 'choice_options:tool-condition'];
    const open = openDecisions(blueprint, { jobKind: 'create', askedDecisionIds: asked });
    expect(open.map((decision) => decision.id)).toEqual(['audience', 'sharing']);
    expect(readinessOf(blueprint, { jobKind: 'create', askedDecisionIds: asked })).toBeGreaterThan(
      readinessOf(blueprint, { jobKind: 'create' }),
    );
  });

  it('sharing is open only when neither said nor implied by named users', () => {
    const base = { ...complaintLog(), audience: [] };
    expect(openDecisions(base, { jobKind: 'create' }).some((decision) => decision.kind === 'sharing')).toBe(
      true,
    );
    const said = { ...base, sharing: 'private' as const, sharingSourceFactIds: ['f9'] };
    expect(openDecisions(said, { jobKind: 'create' }).some((decision) => decision.kind === 'sharing')).toBe(
      false,
    );
    const assumedUsers = { ...base, audience: [{ name: 'Staff', sourceFactIds: [] }] };
    expect(
      openDecisions(assumedUsers, { jobKind: 'create' }).some((decision) => decision.kind === 'sharing'),
    ).toBe(true);
  });

  it('a change job: open while nothing changed, then only what the change added is open', () => {
    const base = makerspace();
    const context = { jobKind: 'change' as const, base };
    expect(openDecisions(base, context).map((decision) => decision.kind)).toEqual(['change']);
    expect(readinessOf(base, context)).toBe(0);

    const changed = structuredClone(base);
    changed.entities.push(entity('staff', 'Staff', [field('staff-name', 'Name', 'text')]));
    changed.entities[0]?.fields.push(field('tool-state', 'State', 'choice'));
    expect(openDecisions(changed, context).map((decision) => decision.id)).toEqual([
      'entity_fields:staff',
      'choice_options:tool-state',
    ]);
    // The base's own gaps (member fields, conditions, audience) were settled when it was built.
    expect(readinessOf(changed, context)).toBeGreaterThan(50);

    const renamed = structuredClone(base);
    if (renamed.entities[0]) renamed.entities[0].name = 'Equipment';
    expect(openDecisions(renamed, context)).toEqual([]);
    expect(readinessOf(renamed, context)).toBe(100);
  });

  it('re-reading the same words is not a change (sources do not count)', () => {
    const base = makerspace();
    const reread = structuredClone(base);
    for (const item of reread.entities) item.sourceFactIds = ['other'];
    expect(openDecisions(reread, { jobKind: 'change', base }).map((decision) => decision.kind)).toEqual([
      'change',
    ]);
  });
});
