import { describe, expect, it } from 'vitest';
import { loadCases } from '../../../../eval/run-eval.ts';
import { scoreBlueprint } from '../../../../eval/score-blueprint.ts';
import type { Blueprint, Entity, Field } from '../../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { understandText } from './understand-text.ts';

function read(text: string): Blueprint {
  const { blueprint } = understandText({ text, base: null, focus: null });
  expect(validateBlueprint(blueprint)).toEqual([]);
  return blueprint;
}

function entity(blueprint: Blueprint, name: string): Entity {
  const found = blueprint.entities.find((candidate) => candidate.name === name);
  if (!found)
    throw new Error(
      `no entity ${name} in ${blueprint.entities.map((candidate) => candidate.name).join(', ')}`,
    );
  return found;
}

function field(owner: Entity, name: string): Field {
  const found = owner.fields.find((candidate) => candidate.name === name);
  if (!found)
    throw new Error(
      `no field ${name} on ${owner.name}: ${owner.fields.map((candidate) => candidate.name).join(', ')}`,
    );
  return found;
}

const shape = (owner: Entity) =>
  owner.fields.map((candidate) => [candidate.name, candidate.type, candidate.options]);

describe('understandText: the three requests issue 10 quotes', () => {
  it('makerspace: tools, members and a loan between them, with the tools that are out right now', () => {
    const blueprint = read(
      'Our makerspace lends tools to members. Each tool has a name, a category and a condition; members check tools out and back in, and we want to see which tools are out right now and who has them.',
    );
    expect(blueprint.entities.map((candidate) => candidate.name)).toEqual(['Tool', 'Member', 'Loan']);
    const tool = entity(blueprint, 'Tool');
    expect(tool.pluralName).toBe('Tools');
    expect(tool.fields.map((candidate) => candidate.name)).toEqual(['Name', 'Category', 'Condition']);
    const loan = entity(blueprint, 'Loan');
    expect(field(loan, 'Tool')).toMatchObject({ type: 'reference', referenceEntityId: tool.id });
    expect(field(loan, 'Member')).toMatchObject({
      type: 'reference',
      referenceEntityId: entity(blueprint, 'Member').id,
    });
    const returned = loan.fields.filter((candidate) => candidate.type === 'date').pop() as Field;
    const out = blueprint.views.find((view) => view.title === 'Tools Out Right Now');
    expect(out).toMatchObject({
      kind: 'list',
      entityId: loan.id,
      filter: { kind: 'empty', fieldId: returned.id, empty: true },
    });
    // Never a template's words.
    expect(JSON.stringify(blueprint)).not.toMatch(/stockroom|in stock|low stock/i);
    expect(blueprint.sharing).toBe('shared');
    expect(blueprint.sharingSourceFactIds).not.toEqual([]);
  });

  it('hotel complaints: every stated field, the categories and severities in order', () => {
    const blueprint = read(
      'A complaint log for our hotel front desk: guest name, room number, category (noise, cleanliness, billing), severity low, medium or high, and whether it was resolved.',
    );
    expect(blueprint.title).toBe('Complaint Log');
    const complaint = entity(blueprint, 'Complaint');
    expect(shape(complaint)).toEqual([
      ['Guest Name', 'text', []],
      ['Room Number', 'number', []],
      ['Category', 'choice', ['Noise', 'Cleanliness', 'Billing']],
      ['Severity', 'choice', ['Low', 'Medium', 'High']],
      ['Resolved', 'boolean', []],
    ]);
    expect(blueprint.audience.map((audience) => audience.name)).toEqual(['Hotel Front Desk']);
    expect(JSON.stringify(blueprint)).not.toMatch(/ticket|support desk/i);
  });

  it('marketing campaigns: the channel options (no Email field from the option), both dates, leads and the chart', () => {
    const blueprint = read(
      'Track our marketing campaigns: name, channel (email, social, search), budget, start and end date, and leads generated. A chart of leads per channel.',
    );
    const campaign = entity(blueprint, 'Marketing Campaign');
    expect(shape(campaign)).toEqual([
      ['Name', 'text', []],
      ['Channel', 'choice', ['Email', 'Social', 'Search']],
      ['Budget', 'money', []],
      ['Start Date', 'date', []],
      ['End Date', 'date', []],
      ['Leads Generated', 'number', []],
    ]);
    const chart = blueprint.views.find((view) => view.kind === 'chart');
    expect(chart).toMatchObject({
      title: 'Leads per Channel',
      groupByFieldId: field(campaign, 'Channel').id,
      aggregate: { fn: 'sum', fieldId: field(campaign, 'Leads Generated').id },
    });
    expect(JSON.stringify(blueprint)).not.toMatch(/deal|pipeline/i);
  });
});

describe('understandText: derived views and relations', () => {
  it('language school: enrolments link students and classes; free seats compare the enrolments with the seats', () => {
    const blueprint = read(
      'Our language school runs classes. Each class has a name, a teacher, a level (beginner, intermediate or advanced), a start date and a number of seats. Students enrol in classes. Show which classes still have free seats.',
    );
    const course = entity(blueprint, 'Class');
    expect(field(course, 'Seats').type).toBe('number');
    expect(field(course, 'Teacher').type).toBe('person');
    const enrolment = entity(blueprint, 'Enrolment');
    const link = field(enrolment, 'Class');
    expect(blueprint.views.find((view) => view.title === 'Classes With Free Seats')?.filter).toEqual({
      kind: 'relatedCountBelow',
      relatedEntityId: enrolment.id,
      relatedFieldId: link.id,
      limitFieldId: field(course, 'Seats').id,
    });
  });

  it('plants: how often (a number of days) and when last watered (a date) make a "due today" list', () => {
    const blueprint = read(
      'Plant watering schedule for our office: each plant has a name, location, how often it needs water (in days) and when it was last watered. Show which plants need water today.',
    );
    const plant = entity(blueprint, 'Plant');
    expect(shape(plant)).toEqual([
      ['Name', 'text', []],
      ['Location', 'text', []],
      ['How Often', 'number', []],
      ['Last Watered', 'date', []],
    ]);
    expect(blueprint.views.find((view) => view.kind === 'list')?.filter).toEqual({
      kind: 'intervalDue',
      dateFieldId: field(plant, 'Last Watered').id,
      intervalFieldId: field(plant, 'How Often').id,
    });
  });

  it('statuses through stages, assignment to a technician, a board by status, the audience', () => {
    const blueprint = read(
      'Maintenance requests for our office building: each request has a location, a description, a priority (low, medium or high) and a status that goes through the stages new, assigned, in progress and done. Requests are assigned to a technician. Facilities managers want a board of requests by status.',
    );
    const request = entity(blueprint, 'Request');
    const status = field(request, 'Status');
    expect(status.options).toEqual(['New', 'Assigned', 'In Progress', 'Done']);
    expect(request.statusFieldId).toBe(status.id);
    expect(field(request, 'Technician').type).toBe('person');
    expect(field(request, 'Description').type).toBe('longText');
    expect(blueprint.views.find((view) => view.kind === 'board')).toMatchObject({
      groupByFieldId: status.id,
    });
    expect(blueprint.audience.map((audience) => audience.name)).toEqual(['Facilities Managers']);
  });

  it('past due, within the next N days, a calendar, ranges, private use', () => {
    const invoices = read(
      "Invoices for the finance team: client, invoice number, amount, issue date, due date and whether it's paid. We need a list of invoices that are past due.",
    );
    const invoice = entity(invoices, 'Invoice');
    expect(invoices.views.find((view) => view.title === 'Invoices Past Due')?.filter).toEqual({
      kind: 'date',
      fieldId: field(invoice, 'Due Date').id,
      relation: 'before_today',
      days: null,
    });
    expect(field(invoice, 'Invoice Number').type).toBe('text');
    expect(field(invoice, 'Amount').type).toBe('money');

    const contracts = read(
      'Vendor contracts: vendor, contract value, start date, renewal date and the owner in our team. Show renewals coming up in the next 60 days.',
    );
    const contract = entity(contracts, 'Vendor Contract');
    expect(contracts.views.find((view) => view.kind === 'list')?.filter).toEqual({
      kind: 'date',
      fieldId: field(contract, 'Renewal Date').id,
      relation: 'within_next_days',
      days: 60,
    });
    expect(field(contract, 'Owner').type).toBe('person');

    const rooms = read(
      'Meeting room bookings: rooms like Oak, Pine or Cedar, a start and end time, who booked it and the purpose. Show bookings on a calendar.',
    );
    const booking = entity(rooms, 'Meeting Room Booking');
    expect(field(booking, 'Room').options).toEqual(['Oak', 'Pine', 'Cedar']);
    expect(field(booking, 'Start Time').type).toBe('time');
    expect(field(booking, 'Who Booked').type).toBe('person');
    expect(rooms.views.some((view) => view.kind === 'calendar' && view.entityId === booking.id)).toBe(true);

    const recipes = read(
      'Recipes I want to cook: name, cuisine, prep time in minutes, ingredients, a link to the original and a rating from 1 to 5. Just for me.',
    );
    const recipe = entity(recipes, 'Recipe');
    expect(field(recipe, 'Rating')).toMatchObject({ type: 'number', range: { min: 1, max: 5 } });
    expect(field(recipe, 'Prep Time').type).toBe('number');
    expect(field(recipe, 'Original Link').type).toBe('url');
    expect(recipes.sharing).toBe('private');
  });

  it('a vague request makes no records and assumes nothing it was not told', () => {
    const blueprint = read('An app for my business.');
    expect(blueprint.entities).toEqual([]);
    expect(blueprint.audience).toEqual([]);
    expect(blueprint.sharingSourceFactIds).toEqual([]);
  });

  it('an entity the text gives no fields has one assumed Name field, and a default table that is assumed', () => {
    const blueprint = read('A guest list for my wedding.');
    const guest = entity(blueprint, 'Guest');
    expect(guest.fields).toMatchObject([{ name: 'Name', type: 'text', sourceFactIds: [] }]);
    expect(blueprint.views).toMatchObject([{ kind: 'table', entityId: guest.id, sourceFactIds: [] }]);
    expect(guest.sourceFactIds).not.toEqual([]);
  });
});

describe('understandText: the seed examples (../shared/eval/examples.json) keep everything they state', () => {
  for (const testCase of loadCases('requests.json').slice(0, 10)) {
    it(testCase.id, () => {
      const score = scoreBlueprint(testCase, read(testCase.prompt));
      expect(score.misses).toEqual([]);
    });
  }
});
