import { describe, expect, it } from 'vitest';
import type { AppEntity, AppField, FieldValue } from '../compiler/template/src/schema.ts';
import { convertValue, readRecord } from './record-read.ts';
import { validateRecordWrite } from './record-write.ts';

const field = (
  id: string,
  name: string,
  type: AppField['type'],
  extra: Partial<AppField> = {},
): AppField => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  ...extra,
});

const loan: AppEntity = {
  id: 'loan',
  name: 'Loan',
  pluralName: 'Loans',
  statusFieldId: 'loan-status',
  fields: [
    field('loan-tool', 'Tool', 'text', { required: true }),
    field('loan-due', 'Due Date', 'date'),
    field('loan-status', 'Status', 'choice', { options: ['Out', 'Returned'], required: true }),
    field('loan-fee', 'Fee', 'money'),
    field('loan-seats', 'Seats', 'number', { range: { min: 1, max: 5 } }),
    field('loan-tags', 'Tags', 'multiChoice', { options: ['Heavy', 'Fragile'] }),
    field('loan-paid', 'Paid', 'boolean'),
    field('loan-email', 'Email', 'email'),
    field('loan-at', 'Pick Up', 'time'),
    field('loan-member', 'Member', 'reference', { referenceEntityId: 'member' }),
  ],
};

const errorsOf = (input: unknown, previous: Record<string, unknown> | null = null) => {
  const result = validateRecordWrite(loan, input, previous);
  return result.ok ? [] : result.errors;
};

describe('validateRecordWrite', () => {
  it('accepts what the app’s form produces and stores every field of the entity', () => {
    const result = validateRecordWrite(
      loan,
      {
        'loan-tool': ' Drill ',
        'loan-status': 'Out',
        'loan-due': '2025-02-01',
        'loan-fee': 12.345,
        'loan-at': '09:30:00',
      },
      null,
    );
    expect(result).toEqual({
      ok: true,
      values: {
        'loan-tool': 'Drill',
        'loan-due': '2025-02-01',
        'loan-status': 'Out',
        'loan-fee': 12.35,
        'loan-seats': null,
        'loan-tags': [],
        'loan-paid': false,
        'loan-email': null,
        'loan-at': '09:30',
        'loan-member': null,
      },
    });
  });

  it('names the field in the template’s own words', () => {
    expect(errorsOf({ 'loan-tool': 'Drill', 'loan-status': 'Out', 'loan-due': 'next tuesday' })).toEqual([
      { code: 'invalid', fieldId: 'loan-due', message: 'Due Date must be a date' },
    ]);
    expect(errorsOf({ 'loan-status': 'Out' })).toEqual([
      { code: 'required', fieldId: 'loan-tool', message: 'Tool is required' },
    ]);
    expect(errorsOf({ 'loan-tool': 'x', 'loan-status': 'Out', 'loan-seats': 9 })[0]?.message).toBe(
      'Seats must be between 1 and 5',
    );
    expect(errorsOf({ 'loan-tool': 'x', 'loan-status': 'Out', 'loan-email': 'nope' })[0]?.message).toBe(
      'Email must be an email address',
    );
  });

  it('refuses unknown fields, wrong JSON types and options not in the list', () => {
    expect(errorsOf({ 'loan-tool': 'x', 'loan-status': 'Out', __proto__x: 1 })[0]).toMatchObject({
      code: 'unknown_field',
      fieldId: '__proto__x',
    });
    expect(errorsOf({ 'loan-tool': 5, 'loan-status': 'Out' })[0]).toMatchObject({
      code: 'wrong_type',
      fieldId: 'loan-tool',
      message: 'Tool must be text',
    });
    expect(errorsOf({ 'loan-tool': 'x', 'loan-status': 'Out', 'loan-fee': '12' })[0]?.message).toBe(
      'Fee must be a number',
    );
    expect(errorsOf({ 'loan-tool': 'x', 'loan-status': 'Lost' })[0]).toMatchObject({
      code: 'not_an_option',
      message: '"Lost" is not one of the Status options',
    });
    expect(errorsOf({ 'loan-tool': 'x', 'loan-status': 'Out', 'loan-tags': ['Heavy', 'Wet'] })[0]?.code).toBe(
      'not_an_option',
    );
    expect(errorsOf({ 'loan-tool': 'x', 'loan-status': 'Out', 'loan-paid': 'yes' })[0]?.code).toBe(
      'wrong_type',
    );
    expect(errorsOf([1, 2])[0]?.code).toBe('wrong_type');
  });

  it('updates only the fields sent and keeps hidden values of removed fields', () => {
    const previous = { 'loan-tool': 'Drill', 'loan-status': 'Out', 'loan-old-note': 'kept' };
    const result = validateRecordWrite(loan, { 'loan-status': 'Returned' }, previous);
    expect(result).toEqual({
      ok: true,
      values: { 'loan-tool': 'Drill', 'loan-status': 'Returned', 'loan-old-note': 'kept' },
    });
    // A field made required after the record was written does not block editing another field.
    expect(validateRecordWrite(loan, { 'loan-fee': 3 }, { 'loan-status': 'Out' }).ok).toBe(true);
    expect(errorsOf({ 'loan-tool': '' }, previous)[0]?.code).toBe('required');
  });

  it('round-trips any well-typed values: what is stored reads back the same (property)', () => {
    let state = 7;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    for (let run = 0; run < 300; run += 1) {
      const input: Record<string, FieldValue> = {
        'loan-tool': pick(['Drill', 'Saw', 'A ladder, long']),
        'loan-status': pick(['Out', 'Returned']),
        'loan-due': pick([null, '2025-01-01', '2031-12-31']),
        'loan-fee': pick([null, 0, 1.5, 1_000_000.25]),
        'loan-seats': pick([null, 1, 3, 5]),
        'loan-tags': pick([[], ['Heavy'], ['Heavy', 'Fragile']]),
        'loan-paid': pick([true, false]),
        'loan-member': pick([null, 'c1b1f7b2-1111-4111-8111-111111111111']),
      };
      const result = validateRecordWrite(loan, input, null);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const read = readRecord(loan, result.values);
      for (const [key, value] of Object.entries(input))
        expect(read.values[key], key).toEqual(value === null && key === 'loan-tags' ? [] : value);
      expect(read.hidden).toEqual([]);
    }
  });
});

describe('readRecord across versions', () => {
  it('adds empty fields, hides removed ones and keeps values by id through a rename', () => {
    const renamed: AppEntity = {
      ...loan,
      fields: [field('loan-tool', 'Item', 'text'), field('loan-returned', 'Returned On', 'date')],
    };
    const read = readRecord(renamed, { 'loan-tool': 'Drill', 'loan-status': 'Out' });
    expect(read).toEqual({
      values: { 'loan-tool': 'Drill', 'loan-returned': null },
      hidden: ['loan-status'],
    });
  });

  it('converts a changed type when it can and otherwise shows the raw value as text', () => {
    const as = (type: AppField['type'], value: FieldValue, options: string[] = []) =>
      convertValue(field('f', 'F', type, { options }), value);
    expect(as('text', 42)).toBe('42');
    expect(as('number', '42.5')).toBe(42.5);
    expect(as('number', 'about five')).toBe('about five');
    expect(as('text', 'Out')).toBe('Out');
    expect(as('choice', 'Out', ['Out', 'In'])).toBe('Out');
    expect(as('choice', 'Gone', ['Out', 'In'])).toBe('Gone');
    expect(as('dateTime', '2025-01-15')).toBe('2025-01-15');
    expect(as('date', '2025-01-15T10:30')).toBe('2025-01-15');
    expect(as('multiChoice', 'Out', ['Out'])).toEqual(['Out']);
    expect(as('choice', ['Out'], ['Out'])).toBe('Out');
    expect(as('text', ['a', 'b'])).toBe('a, b');
    expect(as('text', true)).toBe('Yes');
    expect(as('boolean', 'yes')).toBe(true);
    expect(as('longText', null)).toBeNull();
  });
});
