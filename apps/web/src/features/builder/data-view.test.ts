import { describe, expect, it } from 'vitest';
import { cellText, describeChange, recordsCsv, valueFromText } from './data-view.ts';

const seats = { id: 'seats', name: 'Seats', type: 'number', options: [] };
const tags = { id: 'tags', name: 'Tags', type: 'multiChoice', options: ['A', 'B'] };
const paid = { id: 'paid', name: 'Paid', type: 'boolean', options: [] };
const name = { id: 'name', name: 'Name', type: 'text', options: [] };

describe('data view', () => {
  it('turns typed cells into values and back', () => {
    expect(valueFromText(seats, ' 1,200 ')).toBe(1200);
    expect(valueFromText(seats, 'many')).toBe('many');
    expect(valueFromText(seats, '')).toBeNull();
    expect(valueFromText(tags, 'A, B')).toEqual(['A', 'B']);
    expect(valueFromText(paid, 'yes')).toBe(true);
    expect(cellText(tags, ['A', 'B'])).toBe('A, B');
    expect(cellText(paid, false)).toBe('No');
  });

  it('exports CSV with quoting and no formulas', () => {
    const csv = recordsCsv(
      [name, seats],
      [
        { id: 'r1', values: { name: 'Say "hi", ok', seats: 3 }, updatedAt: '2025-01-01T00:00:00.000Z' },
        { id: 'r2', values: { name: '=HYPERLINK("x")', seats: null }, updatedAt: '2025-01-02T00:00:00.000Z' },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'Id,Name,Seats,Updated',
      'r1,"Say ""hi"", ok",3,2025-01-01T00:00:00.000Z',
      `r2,"'=HYPERLINK(""x"")",,2025-01-02T00:00:00.000Z`,
      '',
    ]);
  });

  it('describes what an edit changed', () => {
    expect(describeChange([name, seats], { name: 'Yoga', seats: 8 }, { name: 'Yoga', seats: 9 })).toEqual([
      'Seats: 8 → 9',
    ]);
    expect(describeChange([seats], null, { seats: 1 })).toEqual(['Seats: — → 1']);
  });
});
