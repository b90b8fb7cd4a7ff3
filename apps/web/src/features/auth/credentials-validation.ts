import { z } from 'zod';

/** The limits of SPEC §5, checked before a round trip so the person gets instant feedback. */
export const passwordMinLength = 8;
export const passwordMaxLength = 200;
export const emailMaxLength = 254;

const emailSchema = z.email();

export type CredentialErrors = { email?: string; password?: string };

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
