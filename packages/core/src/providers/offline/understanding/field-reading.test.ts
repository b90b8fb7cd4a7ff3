import { describe, expect, it } from 'vitest';
import { entity, field, read, statusOf } from './understanding-fixture.ts';

describe('options written with slashes', () => {
  it('are the options of the choice word before them, glued or spaced', () => {
    const rooms = entity(read('Each room has a number, a bed size single/double/king and a view.'), 'Room');
    expect(field(rooms, 'Bed Size')).toMatchObject({ type: 'choice', options: ['Single', 'Double', 'King'] });

    const parcels = entity(
      read('Each parcel has a sender, a weight in kg and a delivery method post / courier / collection.'),
      'Parcel',
    );
    expect(field(parcels, 'Delivery Method')).toMatchObject({
      type: 'choice',
      options: ['Post', 'Courier', 'Collection'],
    });

    const donors = entity(
      read('Donors have a name, a blood type A/B/AB/O and a last donation date.'),
      'Donor',
    );
    expect(field(donors, 'Blood Type').options).toEqual(['A', 'B', 'AB', 'O']);
  });

  it('join two names into one field when no choice word asks for options', () => {
    const cars = entity(read('Each car has a plate, a make/model and a colour.'), 'Car');
    expect(cars.fields.map((f) => f.name)).toContain('Make/model');
    expect(cars.fields.every((f) => f.options.length === 0)).toBe(true);
  });
});

describe('yes/no written as a choice', () => {
  it('is a yes-or-no field, slashed, bracketed or spelled out', () => {
    const bookings = entity(
      read(
        'Each booking has a guest, an arrival date, deposit taken yes/no, parking needed (y/n) and pets (yes or no).',
      ),
      'Booking',
    );
    expect(field(bookings, 'Deposit Taken').type).toBe('boolean');
    expect(field(bookings, 'Parking Needed').type).toBe('boolean');
    expect(field(bookings, 'Pets').type).toBe('boolean');
    const trials = entity(
      read('Each trial has a site, a start date and consent given (true/false).'),
      'Trial',
    );
    expect(field(trials, 'Consent Given')).toMatchObject({ type: 'boolean', options: [] });
  });
});

describe('money stated by its currency', () => {
  it('types a field money from a symbol or code in brackets or after "in"', () => {
    const trips = entity(
      read('Each trip has a destination, a fare (USD), a hire in € and a subscription (£).'),
      'Trip',
    );
    expect(field(trips, 'Fare').type).toBe('money');
    expect(field(trips, 'Hire').type).toBe('money');
    expect(field(trips, 'Subscription')).toMatchObject({ type: 'money', options: [] });
  });

  it('reads a rate charged per stretch of time or per piece as money', () => {
    const tutors = entity(
      read('Tutors have a name, a subject, an hourly rate, a nightly rate and a rate per page.'),
      'Tutor',
    );
    expect(field(tutors, 'Hourly Rate').type).toBe('money');
    expect(field(tutors, 'Nightly Rate').type).toBe('money');
    expect(field(tutors, 'Rate per Page').type).toBe('money');
  });
});

describe('units written as a ratio', () => {
  it('make a measure, never options', () => {
    const doses = entity(
      read('Each dose has a patient, a drug, an amount (mg/kg), a drip flow (ml/min) and a discount (%).'),
      'Dose',
    );
    expect(field(doses, 'Amount')).toMatchObject({ type: 'number', options: [] });
    expect(field(doses, 'Drip Flow')).toMatchObject({ type: 'number', options: [] });
    expect(field(doses, 'Discount')).toMatchObject({ type: 'number', options: [] });
    const rides = entity(read('Each ride has a rider, a top speed (km/h) and a date.'), 'Ride');
    expect(field(rides, 'Top Speed').type).toBe('number');
  });
});

describe('a workflow stated on its own', () => {
  it('"Stages: a / b / c" is the main record’s ordered status, not a record type', () => {
    const blueprint = read(
      'Each article has a headline, an author and a word count. Stages: pitched / drafted / edited / live.',
    );
    expect(blueprint.entities.map((e) => e.name)).not.toContain('Stage');
    const status = statusOf(entity(blueprint, 'Article'));
    expect(status).toMatchObject({ type: 'choice', options: ['Pitched', 'Drafted', 'Edited', 'Live'] });
  });

  it('"X go a -> b -> c" gives X that status, in order', () => {
    const blueprint = read(
      'Job applications have a candidate name, a role and a CV link. Applications go submitted -> shortlisted -> interviewed -> hired.',
    );
    expect(statusOf(entity(blueprint, 'Job Application')).options).toEqual([
      'Submitted',
      'Shortlisted',
      'Interviewed',
      'Hired',
    ]);
    expect(blueprint.entities.map((e) => e.name)).not.toContain('Application');

    const repairs = read('Each repair has a bike, a price and it moves booked → fixed → collected.');
    expect(statusOf(entity(repairs, 'Repair')).options).toEqual(['Booked', 'Fixed', 'Collected']);
  });

  it('a board "going a / b / c with …" gives the records that status and leaves the rest to the other readers', () => {
    const blueprint = read(
      'need a bid pipeline for our charity, basically a kanban going drafted / submitted / won with the funder and their deadline',
    );
    const bids = entity(blueprint, 'Bid');
    expect(statusOf(bids).options).toEqual(['Drafted', 'Submitted', 'Won']);
    expect(bids.fields.map((f) => f.name)).toContain('Deadline');
    expect(bids.fields.some((f) => /drafted|going/i.test(f.name))).toBe(false);
    expect(blueprint.views.some((view) => view.kind === 'board' && view.entityId === bids.id)).toBe(true);
  });

  it('"the phases are a, b and c" and "Priority: low, medium, high" are fields of the main record', () => {
    const projects = read(
      'Each build project has a client and a budget. The phases are planning, building and handover.',
    );
    expect(statusOf(entity(projects, 'Build Project'))).toMatchObject({
      name: 'Phase',
      options: ['Planning', 'Building', 'Handover'],
    });
    const faults = read('Each fault has a machine and a description. Priority: low, medium, high.');
    expect(faults.entities.map((e) => e.name)).toEqual(['Fault']);
    expect(field(entity(faults, 'Fault'), 'Priority').options).toEqual(['Low', 'Medium', 'High']);
  });

  it('a choice closing a list after a colon keeps its options and leaves the list to its record', () => {
    const blueprint = read(
      'Each callout has a caller, an address and the urgency: routine, soon or emergency.',
    );
    const callouts = entity(blueprint, 'Callout');
    expect(field(callouts, 'Urgency').options).toEqual(['Routine', 'Soon', 'Emergency']);
    expect(callouts.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Caller', 'Address']));
    expect(callouts.fields.map((f) => f.name)).not.toContain('Routine');

    const tickets = read('Each ticket has a reporter, a screen and the state: new, triaged, fixed.');
    expect(statusOf(entity(tickets, 'Ticket')).options).toEqual(['New', 'Triaged', 'Fixed']);
  });
});

describe('a person named by what the clause says about them', () => {
  it('"the X who …" is a person', () => {
    const meals = entity(read('Each meal has a dish, a date and the cook who prepared it.'), 'Meal');
    expect(field(meals, 'Cook').type).toBe('person');
    const claims = entity(read('Claims have a policy number and the assessor who visited.'), 'Claim');
    expect(field(claims, 'Assessor').type).toBe('person');
  });

  it('"the X it’s handed to" and "which X it’s lent to" name the receiver, linked when X is a record', () => {
    const parcels = entity(read('Each parcel has a sender and the courier it is handed to.'), 'Parcel');
    expect(field(parcels, 'Courier').type).toBe('person');
    const blueprint = read(
      'Each instrument has a serial number, a condition and which volunteer it is lent to. Volunteers have a name and a phone.',
    );
    const lent = field(entity(blueprint, 'Instrument'), 'Volunteer');
    expect(lent).toMatchObject({ type: 'reference', referenceEntityId: entity(blueprint, 'Volunteer').id });
    // A thing a record is put in is no person.
    const files = entity(read('Each document has a title and which folder it is filed in.'), 'Document');
    expect(field(files, 'Folder').type).toBe('text');
  });

  it('"who signed it off" keeps the verb’s particle', () => {
    const audits = entity(read('Each audit has a site, who carried it out and who signed it off.'), 'Audit');
    expect(field(audits, 'Who Signed Off').type).toBe('person');
    expect(field(audits, 'Who Carried Out').type).toBe('person');
  });
});

describe('brackets and markers that say how a field is answered', () => {
  it('"- each a tick box" makes yes/no fields of the run of checks it closes', () => {
    const rounds = entity(
      read(
        'Each patrol has a guard, a date, doors locked, alarms tested, lights switched off - each a tick box, and any notes.',
      ),
      'Patrol',
    );
    for (const name of ['Doors Locked', 'Alarms Tested', 'Lights Switched Off'])
      expect(field(rounds, name).type).toBe('boolean');
    expect(field(rounds, 'Date').type).toBe('date');
    const kit = entity(
      read(
        'Each kit check has a van, first aid restocked, extinguisher serviced (each a checkbox) and a mileage.',
      ),
      'Kit Check',
    );
    expect(field(kit, 'First Aid Restocked').type).toBe('boolean');
    expect(field(kit, 'Extinguisher Serviced').type).toBe('boolean');
    expect(field(kit, 'Van').type).not.toBe('boolean');
  });

  it('a "whether …" question ends at its yes/no bracket, so the fields after it stay fields', () => {
    const visits = entity(
      read('Each visit has a date, whether the boiler was working (yes/no), number of radiators and a note.'),
      'Visit',
    );
    expect(field(visits, 'Boiler Working').type).toBe('boolean');
    expect(field(visits, 'Radiators').type).toBe('number');
    expect(visits.fields.map((f) => f.name)).toContain('Note');
  });

  it('a bracket opening with a subject or a condition is a remark, not options', () => {
    const stalls = entity(
      read('Each stall has a pitch (we have about 40 of them), a trader and a fee (if any).'),
      'Stall',
    );
    expect(field(stalls, 'Pitch')).toMatchObject({ options: [] });
    expect(field(stalls, 'Pitch').type).not.toBe('choice');
    expect(field(stalls, 'Fee')).toMatchObject({ type: 'money', options: [] });
  });
});
