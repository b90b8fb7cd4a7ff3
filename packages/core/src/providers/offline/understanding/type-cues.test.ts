import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { understandText } from './understand-text.ts';

// Field types from small words of English that any domain uses: the end of a period ("until"), a
// limit ("max"), a unit in brackets, a yes/no question. Three phrasings each, in varied domains.

function typesOf(text: string): Record<string, string> {
  const blueprint: Blueprint = understandText({ text, base: null, focus: null }).blueprint;
  expect(validateBlueprint(blueprint)).toEqual([]);
  return Object.fromEntries(
    blueprint.entities.flatMap((entity) => entity.fields.map((field) => [field.name, field.type])),
  );
}

describe('type cues', () => {
  it('reads "… until" / "… till" as a date', () => {
    expect(typesOf('Tenants: name, lease valid until, deposit')).toMatchObject({
      'Lease Valid Until': 'date',
    });
    expect(typesOf('Each volunteer has a name and a DBS check valid till')).toMatchObject({
      'DBS Check Valid Till': 'date',
    });
    expect(typesOf('Vehicles: plate, taxed until, insured until')).toMatchObject({
      'Taxed Until': 'date',
      'Insured Until': 'date',
    });
  });

  it('reads a leading max / min / maximum / minimum as a number', () => {
    expect(typesOf('Rooms: name, max guests, floor')).toMatchObject({ 'Max Guests': 'number' });
    expect(typesOf('Products: name, minimum order, price')).toMatchObject({ 'Minimum Order': 'number' });
    expect(typesOf('Each lift has a maximum load and a last inspection date')).toMatchObject({
      'Maximum Load': 'number',
    });
  });

  it('reads a unit in brackets as a measure, never as an option', () => {
    expect(typesOf('Parcels: reference, weight (lb), destination')).toMatchObject({ Weight: 'number' });
    expect(typesOf('Boards: model, length (ft), owner')).toMatchObject({ Length: 'number' });
    expect(typesOf('Tanks: label, volume (gallons), last cleaned date')).toMatchObject({ Volume: 'number' });
  });

  it('keeps a price in pounds money, a weight in pounds a number', () => {
    expect(typesOf('Lots: title, reserve price in pounds, weight in pounds')).toMatchObject({
      'Reserve Price': 'money',
      Weight: 'number',
    });
    expect(typesOf('Each order has a customer and a total cost in pounds')).toMatchObject({
      'Total Cost': 'money',
    });
    expect(typesOf('Parcels: sender, fee in pounds, weight in kg')).toMatchObject({
      Fee: 'money',
      Weight: 'number',
    });
  });

  it('reads ETA as a date', () => {
    expect(typesOf('Shipments: container, carrier, ETA')).toMatchObject({ ETA: 'date' });
    expect(typesOf('Each delivery has a supplier, an ETA and a driver')).toMatchObject({ ETA: 'date' });
    expect(typesOf('Flights: number, gate, ETD')).toMatchObject({ ETD: 'date' });
  });

  it('reads "X? yes/no" as one yes/no field (the question mark ends no sentence)', () => {
    expect(typesOf('Each hire has a customer, a deposit and helmet given? yes/no')).toMatchObject({
      'Helmet Given': 'boolean',
    });
    expect(typesOf('Visitors: name, host, badge returned? y/n')).toMatchObject({
      'Badge Returned': 'boolean',
    });
    expect(typesOf('We log every loan:\n* borrower\n* item\n* waiver signed? (yes/no)')).toMatchObject({
      'Waiver Signed': 'boolean',
    });
  });
});
