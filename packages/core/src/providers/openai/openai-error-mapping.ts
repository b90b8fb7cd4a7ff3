import OpenAI from 'openai';
import {
  type ModelError,
  ModelRateLimitedError,
  ModelRequestRejectedError,
  ModelTimeoutError,
  ModelUnavailableError,
} from '../../errors.ts';
import { retryAfterMs } from './retry-policy.ts';

/** Maps what the SDK throws for one HTTP attempt onto the model error taxonomy. */
export function mapSdkError(error: unknown): ModelError | null {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ModelTimeoutError('model endpoint timed out', { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ModelUnavailableError(`model endpoint unreachable: ${error.message}`, { cause: error });
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) {
      return new ModelRateLimitedError(
        'model endpoint rate limited the request',
        retryAfterMs(error.headers),
        {
          cause: error,
        },
      );
    }
    if (status === 408) return new ModelTimeoutError('model endpoint timed out (408)', { cause: error });
    // 409 is how OpenAI reports a transient lock conflict; the SDK itself retries it.
    if (status >= 500 || status === 409) {
      return new ModelUnavailableError(`model endpoint failed with ${status}`, { cause: error });
    }
    return new ModelRequestRejectedError(
      `model endpoint rejected the request (${status}): ${error.message}`,
      status,
      {
        cause: error,
      },
    );
  }
  return null;
}
