import { describe, expect, it } from 'vitest';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { understandText } from './understand-text.ts';

// Round 3 of who uses the app (issue 10): the frames people use to say it, in wordings and
// domains the eval sets do not use.

function audience(text: string): string[] {
  const { blueprint } = understandText({ text, base: null, focus: null });
  expect(validateBlueprint(blueprint)).toEqual([]);
  return blueprint.audience.map((person) => person.name);
}

describe('who uses the app', () => {
  it('reads a subject after a dash, without the number of them', () => {
    expect(audience('Vet practice — the nurses and our two vets will use it. Pets: name, species.')).toEqual(
      expect.arrayContaining(['Nurses', 'Vets']),
    );
  });

  it('reads a looking verb after any modal', () => {
    expect(audience('Coaches should see their own sessions on a calendar. Sessions: date, venue.')).toContain(
      'Coaches',
    );
    expect(audience('Tutors must check the essays each week. Essays: title, student.')).toContain('Tutors');
  });

  it('keeps the subject after "and" when what comes before it is no subject', () => {
    expect(
      audience(
        'Drivers log fuel on a form and the office wants a chart of litres per van. Fills: date, litres.',
      ),
    ).toContain('Office');
  });

  it('reads each of a coordinated "for" phrase', () => {
    expect(
      audience(
        'A table of bookings sorted by date, for the events office and department heads. Bookings: room, date.',
      ),
    ).toEqual(expect.arrayContaining(['Events Office', 'Department Heads']));
  });

  it('reads people who sign records off or choose among them', () => {
    expect(audience('Examiners sign them off. Each certificate has a holder and a date.')).toContain(
      'Examiners',
    );
    expect(
      audience('The head coach picks the squad from the trialists. Trialists: name, position.'),
    ).toContain('Head Coach');
  });

  it('leaves where they are out of who they are', () => {
    expect(audience('Volunteers at the gate will use it on a phone. Tickets: code, name.')).toContain(
      'Volunteers',
    );
  });
});
