import { describe, expect, it } from 'vitest';
import type { Blueprint, Entity, Field } from '../../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { understandText } from './understand-text.ts';

// Who uses the app, which records exist, and what is only a fragment of a sentence: each rule in
// three or more phrasings, in domains of their own.

function read(text: string): Blueprint {
  const { blueprint } = understandText({ text, base: null, focus: null });
  expect(validateBlueprint(blueprint)).toEqual([]);
  // Deterministic: the same words give the same blueprint.
  expect(understandText({ text, base: null, focus: null }).blueprint).toEqual(blueprint);
  return blueprint;
}

const names = (blueprint: Blueprint) => blueprint.entities.map((entity) => entity.name);
const audience = (blueprint: Blueprint) => blueprint.audience.map((entry) => entry.name);

function entity(blueprint: Blueprint, name: string): Entity {
  const found = blueprint.entities.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no entity ${name} in ${names(blueprint).join(', ')}`);
  return found;
}

function field(owner: Entity, name: string): Field {
  const found = owner.fields.find((candidate) => candidate.name === name);
  if (!found)
    throw new Error(`no field ${name} on ${owner.name}: ${owner.fields.map((f) => f.name).join(', ')}`);
  return found;
}

describe('audience: people said to use the app, whatever their title', () => {
  it.each([
    [
      'Deliveries: address, drop date and driver. Auditors need to see the deliveries still waiting for a signature.',
      'Auditors',
    ],
    ['Scaffolding inspections: site, inspector, date. The site office manages it.', 'Site Office'],
    ['Wedding flower orders: couple, venue, event date. The florists want a calendar of orders.', 'Florists'],
    ['Crowd incidents: stand, time, description. Stewards will use this on match days.', 'Stewards'],
    [
      'Breakdown jobs: vehicle, location, reported time. Dispatchers should be able to see jobs by region.',
      'Dispatchers',
    ],
    [
      'Prescription refills: patient, medicine, due date. The pharmacist on duty needs to check it every morning.',
      'Pharmacist on Duty',
    ],
  ])('%s → %s', (text, who) => {
    const blueprint = read(text);
    expect(audience(blueprint)).toContain(who);
    // The users are no records of their own.
    expect(names(blueprint).some((name) => who.toLowerCase().startsWith(name.toLowerCase()))).toBe(false);
  });

  it('reads every one of a coordinated subject, in order, and makes none of them a record', () => {
    const parcels = read(
      'Parcels: recipient, weight, postcode. The drivers and the warehouse desk both use it.',
    );
    expect(audience(parcels)).toEqual(['Drivers', 'Warehouse Desk']);
    expect(names(parcels)).toEqual(['Parcel']);
    const rota = read(
      'Shift rota: date, start time, role. The chefs, the porters and the duty manager all use it.',
    );
    expect(audience(rota)).toEqual(expect.arrayContaining(['Chefs', 'Porters', 'Duty Manager']));
    expect(names(rota).some((name) => /chef|porter/i.test(name))).toBe(false);
  });

  it('a field named after the users holds a person, not a link to an empty record', () => {
    const blueprint = read('Hair salon bookings: client, stylist, date. The stylists use it.');
    expect(audience(blueprint)).toEqual(['Stylists']);
    expect(names(blueprint)).toEqual(['Hair Salon Booking']);
    expect(field(entity(blueprint, 'Hair Salon Booking'), 'Stylist')).toMatchObject({
      type: 'person',
      referenceEntityId: null,
    });
  });

  it('keeps a record the person described even when its people also use the app', () => {
    const blueprint = read('Volunteers: name, phone. Volunteers use it to sign up for shifts.');
    expect(field(entity(blueprint, 'Volunteer'), 'Phone').type).toBe('phone');
    expect(audience(blueprint)).toContain('Volunteers');
  });

  it('reads the person’s own role: "for me as …", "I am the …"', () => {
    const log = read('A reading log just for me as editor: title, author, date read.');
    expect(audience(log)).toEqual(['Editor']);
    expect(log.sharing).toBe('private');
    expect(audience(read('I am the head coach. Track training sessions: date, venue.'))).toEqual([
      'Head Coach',
    ]);
    expect(audience(read('Kit list for the tour, only for me as tour manager.'))).toEqual(['Tour Manager']);
  });
});

describe('staff making the records already named: no join record, no entity for them', () => {
  it.each([
    ['Grooming sessions: dog name, date and time. The groomers book them.', 'Grooming Session', 'Groomers'],
    ['Consultations: client, date and time. The secretary reserves them.', 'Consultation', 'Secretary'],
    [
      'Physio appointments: patient, date, time. Receptionists book them over the phone.',
      'Physio Appointment',
      'Receptionists',
    ],
  ])('%s', (text, record, who) => {
    const blueprint = read(text);
    expect(names(blueprint)).toEqual([record]);
    expect(audience(blueprint)).toEqual([who]);
  });

  it('the clientele booking a thing is still a booking of it', () => {
    const classes = read('Classes: name, date, seats. Members book them.');
    const booking = entity(classes, 'Booking');
    expect(field(booking, 'Class')).toMatchObject({
      type: 'reference',
      referenceEntityId: entity(classes, 'Class').id,
    });
    expect(field(booking, 'Member').type).toBe('reference');
    const pitches = read(
      'Campsite pitches: number, size. Customers book them for a start date and an end date.',
    );
    expect(field(entity(pitches, 'Booking'), 'Campsite Pitch').type).toBe('reference');
  });
});

describe('copulas: what a record is, never a record named with the sentence', () => {
  it('"X is for one Y with …": a reference to Y when it is a record, and the fields on X', () => {
    const blueprint = read(
      'Warehouses have a name and a city. A shipment is for one warehouse with a dispatch date and a weight.',
    );
    expect(names(blueprint)).toEqual(['Warehouse', 'Shipment']);
    const shipment = entity(blueprint, 'Shipment');
    expect(field(shipment, 'Warehouse')).toMatchObject({
      type: 'reference',
      referenceEntityId: entity(blueprint, 'Warehouse').id,
    });
    expect(field(shipment, 'Dispatch Date').type).toBe('date');
    const tables = read(
      'Each diner has a name and a phone. Every reservation is for a diner with a date and a party size.',
    );
    expect(field(entity(tables, 'Reservation'), 'Diner').type).toBe('reference');
  });

  it('"X is to Y with …": Y is a field of X', () => {
    const grants = read('Each grant is to a research group with an amount and a start date.');
    expect(names(grants)).toEqual(['Grant']);
    expect(entity(grants, 'Grant').fields.map((f) => [f.name, f.type])).toEqual([
      ['Research Group', 'text'],
      ['Amount', 'money'],
      ['Start Date', 'date'],
    ]);
  });

  it('"Xs are Ys with …": the description drops, the fields stay on X', () => {
    for (const [text, name] of [
      ['Mentors are volunteers with a name, an email and a phone.', 'Mentor'],
      ['Our drivers are contractors with a licence number and a phone.', 'Driver'],
      ['Tenants are students with a name, a university and a move-in date.', 'Tenant'],
    ] as const) {
      const blueprint = read(text);
      expect(names(blueprint)).toEqual([name]);
      expect(entity(blueprint, name).fields.length).toBeGreaterThan(1);
    }
  });

  it('never names a record with the copula', () => {
    for (const text of [
      'Sizes are small, medium or large.',
      'Each voucher is for a single guest with an expiry date.',
      'Mentors are volunteers with a name.',
    ])
      expect(names(read(text)).some((name) => /\b(is|are)\b/i.test(name))).toBe(false);
  });
});

describe('sentence fragments that are no records', () => {
  it.each([
    ['Hotel floor plan. 12 rooms, each with a room number and a floor.', 'Room'],
    ['Kennel board. 30 kennels, each with a kennel number and a size.', 'Kennel'],
    ['Allotment map. 45 plots, each with a plot number and a tenant.', 'Plot'],
  ])('a count is no part of the name: %s', (text, name) => {
    const blueprint = read(text);
    expect(names(blueprint)).toContain(name);
    expect(names(blueprint).some((candidate) => /\d/.test(candidate))).toBe(false);
  });

  it('"every time we …" is a time, not a record', () => {
    for (const text of [
      'Boiler servicing log. Every time we service a boiler we record: address, engineer, date.',
      'Every time we restock the van we note: item, quantity, date.',
      'Feeding log. Each time we feed the lambs we write down: pen, amount, time.',
    ])
      expect(names(read(text))).not.toContain('Time');
  });

  it('"needs to …", "need to find …" are verbs', () => {
    const blueprint = read(
      'Invoice register: supplier, amount, due date. Needs to be ready for audits. Need to find invoices quickly. Wants to print well.',
    );
    expect(names(blueprint)).toEqual(['Invoice']);
  });

  it('"ranked by", "sorted by" qualify the records', () => {
    expect(names(read('A table of players ranked by goals.'))).toContain('Player');
    expect(names(read('Show me a list of volunteers sorted by hours.'))).not.toContain(
      'Volunteers Sorted by Hour',
    );
    for (const name of names(read('The coaches want a table of swimmers ranked by best time.')))
      expect(name).not.toMatch(/ranked/i);
  });

  it('a record named bare after its qualified name is the same record', () => {
    for (const [text, name] of [
      ['Office plant register. Plants: name, location.', 'Office Plant'],
      ['Vintage guitar inventory. Guitars: maker, year, price.', 'Vintage Guitar'],
      ['Company car register. Cars: registration, mileage.', 'Company Car'],
    ] as const) {
      const blueprint = read(text);
      expect(names(blueprint)).toEqual([name]);
      expect(entity(blueprint, name).fields.length).toBeGreaterThan(1);
    }
  });

  it('a pronoun and its verb are no name: "I\'m the …"', () => {
    const blueprint = read("I'm the club treasurer. Membership fees: member name, amount, date paid.");
    expect(names(blueprint).some((name) => /i'm/i.test(name))).toBe(false);
    expect(audience(blueprint)).toEqual(['Club Treasurer']);
  });
});

describe('lending: the dates the person states replace the ones a verb supplies', () => {
  it('drops Lent / Returned when the loan has its own dates', () => {
    const blueprint = read(
      'We lend instruments to pupils. Each loan is to a school with a loan date, a due back date and a deposit.',
    );
    const loan = entity(blueprint, 'Loan');
    expect(loan.fields.map((f) => f.name)).not.toContain('Lent');
    expect(loan.fields.map((f) => f.name)).not.toContain('Returned');
    expect(field(loan, 'Due Back Date').type).toBe('date');
    expect(field(loan, 'School').type).toBe('text');
  });

  it('keeps them when nothing else dates the loan', () => {
    const blueprint = read('Our library lends board games to families.');
    const loan = entity(blueprint, 'Loan');
    expect(loan.fields.filter((f) => f.type === 'date').map((f) => f.name)).toEqual(['Lent', 'Returned']);
    const hire = read('Our scout group lends tents to troops. Each loan has a troop leader.');
    expect(entity(hire, 'Loan').fields.map((f) => f.name)).toContain('Returned');
  });
});

describe('scoring on criteria', () => {
  it.each([
    [
      'Bake-off entries: baker name, cake name. Judges score each cake on taste, texture and looks, each 1 to 10.',
      ['Taste', 'Texture', 'Looks'],
      'Judge',
    ],
    [
      'Essay marking: student, essay title. Examiners rate every essay for clarity and argument from 1 to 5.',
      ['Clarity', 'Argument'],
      'Examiner',
    ],
    [
      'Dog show results: dog, class. Referees score each dog on gait, coat and temperament, 0 to 20.',
      ['Gait', 'Coat', 'Temperament'],
      'Referee',
    ],
  ])('%s', (text, criteria, scorer) => {
    const blueprint = read(text);
    const owner = blueprint.entities[0] as Entity;
    for (const name of criteria) expect(field(owner, name).type).toBe('number');
    expect(field(owner, criteria[0] as string).range).not.toBeNull();
    expect(field(owner, scorer).type).toBe('person');
  });
});

describe('sharing: a business of the person’s own is not private', () => {
  it.each([
    'A job tracker for my plumbing business: customer, address, date.',
    'Stock list for my little flower shop: item, quantity, supplier.',
    'Client list for my dog grooming salon: name, phone, dog breed.',
  ])('%s', (text) => {
    expect(read(text).sharing).not.toBe('private');
  });

  it('named users make it shared, an explicit "just for me" keeps it private', () => {
    expect(read('My repair queue: bike, fault, date in. The mechanics use it.').sharing).toBe('shared');
    expect(read('My garden journal: plant, date sown, notes.').sharing).toBe('private');
    expect(read('Props list just for me as stage hand: prop, scene.').sharing).toBe('private');
  });
});
