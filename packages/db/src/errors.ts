/**
 * The database layer's error taxonomy. The server maps these to tRPC codes in one place
 * (apps/server/src/errors.ts); the worker treats a conflict as "someone else moved the job on".
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/**
 * The person can see the thing (a member of its workspace) but their role may not do this, e.g.
 * a viewer asking for an app's builder conversation. Outsiders get `NotFoundError` instead, so a
 * FORBIDDEN never tells a stranger that an id exists.
 */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** A time-limited thing (a workspace invite) is past its expiry: ask for a new one. */
export class ExpiredError extends Error {
  override readonly name = 'ExpiredError';
}

/** A per-person cap is reached (e.g. live access tokens): the person must free one first. */
export class LimitReachedError extends Error {
  override readonly name = 'LimitReachedError';
}

/** The request names something that cannot apply (e.g. an option id of another question). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Postgres unique_violation, optionally for one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && (constraint === undefined || violated === constraint);
}
