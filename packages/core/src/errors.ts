import type { ModelUsage } from './model.ts';

export type ModelErrorCode =
  | 'timeout'
  | 'rate_limited'
  | 'refusal'
  | 'truncated'
  | 'schema_mismatch'
  | 'unavailable'
  | 'aborted'
  | 'request_rejected';

/**
 * The one error taxonomy for model calls. `retryable` says whether the same call could succeed
 * later (a job retry is worth offering); it does not mean the provider retries it again itself —
 * a provider surfaces these only after its own bounded retries are spent.
 */
export abstract class ModelError extends Error {
  abstract readonly code: ModelErrorCode;
  abstract readonly retryable: boolean;
  /** Tokens already spent on the failed call (billed attempts), when the provider knows them. */
  usage: ModelUsage | null = null;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ModelTimeoutError extends ModelError {
  readonly code = 'timeout';
  readonly retryable = true;
}

export class ModelRateLimitedError extends ModelError {
  readonly code = 'rate_limited';
  readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The model declined to answer (`message.refusal` or a content filter): asking again won't help. */
export class ModelRefusalError extends ModelError {
  readonly code = 'refusal';
  readonly retryable = false;
}

/** The output hit the token limit (`finish_reason: 'length'`): the same request truncates again. */
export class ModelTruncatedError extends ModelError {
  readonly code = 'truncated';
  readonly retryable = false;
}

/** The output was not JSON, or JSON that does not match the requested schema. */
export class ModelSchemaMismatchError extends ModelError {
  readonly code = 'schema_mismatch';
  readonly retryable = true;
  constructor(
    message: string,
    readonly reason: 'invalid_json' | 'schema_mismatch',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The endpoint failed (5xx) or could not be reached (connection refused / reset). */
export class ModelUnavailableError extends ModelError {
  readonly code = 'unavailable';
  readonly retryable = true;
}

/** The caller's AbortSignal fired (e.g. the job was cancelled). Never retried. */
export class ModelAbortedError extends ModelError {
  readonly code = 'aborted';
  readonly retryable = false;
}

/** The endpoint rejected the request itself (bad key, unknown model, invalid request: 4xx). */
export class ModelRequestRejectedError extends ModelError {
  readonly code = 'request_rejected';
  readonly retryable = false;
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}
