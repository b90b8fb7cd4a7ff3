import { describe, expect, it } from 'vitest';
import { entity, field, fieldsOf, read } from './understanding-fixture.ts';

// Round 3 of the type and option readings (issue 10): each rule is a phrasing class, tried in
// wordings and domains the eval sets do not use.

describe('a field asked as a question is a yes/no', () => {
  it('reads "Paid?" in a list as a yes/no and keeps reading the list after it', () => {
    const rentals = fieldsOf(
      'Bike rentals: rider, bike, returned? and condition (fine / scratched / broken).',
      'Bike Rental',
    );
    expect(field(rentals, 'Returned').type).toBe('boolean');
    expect(field(rentals, 'Condition').options).toEqual(['Fine', 'Scratched', 'Broken']);

    const permits = fieldsOf('Permits: holder, fee, fee received?, expiry date.', 'Permit');
    expect(field(permits, 'Fee Received').type).toBe('boolean');
    expect(field(permits, 'Expiry Date').type).toBe('date');
  });
});

describe('words that say yes or no, or a reading', () => {
  it('makes "X ok" a yes/no, and a bracket of answers with "all" before them too', () => {
    const inspections = fieldsOf(
      'Each ladder inspection has an inspector, feet ok, rungs ok, labels ok (all yes or no) and a note.',
      'Ladder Inspection',
    );
    for (const name of ['Feet Ok', 'Rungs Ok', 'Labels Ok'])
      expect(field(inspections, name).type).toBe('boolean');
  });

  it('makes an instrument reading a number', () => {
    const boilers = fieldsOf(
      'Each boiler service has a date, a pressure gauge reading and an engineer.',
      'Boiler Service',
    );
    expect(field(boilers, 'Pressure Gauge Reading').type).toBe('number');
  });
});

describe('an identifier written as "X number"', () => {
  it('reads a capitalised code or a document number as text, a position as a number', () => {
    const tenants = fieldsOf(
      'Tenants: name, NI number, contract number, flat number, parking permit number.',
      'Tenant',
    );
    expect(field(tenants, 'NI Number').type).toBe('text');
    expect(field(tenants, 'Contract Number').type).toBe('text');
    expect(field(tenants, 'Parking Permit Number').type).toBe('text');
    expect(field(tenants, 'Flat Number').type).toBe('number');
  });
});

describe('brackets that hold no choice', () => {
  it('reads an abbreviation or an example in brackets as no options', () => {
    const studies = fieldsOf(
      'Each study has a title, a principal investigator (PI), a season (e.g. 2023/24) and a site.',
      'Study',
    );
    expect(field(studies, 'Principal Investigator').options).toEqual([]);
    expect(field(studies, 'Principal Investigator').type).not.toBe('choice');
    expect(field(studies, 'Season').options).toEqual([]);
  });

  it('drops "e.g." before the first option of a bracket', () => {
    const parcels = fieldsOf('Parcels: sender, size (e.g. letter, small box, large box), weight.', 'Parcel');
    expect(field(parcels, 'Size').options).toEqual(['Letter', 'Small Box', 'Large Box']);
  });
});

describe('options in a bracket joined by arrows, bars or spaced dashes', () => {
  it('splits them in order', () => {
    const claims = fieldsOf('Each claim has a claimant and a status (lodged → assessed → paid).', 'Claim');
    expect(field(claims, 'Status').options).toEqual(['Lodged', 'Assessed', 'Paid']);

    const builds = fieldsOf('Each build has a branch and a stage (queued -> running -> finished).', 'Build');
    expect(field(builds, 'Stage').options).toEqual(['Queued', 'Running', 'Finished']);

    const rooms = fieldsOf('Each room has a number and a state (clean | dirty | blocked).', 'Room');
    expect(field(rooms, 'State').options).toEqual(['Clean', 'Dirty', 'Blocked']);

    const bids = fieldsOf('Each bid has a bidder and an outcome (won - lost - withdrawn).', 'Bid');
    expect(field(bids, 'Outcome').options).toEqual(['Won', 'Lost', 'Withdrawn']);
  });
});

describe('a "whether" question ends where its clause does', () => {
  it('reads the fields after it as fields of their own', () => {
    const lots = fieldsOf('Each painting has an artist, whether it was framed and the buyer.', 'Painting');
    expect(field(lots, 'Framed').type).toBe('boolean');
    expect(field(lots, 'Buyer').type).not.toBe('boolean');

    const shows = fieldsOf(
      'i want to log each show with the city and whether the promoter has paid us and who drove the van and maybe a setlist bit, a chart would be cool',
      'Show',
    );
    expect(field(shows, 'Who Drove').type).toBe('person');
    expect(shows.fields.map((f) => f.name)).not.toContain('Chart Would Be Cool');
    expect(shows.fields.filter((f) => f.type === 'boolean')).toHaveLength(1);
  });
});

describe('a currency sign after a column name, and the next or last of something', () => {
  it('reads "Deposit £" as money and "next service" as a date', () => {
    const boats = fieldsOf(
      'Moorings: berth, owner, annual fee €, insurance cover £, next survey, last antifoul.',
      'Mooring',
    );
    expect(field(boats, 'Annual Fee €').type).toBe('money');
    expect(field(boats, 'Insurance Cover £').type).toBe('money');
    expect(field(boats, 'Next Survey').type).toBe('date');
    expect(field(boats, 'Last Antifoul').type).toBe('date');
  });

  it('keeps "last name" a name', () => {
    const guests = fieldsOf('Guests: first name, last name, next of kin, arrival date.', 'Guest');
    expect(field(guests, 'Last Name').type).toBe('text');
  });
});

describe('a copula that lists the options of a field named before', () => {
  it('gives the field its options instead of making a record type', () => {
    const blueprint = read(
      'Our choir keeps a sheet with columns Singer, Voice, Joined, Paid (Y/N). Voices are Soprano, Alto, Tenor and Bass.',
    );
    const voice = blueprint.entities.flatMap((e) => e.fields).find((f) => f.name === 'Voice');
    expect(voice).toMatchObject({ type: 'choice', options: ['Soprano', 'Alto', 'Tenor', 'Bass'] });
    expect(blueprint.entities.map((e) => e.name)).not.toContain('Voice');

    const orders = fieldsOf('Orders: buyer, size, finish. Finishes are either matt or gloss.', 'Order');
    expect(field(orders, 'Finish')).toMatchObject({ type: 'choice', options: ['Matt', 'Gloss'] });
  });
});

describe('a verb of motion before a comma-separated run of steps', () => {
  it('makes the steps the status options, in order', () => {
    const claims = fieldsOf(
      'Each claim has a claimant and an amount. Claims go received, under assessment, approved, paid out.',
      'Claim',
    );
    expect(field(claims, 'Status').options).toEqual(['Received', 'Under Assessment', 'Approved', 'Paid Out']);
  });

  it('leaves a run of places alone', () => {
    const blueprint = read(
      'Each parcel has a sender and a weight. Parcels go to the depot, then to the van.',
    );
    const parcel = entity(blueprint, 'Parcel');
    expect(parcel.fields.find((f) => f.name === 'Status')?.options ?? []).not.toContain('The Depot');
  });
});
