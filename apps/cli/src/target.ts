import { type BuilderClient, createBuilderClient } from '@app/client';
import type { ParsedArgs } from './args.ts';
import { normalizeUrl, readConfig } from './config.ts';
import type { CliEnv } from './env.ts';
import { CliError, exitCodes } from './exit-codes.ts';

export const defaultBuilderUrl = 'http://localhost:3000';

/** Which builder a command talks to, and with which token. */
export interface Target {
  url: string;
  token: string | null;
}

/**
 * `--url`, then `APP_BUILDER_URL`, then the builder `login` was run against, then the dev server.
 * The token is `APP_BUILDER_TOKEN`, else the saved one — but only for the builder it was created
 * on: a token sent to another server would be both useless and a leak.
 */
export async function resolveTarget(args: ParsedArgs, env: CliEnv): Promise<Target> {
  const config = await readConfig(env.configPath);
  const url = normalizeUrl(args.url ?? env.url ?? config?.url ?? defaultBuilderUrl);
  if (!/^https?:\/\/[^/]/.test(url)) {
    throw new CliError(`The builder URL must start with http:// or https:// (got ${url})`, exitCodes.usage);
  }
  const savedToken = config && normalizeUrl(config.url) === url ? config.token : null;
  return { url, token: env.token ?? savedToken };
}

export function authenticatedClient(target: Target): BuilderClient {
  if (!target.token) {
    throw new CliError(`Not signed in to ${target.url}; run \`pnpm cli login\``, exitCodes.usage);
  }
  return createBuilderClient({ url: target.url, token: target.token });
}
