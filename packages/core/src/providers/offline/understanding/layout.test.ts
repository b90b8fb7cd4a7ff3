import { describe, expect, it } from 'vitest';
import { layoutText, sentenceUnits } from './layout.ts';
import { entity, fieldNames, read } from './understanding-fixture.ts';

// Requests in other words and domains than the eval sets: each rule is a reading of a phrasing
// class (a lead-in with bullets, a numbered line per record type, …), so each is tried three ways.

describe('layoutText: the lines of a request as units', () => {
  it('joins a lead-in and its bullet items into one list', () => {
    expect(layoutText('For each tenant:\n- full name\n- unit number\n- move-in date')).toBe(
      'For each tenant: full name, unit number, move-in date.',
    );
    expect(layoutText('Per boat we log:\n* hull id\n* berth (north, south, east)\n* owner.')).toBe(
      'Per boat we log: hull id, berth (north, south, east), owner.',
    );
    expect(layoutText('Track orchids\n1) variety\n2) pot size\n3) last repotted')).toBe(
      'Track orchids: variety, pot size, last repotted.',
    );
  });

  it('keeps numbered declarations and long bullet sentences apart, markers gone', () => {
    expect(layoutText('1. Horses: name, stable\n2. Riders: name, level\n3. Lessons: horse, rider')).toBe(
      'Horses: name, stable\nRiders: name, level\nLessons: horse, rider',
    );
    expect(
      layoutText(
        'Rules:\n- members can borrow up to three books at a time and must bring them back\n- fines are a pound a week',
      ),
    ).toBe(
      'Rules:\nmembers can borrow up to three books at a time and must bring them back\nfines are a pound a week',
    );
  });

  it('ends a sentence at a line break, but joins a line that runs on', () => {
    expect(layoutText('Track our kayaks\nShow a calendar of hires')).toBe(
      'Track our kayaks\nShow a calendar of hires',
    );
    expect(layoutText('each hire has a kayak,\na customer and a date')).toBe(
      'each hire has a kayak, a customer and a date',
    );
    expect(layoutText('we record the grower and\nthe weight')).toBe('we record the grower and the weight');
  });

  it('splits a lower-case sentence after a full stop, not after an abbreviation', () => {
    expect(sentenceUnits('deposit paid yes/no. show me a chart of hires per week')).toEqual([
      'deposit paid yes/no.',
      'show me a chart of hires per week',
    ]);
    expect(sentenceUnits('a size, e.g. small or large, and a colour')).toEqual([
      'a size, e.g. small or large, and a colour',
    ]);
    expect(sentenceUnits('tools, parts etc. and their cost. also a list of suppliers')).toEqual([
      'tools, parts etc. and their cost.',
      'also a list of suppliers',
    ]);
  });
});

describe('understandText reads the layout', () => {
  it('a bullet list under "For each X:" is the fields of X', () => {
    const tenants = read(
      'We manage a small block of flats. For each tenant:\n- full name\n- unit number\n- move-in date',
    );
    expect(fieldNames(entity(tenants, 'Tenant'))).toEqual(
      expect.arrayContaining(['Full Name', 'Unit Number', 'Move-In Date']),
    );
    const boats = read(
      'Marina berths.\nFor every boat:\n* hull id\n* berth (north, south, east)\n* owner phone',
    );
    const boat = entity(boats, 'Boat');
    expect(boat.fields.find((field) => field.name === 'Berth')?.options).toEqual(['North', 'South', 'East']);
    expect(boat.fields.find((field) => /phone/i.test(field.name))?.type).toBe('phone');
    const hives = read('Each hive:\n- apiary\n- queen age\n- last checked');
    expect(fieldNames(entity(hives, 'Hive'))).toEqual(
      expect.arrayContaining(['Apiary', 'Queen Age', 'Last Checked']),
    );
  });

  it('a list under a sentence that names "each X" belongs to X', () => {
    const visits = read(
      'Our gardeners fill in a form at each garden visit.\n- garden\n- gardener\n- hedges trimmed\n- lawn mown',
    );
    expect(fieldNames(entity(visits, 'Garden Visit'))).toEqual(
      expect.arrayContaining(['Garden', 'Gardener', 'Hedges Trimmed', 'Lawn Mown']),
    );
    const checks = read(
      'The porters do a round at every loading bay:\n- bay number\n- doors locked\n- lights off',
    );
    expect(fieldNames(entity(checks, 'Loading Bay'))).toEqual(
      expect.arrayContaining(['Bay Number', 'Doors Locked']),
    );
    const sessions = read('Notes for each tutoring session\n- student\n- subject\n- homework set');
    expect(fieldNames(entity(sessions, 'Tutoring Session'))).toEqual(
      expect.arrayContaining(['Student', 'Subject', 'Homework Set']),
    );
  });

  it('numbered lines, one record type each, never glue into each other', () => {
    const stables = read(
      'Riding school app:\n1. Horses: name, stable, age\n2. Riders: name, mobile\n3. Lessons: horse, rider, date',
    );
    expect(stables.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Horse', 'Rider', 'Lesson']));
    expect(stables.entities.map((e) => e.name)).not.toContain('1');
    expect(fieldNames(entity(stables, 'Horse'))).toEqual(['Name', 'Stable', 'Age']);
    expect(fieldNames(entity(stables, 'Rider'))).toEqual(['Name', 'Mobile']);
    const shop = read('- Products: name, price\n- Suppliers: name, email');
    expect(fieldNames(entity(shop, 'Product'))).toEqual(['Name', 'Price']);
    expect(fieldNames(entity(shop, 'Supplier'))).toEqual(['Name', 'Email']);
    const club = read('Chess club\n1) Players: name, rating\n2) Games: white, black, result');
    expect(fieldNames(entity(club, 'Player'))).toEqual(['Name', 'Rating']);
    expect(JSON.stringify(club)).not.toMatch(/Rating 2|Name 2/);
  });

  it('a short field run after a colon is fields even when an item holds a verb', () => {
    const rounds = read('Each patrol: route, guard, gates checked, alarms tested, manager sign off');
    expect(fieldNames(entity(rounds, 'Patrol'))).toEqual(
      expect.arrayContaining(['Route', 'Guard', 'Gates Checked', 'Alarms Tested']),
    );
    // "tick … off" inside a field run is no activity of the record.
    const kitchen = read(
      'Kitchen closing checks: fridge temperature, ovens off, floor mopped, tick off by the chef',
    );
    expect(kitchen.entities.flatMap((e) => e.fields).some((field) => field.name === 'Done')).toBe(false);
  });
});

describe('understandText reads lists introduced without a colon', () => {
  it('brackets that close the sentence after a record noun hold its fields', () => {
    const cuttings = read('Plant cuttings for the nursery (species, pot size, rooting date, price).');
    expect(fieldNames(entity(cuttings, 'Plant Cutting'))).toEqual([
      'Species',
      'Pot Size',
      'Rooting Date',
      'Price',
    ]);
    const courts = read('Members book a court (date, start time, court number, partner).');
    expect(fieldNames(entity(courts, 'Court'))).toEqual(
      expect.arrayContaining(['Date', 'Start Time', 'Court Number']),
    );
    const boilers = read('A register of boilers for the estate (address, model, install date, last service)');
    expect(fieldNames(entity(boilers, 'Boiler'))).toEqual([
      'Address',
      'Model',
      'Install Date',
      'Last Service',
    ]);
    expect(boilers.entities.map((e) => e.name)).not.toContain('Estate');
  });

  it('a spaced dash before a list is a lead-in, a hyphen inside a word is not', () => {
    const ferries = read(
      'We need to log ferry crossings — the vessel, the departure time, passengers and weather.',
    );
    expect(fieldNames(entity(ferries, 'Ferry Crossing'))).toEqual(
      expect.arrayContaining(['Vessel', 'Departure Time', 'Weather']),
    );
    const cats = read('stray cat sightings - where, when, colour, and who saw it');
    expect(fieldNames(entity(cats, 'Stray Cat Sighting'))).toEqual(
      expect.arrayContaining(['Where', 'When', 'Colour']),
    );
    const blood = read('Keep a record of blood donations – the donor, the date and the volume given');
    expect(fieldNames(entity(blood, 'Blood Donation'))).toEqual(expect.arrayContaining(['Donor', 'Date']));
    const offices = read('Track our pop-up stalls with a town, a pitch fee and a set-up time');
    expect(offices.entities.map((e) => e.name)).toContain('Pop-Up Stall');
  });

  it('a verb of writing things down with a list as its object: the fields of the records named', () => {
    const pianos = read('Piano tuning visits. Record the client, the piano make, the pitch and the fee.');
    expect(fieldNames(entity(pianos, 'Piano Tuning Visit'))).toEqual([
      'Client',
      'Piano Make',
      'Pitch',
      'Fee',
    ]);
    const tastings = read('At each tasting we note the wine, the vintage, the score and the taster.');
    expect(fieldNames(entity(tastings, 'Tasting'))).toEqual(
      expect.arrayContaining(['Wine', 'Vintage', 'Score']),
    );
    const boards = read(
      'Track each rental board (longboard, shortboard, foamie), the renter, the deposit and when it came back.',
    );
    const board = entity(boards, 'Rental Board');
    expect(board.fields.find((field) => field.type === 'choice')?.options).toEqual([
      'Longboard',
      'Shortboard',
      'Foamie',
    ]);
    expect(fieldNames(board)).toEqual(expect.arrayContaining(['Renter', 'Deposit']));
  });
});

describe('understandText: requests asked as questions, bare lists and several lists in a sentence', () => {
  it('"Can you make a … tracker" names the records, and a bare list sentence after it is their fields', () => {
    const repairs = read(
      'Can you make a loan tracker for my camera club? Member name, lens, date borrowed, deposit, and state: on shelf, lent out, in repair.',
    );
    const loan = entity(repairs, 'Loan');
    expect(fieldNames(loan)).toEqual(
      expect.arrayContaining(['Member Name', 'Lens', 'Date Borrowed', 'Deposit']),
    );
    expect(loan.fields.find((field) => field.name === 'State')?.options).toEqual([
      'On Shelf',
      'Lent Out',
      'In Repair',
    ]);
    const canoes = read(
      'Could you build us a booking tracker for the boathouse? Boat, rower, date, start time.',
    );
    expect(fieldNames(entity(canoes, 'Booking'))).toEqual(
      expect.arrayContaining(['Boat', 'Rower', 'Date', 'Start Time']),
    );
    const vans = read(
      'Would you set up a mileage log for our vans. Driver, odometer reading, fuel added, date.',
    );
    expect(vans.entities.flatMap((e) => e.fields.map((field) => field.name))).toEqual(
      expect.arrayContaining(['Driver', 'Odometer Reading', 'Fuel Added']),
    );
  });

  it('a sentence with a subject and a verb is no bare list, even with commas', () => {
    const show = read(
      'Flower show entries: grower, variety. Stewards rate each bloom on colour, form and scent, 1 to 5.',
    );
    expect(show.entities.map((e) => e.name)).not.toContain('Steward Rate');
    const entries = entity(show, 'Flower Show Entry');
    expect(fieldNames(entries)).not.toContain('Stewards Rate Each Bloom on Colour');
    const pantry = read('Tools, parts, suppliers and orders.');
    expect(pantry.entities.flatMap((e) => e.fields.map((field) => field.name))).not.toContain('Tools');
  });

  it('"a list of X with a, b and c": the fields of X, and the list titled by X', () => {
    const coats = read(
      'Want a list of lent coats with who borrowed each one, the date, and whether it came back.',
    );
    const coat = entity(coats, 'Lent Coat');
    expect(fieldNames(coat)).toEqual(expect.arrayContaining(['Date']));
    expect(coats.views.find((view) => view.kind === 'list')?.title).toBe('Lent Coats');
    const keys = read('Keep a list of spare keys with the door, the holder and the date issued.');
    expect(fieldNames(entity(keys, 'Spare Key'))).toEqual(
      expect.arrayContaining(['Door', 'Holder', 'Date Issued']),
    );
    const songs = read('I need a list of songs with the key, the tempo and the singer.');
    expect(fieldNames(entity(songs, 'Song'))).toEqual(expect.arrayContaining(['Key', 'Tempo', 'Singer']));
  });

  it('"a table of X and a list of Y …" is two views', () => {
    const fleet = read(
      'Vans: plate, model, MOT due date. The office wants a table of all vans and a list of vans due in the next 30 days.',
    );
    expect(fleet.views.map((view) => view.kind)).toEqual(expect.arrayContaining(['table', 'list']));
    expect(fleet.views.find((view) => view.kind === 'list')?.filter).toMatchObject({
      relation: 'within_next_days',
      days: 30,
    });
    const books = read(
      'Books: title, author, due date. Show a table of books and a list of books that are overdue.',
    );
    expect(books.views.find((view) => view.kind === 'list')?.filter).toMatchObject({
      relation: 'before_today',
    });
    const rooms = read('Rooms: name, capacity. I want a list of rooms, and a table of rooms by capacity.');
    expect(
      rooms.views.filter((view) => view.entityId === entity(rooms, 'Room').id).length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('understandText: an order the records are put in', () => {
  it('"sorted by X" / "grouped by X" / "ordered by X" gives the records X when they lack it', () => {
    const bottles = read('Track the bottles in our wine cellar, sorted by region would be nice.');
    expect(fieldNames(entity(bottles, 'Bottle'))).toContain('Region');
    const spices = read('Spice jars: name, best before. Grouped by shelf please.');
    expect(fieldNames(entity(spices, 'Spice Jar'))).toEqual(['Name', 'Best Before', 'Shelf']);
    const essays = read('Essays: student, title, due date, ordered by due date.');
    expect(fieldNames(entity(essays, 'Essay')).filter((name) => name === 'Due Date')).toHaveLength(1);
  });
});
