import { describe, expect, it } from 'vitest';
import { entity, fieldNames, read } from './understanding-fixture.ts';

// Round 3 of the structure readings (issue 10): requests where a whole record type or its list was
// lost at once. Each rule is a phrasing class, tried in wordings and domains other than the eval sets'.

describe('"A booking has a, b and c": one record spoken of as any one declares the type', () => {
  it('reads the list after a singular subject with "a" / "an"', () => {
    const bookings = read(
      'A booking has a guest, a room and a check-in date. A guest has a name and an email.',
    );
    expect(fieldNames(entity(bookings, 'Booking'))).toEqual(['Guest', 'Room', 'Check-In Date']);
    expect(fieldNames(entity(bookings, 'Guest'))).toEqual(['Name', 'Email']);

    const loans = read(
      'We lend out telescopes. A loan has the borrower, the telescope, a pickup date and a due date.',
    );
    expect(fieldNames(entity(loans, 'Loan'))).toEqual(
      expect.arrayContaining(['Borrower', 'Telescope', 'Pickup Date', 'Due Date']),
    );
    expect(entity(loans, 'Loan').fields.find((field) => field.name === 'Due Date')?.type).toBe('date');
  });

  it('reads "X belongs to Y and has a, b and c" as the same declaration', () => {
    const repairs = read(
      'A repair belongs to a bicycle and has a fault, a quote in £ and a finished date. Bicycles have a frame number and a colour.',
    );
    expect(fieldNames(entity(repairs, 'Repair'))).toEqual(
      expect.arrayContaining(['Fault', 'Quote', 'Finished Date']),
    );
    expect(fieldNames(entity(repairs, 'Bicycle'))).toEqual(
      expect.arrayContaining(['Frame Number', 'Colour']),
    );
  });

  it('keeps one thing after a singular subject a sentence, not a declaration', () => {
    const question = read('A customer has a question about a parcel.');
    expect(question.entities.flatMap((owner) => owner.fields.map((field) => field.name))).not.toContain(
      'Question',
    );
  });
});

describe('"each item has …": a word for "a record" speaks of the records named just before', () => {
  it('gives the fields to the records before the dash', () => {
    const gear = read('We also rent out camping gear — each item has a name, a deposit and a daily price.');
    expect(fieldNames(entity(gear, 'Camping Gear'))).toEqual(['Name', 'Deposit', 'Daily Price']);
  });

  it('names records of that word when nothing came before', () => {
    const items = read('Every item has a barcode, a shelf and a quantity.');
    expect(fieldNames(entity(items, 'Item'))).toEqual(['Barcode', 'Shelf', 'Quantity']);
  });
});

describe('a field name before a slash chain of options', () => {
  it('keeps "status" as the name when an option has two words', () => {
    const tickets = read(
      'Each job has a site, a size small / medium / large and a status quoted / in progress / paid.',
    );
    const job = entity(tickets, 'Job');
    expect(job.fields.find((field) => field.name === 'Status')?.options).toEqual([
      'Quoted',
      'In Progress',
      'Paid',
    ]);
    expect(job.fields.find((field) => field.name === 'Size')?.options).toEqual(['Small', 'Medium', 'Large']);
  });
});

describe('"y/n." ends a sentence', () => {
  it('reads the sentence after a one-letter yes/no as its own', () => {
    const hire = read('Track hires: customer, start date, insured y/n. Each kayak has a name and a length.');
    expect(fieldNames(entity(hire, 'Hire'))).toEqual(['Customer', 'Start Date', 'Insured']);
    expect(fieldNames(entity(hire, 'Kayak'))).toEqual(['Name', 'Length']);
  });
});

describe('a lead-in that names its records last, or one at a time', () => {
  it('takes the plural right before the list when the first words name none', () => {
    const walks = read(
      'We run a little dog-walking round and need to keep track of walks:\n- dog name\n- walker\n- pickup time\n- paid (yes/no)',
    );
    expect(fieldNames(entity(walks, 'Walk'))).toEqual(['Dog Name', 'Walker', 'Pickup Time', 'Paid']);

    const entries = read(
      'For the village show we get cake entries: baker, category, entry fee, and placing.',
    );
    expect(fieldNames(entity(entries, 'Cake Entry'))).toEqual(['Baker', 'Category', 'Entry Fee', 'Placing']);
  });

  it('takes the record named with "a" / "an" in a "when …" lead-in', () => {
    const parcels = read(
      'When a parcel arrives we note the sender, the courier, the date received, and the shelf - top, middle or bottom.',
    );
    const parcel = entity(parcels, 'Parcel');
    expect(fieldNames(parcel)).toEqual(['Sender', 'Courier', 'Date Received', 'Shelf']);
    expect(parcel.fields.find((field) => field.name === 'Shelf')?.options).toEqual([
      'Top',
      'Middle',
      'Bottom',
    ]);
  });

  it('reads "For each X we need / I want to save a, b and c" as the fields of X', () => {
    const boats = read(
      'For each boat I want to save the name, the berth, the owner and the insurance expiry.',
    );
    expect(fieldNames(entity(boats, 'Boat'))).toEqual(
      expect.arrayContaining(['Name', 'Berth', 'Insurance Expiry']),
    );

    const visits = read('For every visit we need the client, the carer, the start time and the notes.');
    expect(fieldNames(entity(visits, 'Visit'))).toEqual(
      expect.arrayContaining(['Client', 'Carer', 'Start Time', 'Notes']),
    );
  });
});

describe('records kept in a sheet, and fields "per" a known record', () => {
  it('names the records by what is kept in the spreadsheet before the colon', () => {
    const plants = read(
      'Our nursery keeps plants in a spreadsheet: Latin Name, Pot Size, Price £, Stock, Repotted (Y/N).',
    );
    expect(fieldNames(entity(plants, 'Plant'))).toEqual([
      'Latin Name',
      'Pot Size',
      'Price £',
      'Stock',
      'Repotted',
    ]);
  });

  it('gives "X per Y" to the Y already declared', () => {
    const lessons = read(
      'Lessons: pupil, instructor, date and time, paid yes/no. Progress notes per lesson.',
    );
    expect(fieldNames(entity(lessons, 'Lesson'))).toContain('Progress Notes');
    expect(lessons.entities.map((owner) => owner.name)).toEqual(['Lesson']);
  });

  it('ends a sentence after "yes/no."', () => {
    const rooms = read('Rooms: number, floor, cleaned yes/no. Each guest has a name and a phone.');
    expect(fieldNames(entity(rooms, 'Room'))).toEqual(['Number', 'Floor', 'Cleaned']);
    expect(fieldNames(entity(rooms, 'Guest'))).toEqual(['Name', 'Phone']);
  });
});
