import { exportVersion, publishVersion } from '@app/client';
import { usageError } from '../args.ts';
import { type ExitCode, exitCodes } from '../exit-codes.ts';
import { authenticatedClient, resolveTarget } from '../target.ts';
import type { CommandContext } from './context.ts';

/** `apps [--workspace <id>]`: one line per app — id, name, latest version, active job (every page). */
export async function listApps(context: CommandContext): Promise<ExitCode> {
  if (context.args.positionals.length > 0) throw usageError('apps takes no arguments');
  const client = authenticatedClient(await resolveTarget(context.args, context.env));
  const apps = [];
  let cursor: string | undefined;
  do {
    const page = await client.apps.list.query({ workspaceId: context.args.workspace ?? undefined, cursor });
    apps.push(...page.apps);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const { terminal, style } = context;
  if (apps.length === 0) {
    terminal.write('No apps yet. Start one: pnpm cli new "<what it is for>"\n');
    return exitCodes.ok;
  }
  for (const app of apps) {
    const version = app.latestVersion ? `v${app.latestVersion.number} ${app.latestVersion.id}` : 'no version';
    const job = app.activeJob ? ` · ${app.activeJob.kind} job ${app.activeJob.status}` : '';
    terminal.write(`${app.id}  ${style.bold(app.name)}  ${style.dim(version + job)}\n`);
  }
  return exitCodes.ok;
}

/** `publish <versionId>` / `export <versionId>`: print the URL the server answers with. */
export function versionCommand(kind: 'publish' | 'export') {
  return async (context: CommandContext): Promise<ExitCode> => {
    const [versionId, ...extra] = context.args.positionals;
    if (!versionId || extra.length > 0) throw usageError(`${kind} takes one version id: ${kind} <versionId>`);
    const client = authenticatedClient(await resolveTarget(context.args, context.env));
    const { url } =
      kind === 'publish' ? await publishVersion(client, versionId) : await exportVersion(client, versionId);
    context.terminal.write(kind === 'publish' ? `Published: ${url}\n` : `Download (expires soon): ${url}\n`);
    return exitCodes.ok;
  };
}
