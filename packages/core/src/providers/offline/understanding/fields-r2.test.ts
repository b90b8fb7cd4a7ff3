import { describe, expect, it } from 'vitest';
import type { Blueprint, View } from '../../../blueprint/blueprint.ts';
import { entity, field, fieldsOf, read } from './understanding-fixture.ts';

// Round 2 of the field readings (issue 10): each rule is a phrasing class, tried in several
// wordings and domains that the eval sets do not use.

function view(blueprint: Blueprint, kind: View['kind']): View {
  const found = blueprint.views.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(`no ${kind} view in ${blueprint.views.map((v) => v.title).join(', ')}`);
  return found;
}

describe('options keep the words that carry their meaning', () => {
  it('keeps "this", "next" and "last" at the start of an option', () => {
    const shipments = fieldsOf(
      'Each shipment has a carrier, a delivery window (today, tomorrow, this week) and a weight.',
      'Shipment',
    );
    expect(field(shipments, 'Delivery Window').options).toEqual(['Today', 'Tomorrow', 'This Week']);

    const chores = fieldsOf(
      'Each chore has a deadline (this month, next month or later) and a room.',
      'Chore',
    );
    expect(field(chores, 'Deadline').options).toEqual(['This Month', 'Next Month', 'Later']);

    const reviews = fieldsOf(
      'Reviews: reviewer, period (last quarter, this quarter, next quarter), summary.',
      'Review',
    );
    expect(field(reviews, 'Period').options).toEqual(['Last Quarter', 'This Quarter', 'Next Quarter']);
  });

  it('keeps a one-letter option that reads like an article', () => {
    const pupils = fieldsOf('Each pupil has a grade (A, B, C) and a tutor group.', 'Pupil');
    expect(field(pupils, 'Grade').options).toEqual(['A', 'B', 'C']);

    const seats = fieldsOf('Seats: row, block (A, B or C), price in £.', 'Seat');
    expect(field(seats, 'Block').options).toEqual(['A', 'B', 'C']);

    const still = fieldsOf('Each answer has a question, an option (a, b, c or d) and a mark.', 'Answer');
    expect(field(still, 'Option').options).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('a number range written with a dash or inside a bracket', () => {
  it('makes a number field with that range, whatever the name starts with', () => {
    const matches = fieldsOf('Each match has a venue, how tense it felt 1-10 and a referee.', 'Match');
    expect(field(matches, 'How Tense It Felt')).toMatchObject({ type: 'number', range: { min: 1, max: 10 } });

    const samples = fieldsOf('Each tasting has a wine, sweetness (1-5) and a note.', 'Tasting');
    expect(field(samples, 'Sweetness')).toMatchObject({ type: 'number', range: { min: 1, max: 5 } });

    const sleep = fieldsOf('My sleep diary: date, how rested I was 0–10, hours slept.', 'Sleep Diary');
    expect(field(sleep, 'How Rested I Was')).toMatchObject({ type: 'number', range: { min: 0, max: 10 } });
  });
});

describe('people named by a clause or a bracket', () => {
  it('reads "who was involved", "who is on call" with the copula and what follows it', () => {
    const reports = fieldsOf('Each report has a location, who was involved and a summary.', 'Report');
    expect(field(reports, 'Who Was Involved').type).toBe('person');

    const tickets = fieldsOf('Each outage has a start time, who is on call and a cause.', 'Outage');
    expect(field(tickets, 'Who Is on Call').type).toBe('person');

    const meetings = fieldsOf('Each meeting has a date, who was present and the minutes.', 'Meeting');
    expect(field(meetings, 'Who Was Present').type).toBe('person');
  });

  it('reads a bracket that says who fills the field as a person, not as options', () => {
    const sample = fieldsOf(
      'Each sample has a batch, checked off by (the inspector) and an owner (who is holding it).',
      'Sample',
    );
    expect(field(sample, 'Checked Off By')).toMatchObject({ type: 'person', options: [] });
    expect(field(sample, 'Owner')).toMatchObject({ type: 'person', options: [] });

    const permits = fieldsOf('Permits: address, countersigned by (a supervisor), expiry date.', 'Permit');
    expect(field(permits, 'Countersigned By')).toMatchObject({ type: 'person', options: [] });

    const chores = fieldsOf('Each chore has a room and a helper (who does it this week).', 'Chore');
    expect(field(chores, 'Helper')).toMatchObject({ type: 'person', options: [] });
  });
});

describe('a field asked as "what … is"', () => {
  it('is named by its noun when the copula closes it, and by the question when the copula opens it', () => {
    const faults = fieldsOf('Each fault has a machine, what the problem is and a fix.', 'Fault');
    expect(faults.fields.map((f) => f.name)).toContain('Problem');

    const visits = fieldsOf('Each visit has a patient, what the complaint was and a nurse.', 'Visit');
    expect(visits.fields.map((f) => f.name)).toContain('Complaint');

    const bikes = fieldsOf("Each repair has a bike, what's wrong and a price.", 'Repair');
    expect(bikes.fields.map((f) => f.name)).toContain("What's Wrong");
    expect(bikes.fields.map((f) => f.name)).not.toContain("'s Wrong");
  });
});

describe('a clause of time after a field', () => {
  it('is cut from the name, so the currency before it still says money', () => {
    const invoices = fieldsOf("Each invoice has a client and the total in £ once it's paid.", 'Invoice');
    expect(field(invoices, 'Total').type).toBe('money');

    const bookings = fieldsOf('Each booking has a guest and a refund in € if they cancel.', 'Booking');
    expect(field(bookings, 'Refund').type).toBe('money');

    const races = fieldsOf(
      'Each race has a runner and a finishing time in minutes when they finish.',
      'Race',
    );
    expect(field(races, 'Finishing Time').type).toBe('number');
  });
});

describe('yes or no written out after a field', () => {
  it('is one yes/no field, not a choice and a stray item', () => {
    const reports = fieldsOf('Each report has a location, damage yes or no and a photo.', 'Report');
    expect(field(reports, 'Damage').type).toBe('boolean');
    expect(reports.fields.map((f) => f.name)).not.toContain('No');

    const lambs = fieldsOf('Lambs: tag, born on, twin y or n, weight in kg.', 'Lamb');
    expect(field(lambs, 'Twin').type).toBe('boolean');

    const tenants = fieldsOf('Each tenant has a name, pets no or yes and a rent.', 'Tenant');
    expect(field(tenants, 'Pets').type).toBe('boolean');
  });
});

describe('"site" is a place unless it is a web site', () => {
  it('types a site as text and a web site as a link', () => {
    const visits = fieldsOf('Each inspection has a site, an inspector and a web site.', 'Inspection');
    expect(field(visits, 'Site').type).toBe('text');
    expect(field(visits, 'Web Site').type).toBe('url');

    const digs = fieldsOf('Finds: excavation site, depth, material.', 'Find');
    expect(field(digs, 'Excavation Site').type).toBe('text');

    const suppliers = fieldsOf('Each supplier has a name and a website.', 'Supplier');
    expect(field(suppliers, 'Website').type).toBe('url');
  });
});

describe('measured amounts without a number word', () => {
  it('reads a plural unit and a participle, or a stock phrase, as a number', () => {
    const vans = fieldsOf('Each van has a plate, miles driven and a driver.', 'Van');
    expect(field(vans, 'Miles Driven').type).toBe('number');

    const gliders = fieldsOf('Gliders: registration, hours flown, last check.', 'Glider');
    expect(field(gliders, 'Hours Flown').type).toBe('number');

    const tanks = fieldsOf('Each tank has a fish and litres added.', 'Tank');
    expect(field(tanks, 'Litres Added').type).toBe('number');

    const yarn = fieldsOf('Each yarn has a colour, a fibre and skeins in stock.', 'Yarn');
    expect(field(yarn, 'Skeins in Stock').type).toBe('number');
  });
});

describe('a moment named by what happened then', () => {
  it('is a date: "the day it arrived", "the week we sowed them", "the month they joined"', () => {
    const parcels = fieldsOf('Each parcel has a sender, the day it arrived and a shelf.', 'Parcel');
    expect(field(parcels, 'Day It Arrived').type).toBe('date');

    const seedlings = fieldsOf('Seedlings: variety, the week we sowed them, tray.', 'Seedling');
    expect(field(seedlings, 'Week We Sowed').type).toBe('date');

    const members = fieldsOf('Each member has a name, the month they joined and a plan.', 'Member');
    expect(field(members, 'Month They Joined').type).toBe('date');
  });
});

describe('a chart named by what it shows', () => {
  it('reads "show weekly X on a chart" as a chart of X over the date, titled in those words', () => {
    const rides = read(
      'A log of my cycling rides: date, distance in km, average speed. Show weekly distance on a chart.',
    );
    const ride = entity(rides, 'Cycling Ride');
    const chart = view(rides, 'chart');
    expect(chart.title).toBe('Weekly Distance');
    expect(chart.dateFieldId).toBe(field(ride, 'Date').id);
    expect(chart.aggregate).toEqual({ fn: 'sum', fieldId: field(ride, 'Distance').id });

    const sales = read('Shop sales: date, product, amount in £. I want to see monthly sales as a graph.');
    expect(view(sales, 'chart')).toMatchObject({ title: 'Monthly Sales', groupByFieldId: null });

    const hives = read(
      'Each hive check has a date and honey weight in kg. Display yearly honey weight in a chart.',
    );
    const check = entity(hives, 'Hive Check');
    expect(view(hives, 'chart')).toMatchObject({
      title: 'Yearly Honey Weight',
      aggregate: { fn: 'sum', fieldId: field(check, 'Honey Weight').id },
    });
  });
});

describe('a wish after a view', () => {
  it('is not part of what the view shows', () => {
    const walks = read('Each walk has a dog and a date. A calendar of walks would be great.');
    expect(view(walks, 'calendar').title).toBe('Walks Calendar');
    expect(walks.entities.map((e) => e.name)).toEqual(['Walk']);

    const lessons = read('Each lesson has a pupil and a date. A calendar of lessons per teacher would help.');
    expect(view(lessons, 'calendar').title).toBe('Lessons Calendar');

    const sales = read('Each sale has a region and an amount in $. A chart of sales per region please.');
    expect(view(sales, 'chart').title).toBe('Sales per Region');
  });
});

describe('a workflow whose subject is the workflow word', () => {
  it('is the status of the main record (or of the owner named), never a record type "Status"', () => {
    const repairs = read('Each repair has a bike. The status goes in -> waiting for parts -> ready.');
    expect(repairs.entities.map((e) => e.name)).toEqual(['Repair']);
    const repair = entity(repairs, 'Repair');
    expect(field(repair, 'Status').options).toEqual(['In', 'Waiting for Parts', 'Ready']);
    expect(repair.statusFieldId).toBe(field(repair, 'Status').id);

    const locks = read('Each call-out has an address and a fee and then its status goes booked -> done.');
    expect(locks.entities.map((e) => e.name)).toEqual(['Call-Out']);
    expect(entity(locks, 'Call-Out').fields.map((f) => f.name)).toEqual(['Address', 'Fee', 'Status']);

    const parcels = read(
      "Parcels have a sender and a weight. A parcel's stage moves sorted -> loaded -> delivered.",
    );
    expect(parcels.entities.map((e) => e.name)).toEqual(['Parcel']);
    expect(field(entity(parcels, 'Parcel'), 'Stage').options).toEqual(['Sorted', 'Loaded', 'Delivered']);
  });
});
