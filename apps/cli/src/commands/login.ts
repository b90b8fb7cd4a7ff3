import os from 'node:os';
import { signInWithCookie, trpcErrorCode } from '@app/client';
import { tokenNameMaxLength } from '@app/core/schemas';
import { writeConfig } from '../config.ts';
import { CliError, type ExitCode, exitCodes } from '../exit-codes.ts';
import { resolveTarget } from '../target.ts';
import type { CommandContext } from './context.ts';

/**
 * Signs in with email and password on a cookie session, trades it for a personal access token
 * (`auth.createToken`), signs the cookie session out again, and keeps `{ url, token }` in the config
 * file (0600). The password is never stored.
 */
export async function login(context: CommandContext): Promise<ExitCode> {
  const { terminal, args } = context;
  const target = await resolveTarget(args, context.env);
  const email = (args.email ?? (await terminal.readLine('Email: '))).trim();
  const password = await terminal.readLine('Password: ', { hidden: true });
  if (!email || !password) throw new CliError('Email and password are both needed', exitCodes.usage);

  let session: Awaited<ReturnType<typeof signInWithCookie>>;
  try {
    session = await signInWithCookie(target.url, { email, password });
  } catch (error) {
    if (trpcErrorCode(error) === 'UNAUTHORIZED')
      throw new CliError('Wrong email or password', exitCodes.usage);
    throw error;
  }
  const name = `cli on ${os.hostname()} ${new Date().toISOString().slice(0, 10)}`.slice(
    0,
    tokenNameMaxLength,
  );
  const created = await session.client.auth.createToken.mutate({ name });
  await session.client.auth.signOut.mutate().catch(() => undefined);
  await writeConfig(context.env.configPath, { url: target.url, token: created.token });
  terminal.write(
    `Signed in to ${target.url} as ${session.user.email}; token saved in ${context.env.configPath}\n`,
  );
  return exitCodes.ok;
}
