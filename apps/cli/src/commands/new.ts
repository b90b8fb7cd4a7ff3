import { usageError } from '../args.ts';
import type { ExitCode } from '../exit-codes.ts';
import { followJob } from '../follow-job.ts';
import { authenticatedClient, resolveTarget } from '../target.ts';
import type { CommandContext } from './context.ts';

/** `new "<request>"`: a create job, interviewed and built in the terminal. */
export async function newApp(context: CommandContext): Promise<ExitCode> {
  const [request, ...extra] = context.args.positionals;
  if (!request?.trim() || extra.length > 0) throw usageError('new takes one quoted request: new "<request>"');
  const client = authenticatedClient(await resolveTarget(context.args, context.env));
  // Without --workspace the app goes to the person's own workspace.
  const workspaceId = context.args.workspace ?? undefined;
  const { app, job } = await client.apps.create.mutate({ prompt: request, workspaceId });
  context.terminal.write(`${context.style.bold(app.name)} · app ${app.id}\n`);
  return followJob({ ...context, client, yes: context.args.yes }, job);
}

/** `change <appId> "<request>"`: a change job on the app's latest version. */
export async function changeApp(context: CommandContext): Promise<ExitCode> {
  const [appId, request, ...extra] = context.args.positionals;
  if (!appId || !request?.trim() || extra.length > 0) {
    throw usageError('change takes an app id and one quoted request: change <appId> "<request>"');
  }
  const client = authenticatedClient(await resolveTarget(context.args, context.env));
  const { job } = await client.apps.requestChange.mutate({ appId, prompt: request });
  context.terminal.write(`Change to app ${appId} · job ${job.id}\n`);
  return followJob({ ...context, client, yes: context.args.yes }, job);
}
