import { isTRPCClientError, trpcErrorCode } from './trpc.ts';

const unreachableMessage = 'Can’t reach the server. Check your connection and try again.';

type ValidationIssue = { path?: unknown; message?: unknown };

/**
 * zod validation failures arrive as `BAD_REQUEST` whose message is the JSON list of issues;
 * turn the first one into a sentence that names the field.
 */
function firstValidationIssue(message: string): string | undefined {
  if (!message.trimStart().startsWith('[')) return undefined;
  try {
    const issues: unknown = JSON.parse(message);
    if (!Array.isArray(issues) || issues.length === 0) return undefined;
    const issue = issues[0] as ValidationIssue;
    if (typeof issue.message !== 'string') return undefined;
    const field = Array.isArray(issue.path) ? issue.path.join('.') : '';
    return field ? `${capitalize(field)}: ${issue.message}` : issue.message;
  } catch {
    return undefined;
  }
}

/**
 * The server words validation failures as "email: Enter a valid email address; password: …".
 * Show the first problem; drop the field prefix when the message already reads as a sentence.
 */
function firstFieldProblem(message: string): string {
  const first = message.split('; ')[0] ?? message;
  const match = /^[\w.]+: ([A-Z].*)$/.exec(first);
  return match?.[1] ?? first;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A sentence a person can act on, for any error thrown by a tRPC call. */
export function describeError(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (!isTRPCClientError(error)) return error instanceof Error && error.message ? error.message : fallback;
  const code = trpcErrorCode(error);
  // No code means the request never produced a tRPC response: network down, proxy up but API down.
  if (!code) return unreachableMessage;
  if (code === 'INTERNAL_SERVER_ERROR') return fallback;
  return firstValidationIssue(error.message) ?? (firstFieldProblem(error.message) || fallback);
}
