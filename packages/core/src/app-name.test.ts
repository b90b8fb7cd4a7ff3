import { describe, expect, it } from 'vitest';
import { nameFromPrompt } from './app-name.ts';

describe('nameFromPrompt', () => {
  it('makes a short name that does not end mid-phrase', () => {
    expect(nameFromPrompt('a tracker for our support tickets with priorities')).toBe(
      'Tracker for our support tickets',
    );
    expect(nameFromPrompt('Build me a booking tool for our dental clinic. It should…')).toBe(
      'Booking tool for our dental clinic',
    );
    expect(nameFromPrompt('CRM')).toBe('CRM');
    expect(nameFromPrompt('   ')).toBe('Untitled app');
  });
});
