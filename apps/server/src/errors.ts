import {
  ConflictError,
  ExpiredError,
  ForbiddenError,
  InvalidInputError,
  LimitReachedError,
  NotFoundError,
} from '@app/db';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/**
 * Domain errors → tRPC codes, in ONE place. Anything unrecognised becomes INTERNAL_SERVER_ERROR
 * with its cause kept for the log and its message redacted for the client.
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ConflictError)
    return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  if (error instanceof NotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  if (error instanceof ForbiddenError)
    return new TRPCError({ code: 'FORBIDDEN', message: error.message, cause: error });
  // An expired invite: the link was real, but the person must ask for a new one.
  if (error instanceof ExpiredError)
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  if (error instanceof LimitReachedError)
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  if (error instanceof InvalidInputError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  if (error instanceof ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: describeZodError(error), cause: error });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', cause: error });
}

/** "email: Invalid email address; password: Too small" — each problem names its field. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
