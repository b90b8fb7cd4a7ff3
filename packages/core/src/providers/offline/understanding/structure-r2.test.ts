import { describe, expect, it } from 'vitest';
import { layoutText } from './layout.ts';
import { entity, entityNames, fieldNames, read } from './understanding-fixture.ts';

// Round 2 of the structure readings (issue 10): which records exist and what each is given. Each
// rule is a phrasing class, tried in three or more wordings and domains other than the eval sets'.

describe('a spreadsheet with columns: the columns are the fields of what lives in the sheet', () => {
  it('names the records from the phrase before "in a … sheet"', () => {
    const volunteers = read(
      'Our volunteers sit in a google sheet with the columns name, phone, skills and availability.',
    );
    expect(entityNames(volunteers)).toEqual(['Volunteer']);
    expect(fieldNames(entity(volunteers, 'Volunteer'))).toEqual(['Name', 'Phone', 'Skills', 'Availability']);

    const bookings = read(
      'Our bookings are kept in an excel sheet with the columns guest, room, check-in date, nights and paid.',
    );
    expect(fieldNames(entity(bookings, 'Booking'))).toEqual([
      'Guest',
      'Room',
      'Check-In Date',
      'Nights',
      'Paid',
    ]);
    expect(entity(bookings, 'Booking').fields[2]?.type).toBe('date');

    const seeds = read(
      'We keep our seed packets in a spreadsheet, columns: variety, supplier, sown on (date), germination rate.',
    );
    expect(entityNames(seeds)).toEqual(['Seed Packet']);
    expect(fieldNames(entity(seeds, 'Seed Packet'))).toEqual([
      'Variety',
      'Supplier',
      'Sown On',
      'Germination Rate',
    ]);
  });

  it('reads the columns as fields, never as one choice, and lets the first column name the rows', () => {
    const vehicles = read('I keep it all in a spreadsheet, columns are: Vehicle, mileage, last service date');
    expect(fieldNames(entity(vehicles, 'Vehicle'))).toEqual(['Vehicle', 'Mileage', 'Last Service Date']);
    const plants = read('We have a spreadsheet with columns: Plant, Bed, Planted On, Watering');
    expect(fieldNames(entity(plants, 'Plant'))).toEqual(['Plant', 'Bed', 'Planted On', 'Watering']);
    expect(entity(plants, 'Plant').fields.every((field) => field.type !== 'choice')).toBe(true);
    const kit = read(
      'there is a sheet with the columns Costume, size, scene and fitted. It should be an app.',
    );
    expect(fieldNames(entity(kit, 'Costume'))).toEqual(['Costume', 'Size', 'Scene', 'Fitted']);
  });
});

describe('brackets that close the last item of a running list are its options, not the list', () => {
  it('keeps the items before the brackets as fields', () => {
    const members = read('Member list with name, joined (date), membership (bronze, silver, gold)');
    expect(fieldNames(entity(members, 'Member'))).toEqual(['Name', 'Joined', 'Membership']);
    expect(entity(members, 'Member').fields[2]?.options).toEqual(['Bronze', 'Silver', 'Gold']);

    const orders = read('Track orders: customer, total, and channel (phone, web, walk-in)');
    expect(fieldNames(entity(orders, 'Order'))).toEqual(['Customer', 'Total', 'Channel']);

    const hives = read('Hive list with location, queen marked (yes/no) and temper (calm, lively, angry)');
    expect(fieldNames(entity(hives, 'Hive'))).toEqual(['Location', 'Queen Marked', 'Temper']);
    expect(entity(hives, 'Hive').fields[2]?.options).toEqual(['Calm', 'Lively', 'Angry']);
  });
});

describe('a list of record types: each item a plural head with its own fields', () => {
  it('keeps each numbered or bulleted declaration apart (brackets or a spaced dash)', () => {
    expect(
      layoutText('School library:\n1. Books (title, author)\n2. Loans – which pupil, which book, due date'),
    ).toBe('School library:\nBooks: title, author.\nLoans: which pupil, which book, due date.');
    const library = read(
      'School library:\n1. Books (title, author, shelf)\n2. Pupils (name, class)\n3. Loans – which pupil, which book, due date',
    );
    expect(fieldNames(entity(library, 'Book'))).toEqual(['Title', 'Author', 'Shelf']);
    expect(fieldNames(entity(library, 'Pupil'))).toEqual(['Name', 'Class']);
    expect(fieldNames(entity(library, 'Loan'))).toEqual(['Pupil', 'Book', 'Due Date']);

    const farm = read('Farm records\n- Fields (name, acreage)\n- Crops (variety, field, sown date)');
    expect(fieldNames(entity(farm, 'Field'))).toEqual(['Name', 'Acreage']);
    expect(fieldNames(entity(farm, 'Crop'))).toEqual(['Variety', 'Field', 'Sown Date']);

    const fleet = read('Fleet app:\n* Vans - plate, model, mileage\n* Drivers - name, licence number');
    expect(fieldNames(entity(fleet, 'Van'))).toEqual(['Plate', 'Model', 'Mileage']);
    expect(fieldNames(entity(fleet, 'Driver'))).toEqual(['Name', 'Licence Number']);
  });

  it('leaves a field list with bracketed options as one list', () => {
    const kennel = read('For each dog:\n- breed (lab, collie, terrier)\n- weight\n- vaccinated yes/no');
    expect(entityNames(kennel)).toEqual(['Dog']);
    expect(fieldNames(entity(kennel, 'Dog'))).toEqual(['Breed', 'Weight', 'Vaccinated']);
  });
});

describe('record types coordinated in one sentence, each with its fields in brackets', () => {
  it('gives each its own fields', () => {
    const shop = read('Suppliers (name, phone, email) and Orders (supplier, order date, total).');
    expect(fieldNames(entity(shop, 'Supplier'))).toEqual(['Name', 'Phone', 'Email']);
    expect(fieldNames(entity(shop, 'Order'))).toEqual(['Supplier', 'Order Date', 'Total']);

    const choir = read(
      'We track singers (name, voice part), concerts (venue, date) and rehearsals (date, piece).',
    );
    expect(fieldNames(entity(choir, 'Singer'))).toEqual(['Name', 'Voice Part']);
    expect(fieldNames(entity(choir, 'Concert'))).toEqual(['Venue', 'Date']);
    expect(fieldNames(entity(choir, 'Rehearsal'))).toEqual(['Date', 'Piece']);

    const gym = read('Trainers (name, speciality) & Sessions (trainer, start time, room)');
    expect(fieldNames(entity(gym, 'Trainer'))).toEqual(['Name', 'Speciality']);
    expect(fieldNames(entity(gym, 'Session'))).toEqual(['Trainer', 'Start Time', 'Room']);
  });
});

describe('"so the X can see": the people who look at the app are its users', () => {
  it('reads the audience from a looking verb after can / could', () => {
    const garage = read('Put the repairs on a board so the mechanics can see what is next.');
    expect(garage.audience.map((person) => person.name)).toEqual(['Mechanics']);
    const kitchen = read('Orders with table, dish and time, shown so the chefs could check the queue.');
    expect(kitchen.audience.map((person) => person.name)).toEqual(['Chefs']);
    const clinic = read('Appointments on a calendar; then the receptionists can check the day.');
    expect(clinic.audience.map((person) => person.name)).toEqual(['Receptionists']);
  });
});

describe('a change "keep a list of X" declares X and gives it no list view of its own', () => {
  const base = read('A lost property log: item, where it was found, date found.');

  it('adds the record type with its table only', () => {
    for (const text of [
      'Also keep a list of staff, and let each item be handed in by one of them.',
      'Please add a list of locations.',
      'We also need to maintain a list of owners.',
    ]) {
      const after = read(text, base);
      expect(after.views.filter((view) => view.kind === 'list')).toEqual([]);
      expect(after.entities.length).toBe(base.entities.length + 1);
    }
  });

  it('keeps a list view for a list with a condition', () => {
    const after = read('Add a list of items that were found this week.', base);
    expect(after.views.some((view) => view.kind === 'list')).toBe(true);
  });
});

describe('a verb of writing down whose object is "X with a, b and c"', () => {
  it('names X and gives it the fields after "with" (not a field list of nothing)', () => {
    for (const [text, name, fields] of [
      [
        'Track tickets with a status, a priority, a category and a size',
        'Ticket',
        ['Status', 'Priority', 'Category', 'Size'],
      ],
      [
        'Log deliveries with the driver, the van, the time and the weight',
        'Delivery',
        ['Driver', 'Van', 'Time', 'Weight'],
      ],
      [
        'We record donations with the donor, the amount, the date and a note',
        'Donation',
        ['Donor', 'Amount', 'Date', 'Note'],
      ],
    ] as const) {
      const blueprint = read(text);
      expect(entityNames(blueprint)).toEqual([name]);
      expect(fieldNames(entity(blueprint, name))).toEqual(fields);
    }
  });
});

describe('a bullet item that is a name, a colon and its options is a field of the list', () => {
  it('keeps the list one list, the item a field with those options', () => {
    for (const [text, name, field, options] of [
      [
        'Orders:\n- customer\n- size: small / medium / large\n- paid yes/no',
        'Order',
        'Size',
        ['Small', 'Medium', 'Large'],
      ],
      [
        'For each horse:\n- name\n- owner\n- feed: hay, haylage or pellets',
        'Horse',
        'Feed',
        ['Hay', 'Haylage', 'Pellets'],
      ],
      [
        'We need to track repair jobs:\n- customer name\n- estimate\n- status: waiting -> in progress -> done',
        'Repair Job',
        'Status',
        ['Waiting', 'In Progress', 'Done'],
      ],
    ] as const) {
      const blueprint = read(text);
      expect(entityNames(blueprint)).toEqual([name]);
      const found = entity(blueprint, name).fields.find((candidate) => candidate.name === field);
      expect(found?.options).toEqual(options);
    }
  });
});
