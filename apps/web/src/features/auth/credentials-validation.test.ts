import { describe, expect, it } from 'vitest';
import { validateCredentials } from './credentials-validation.ts';

describe('validateCredentials', () => {
  it('accepts a normal email and an 8-character password', () => {
    expect(validateCredentials({ email: ' ada@example.com ', password: '12345678' }, 'signUp')).toEqual({});
  });

  it('asks for a longer password only when signing up', () => {
    expect(validateCredentials({ email: 'ada@example.com', password: 'short' }, 'signUp').password).toBe(
      'Use at least 8 characters.',
    );
    expect(validateCredentials({ email: 'ada@example.com', password: 'short' }, 'signIn')).toEqual({});
  });

  it('names both missing fields', () => {
    const errors = validateCredentials({ email: '', password: '' }, 'signIn');
    expect(errors.email).toBe('Enter your email address.');
    expect(errors.password).toBe('Enter your password.');
  });

  it('rejects something that is not an email', () => {
    expect(validateCredentials({ email: 'ada@', password: '12345678' }, 'signIn').email).toMatch(/email/);
  });
});
