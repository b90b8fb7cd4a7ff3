import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.ts';
import type { AppRouter } from './trpc.ts';

function serverError(code: string, message: string) {
  return TRPCClientError.from<AppRouter>({
    error: { code: -32600, message, data: { code, httpStatus: 400 } },
  } as Parameters<typeof TRPCClientError.from>[0]);
}

describe('describeError', () => {
  it('shows the server’s own words for domain errors', () => {
    expect(describeError(serverError('CONFLICT', 'Email already registered'))).toBe(
      'Email already registered',
    );
  });

  it('shows the first validation problem, as a sentence', () => {
    const error = serverError('BAD_REQUEST', 'email: Enter a valid email address; password: Too small');
    expect(describeError(error)).toBe('Enter a valid email address');
    expect(describeError(serverError('BAD_REQUEST', 'prompt: too long'))).toBe('prompt: too long');
  });

  it('never leaks internals and explains a missing response', () => {
    expect(describeError(serverError('INTERNAL_SERVER_ERROR', 'relation "x" does not exist'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(describeError(new TRPCClientError('fetch failed'))).toMatch(/Can’t reach the server/);
  });
});
