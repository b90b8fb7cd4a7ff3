import { getUntypedClient } from '@trpc/client';
import { z } from 'zod';
import type { BuilderClient } from './client.ts';
import { isMissingProcedure } from './errors.ts';

/**
 * Procedures a server may not have yet (SPEC's `versions.publish` / `versions.export` arrive with
 * team apps): called by path through the untyped client so this package type-checks against any
 * server, with the answer checked at runtime. A server without the procedure rejects with
 * `UnsupportedProcedureError`, which callers can show as "not supported by this server".
 */
export class UnsupportedProcedureError extends Error {
  override readonly name = 'UnsupportedProcedureError';
  constructor(readonly path: string) {
    super(`This builder does not support ${path}`);
  }
}

async function callNewerMutation<T>(
  client: BuilderClient,
  path: string,
  input: unknown,
  output: z.ZodType<T>,
): Promise<T> {
  try {
    return output.parse(await getUntypedClient(client).mutation(path, input));
  } catch (error) {
    if (isMissingProcedure(error)) throw new UnsupportedProcedureError(path);
    throw error;
  }
}

const UrlResult = z.object({ url: z.string() });

/** `versions.publish`: the app's stable URL now serves this version. */
export function publishVersion(client: BuilderClient, versionId: string): Promise<{ url: string }> {
  return callNewerMutation(client, 'versions.publish', { versionId }, UrlResult);
}

/** `versions.export`: a short-lived link to a `.zip` of the version as a standalone project. */
export function exportVersion(client: BuilderClient, versionId: string): Promise<{ url: string }> {
  return callNewerMutation(client, 'versions.export', { versionId }, UrlResult);
}
