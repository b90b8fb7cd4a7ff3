import { emailMaxLength, passwordMaxLength, passwordMinLength } from '@app/core/schemas';
import { z } from 'zod';

const emailSchema = z.email();

export type CredentialErrors = { email?: string; password?: string };

/** Checks the API's limits (core's) before a round trip, so the person gets instant feedback. */
export function validateCredentials(
  { email, password }: { email: string; password: string },
  mode: 'signIn' | 'signUp',
): CredentialErrors {
  const errors: CredentialErrors = {};
  const trimmedEmail = email.trim();
  if (!trimmedEmail) errors.email = 'Enter your email address.';
  else if (trimmedEmail.length > emailMaxLength || !emailSchema.safeParse(trimmedEmail).success) {
    errors.email = 'That doesn’t look like an email address.';
  }
  if (!password) errors.password = 'Enter your password.';
  else if (mode === 'signUp' && password.length < passwordMinLength) {
    errors.password = `Use at least ${passwordMinLength} characters.`;
  } else if (password.length > passwordMaxLength) {
    errors.password = `Use at most ${passwordMaxLength} characters.`;
  }
  return errors;
}
