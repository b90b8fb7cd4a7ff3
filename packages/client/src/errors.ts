import type { AppRouter } from '@app/server';
import { TRPCClientError } from '@trpc/client';

export function isBuilderClientError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/** The tRPC error code (`UNAUTHORIZED`, `CONFLICT` …) of a call the server answered, if any. */
export function trpcErrorCode(error: unknown): string | undefined {
  if (!isBuilderClientError(error)) return undefined;
  const data: unknown = error.data;
  if (data && typeof data === 'object' && 'code' in data && typeof data.code === 'string') return data.code;
  return undefined;
}

/**
 * The server has no such procedure (an older server than this client, e.g. one without
 * `versions.publish`): tRPC answers NOT_FOUND with this message, which a missing record never uses.
 */
export function isMissingProcedure(error: unknown): boolean {
  return (
    trpcErrorCode(error) === 'NOT_FOUND' &&
    error instanceof Error &&
    /^No procedure found on path/.test(error.message)
  );
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/**
 * The request never reached a server (nothing listening, no such host). Node's fetch reports these
 * as `TypeError: fetch failed` with the system error as its `cause`, which tRPC wraps once more.
 */
export function isUnreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (typeof current === 'object' && current !== null) {
      const code = 'code' in current ? current.code : undefined;
      if (typeof code === 'string' && unreachableCodes.has(code)) return true;
      // undici reports several addresses (::1 and 127.0.0.1) as one AggregateError.
      if (current instanceof AggregateError && current.errors.some(isUnreachable)) return true;
      current = 'cause' in current ? current.cause : undefined;
    } else {
      return false;
    }
  }
  return false;
}
