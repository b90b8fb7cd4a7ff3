import { isUnreachable, trpcErrorCode, UnsupportedProcedureError } from '@app/client';
import { CliError, exitCodes } from './exit-codes.ts';

/**
 * Turns whatever a command threw into the one line a person needs and the exit code a script
 * needs. Codes the server answers for a request it refused are the caller's problem (2); anything
 * else is the builder's (1).
 */
export function describeError(error: unknown, url: string): CliError {
  if (error instanceof CliError) return error;
  if (isUnreachable(error)) {
    return new CliError(`Cannot reach the builder at ${url}. Is \`pnpm dev\` running?`, exitCodes.usage);
  }
  if (error instanceof UnsupportedProcedureError) {
    return new CliError(`${error.path} is not supported by this server (${url}).`, exitCodes.usage);
  }
  const message = error instanceof Error ? error.message : String(error);
  switch (trpcErrorCode(error)) {
    case 'UNAUTHORIZED':
      return new CliError('Your token was rejected; run `pnpm cli login`', exitCodes.usage);
    case 'CONFLICT':
      return new CliError(
        `The builder refused: ${message} (conflict — the job or app moved on)`,
        exitCodes.usage,
      );
    case 'NOT_FOUND':
      return new CliError(`Not found: ${message}`, exitCodes.usage);
    case 'FORBIDDEN':
      return new CliError(`Not allowed: ${message}`, exitCodes.usage);
    case 'BAD_REQUEST':
      return new CliError(`Invalid request: ${message}`, exitCodes.usage);
    case 'TOO_MANY_REQUESTS':
      return new CliError(`Too many attempts: ${message}`, exitCodes.usage);
    default:
      return new CliError(`The builder failed: ${message}`, exitCodes.failed);
  }
}
