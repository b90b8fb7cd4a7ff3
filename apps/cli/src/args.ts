import { CliError, exitCodes } from './exit-codes.ts';

export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  yes: boolean;
  help: boolean;
  url: string | null;
  workspace: string | null;
  email: string | null;
}

const valueFlags = new Set(['--url', '--workspace', '--email']);

export const usage = `Usage: pnpm cli <command> [options]

Commands:
  login [--email <email>]          sign in and keep a token in your config directory
  new "<request>" [--yes]          interview, build, print the preview URL
      [--workspace <id>]
  change <appId> "<request>" [--yes]
                                   a change to an app's latest version
  apps [--workspace <id>]          your apps, their latest version and active job
  publish <versionId>              serve this version at the app's stable URL
  export <versionId>               a download link of the version as a project

Options:
  --url <url>    the builder (default: APP_BUILDER_URL, then the one you logged in to,
                 then http://localhost:3000)
  --yes          answer every question with its recommended option (or skip to its default)
  -h, --help     this text

Exit codes: 0 built / done, 1 build failed or cancelled, 2 usage, auth or connection error.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = {
    command: null,
    positionals: [],
    yes: false,
    help: false,
    url: null,
    workspace: null,
    email: null,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--') {
      parsed.positionals.push(...argv.slice(index + 1));
      break;
    }
    const [flag, inlineValue] = argument.startsWith('--') ? splitFlag(argument) : [argument, undefined];
    if (valueFlags.has(flag)) {
      const value = inlineValue ?? argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw usageError(`${flag} needs a value`);
      if (inlineValue === undefined) index += 1;
      if (flag === '--url') parsed.url = value;
      else if (flag === '--workspace') parsed.workspace = value;
      else parsed.email = value;
    } else if (flag === '--yes' || flag === '-y') {
      parsed.yes = true;
    } else if (flag === '--help' || flag === '-h') {
      parsed.help = true;
    } else if (flag.startsWith('-') && flag !== '-') {
      throw usageError(`Unknown option ${flag}`);
    } else if (parsed.command === null) {
      parsed.command = argument;
    } else {
      parsed.positionals.push(argument);
    }
  }
  return parsed;
}

function splitFlag(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals < 0 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

export function usageError(message: string): CliError {
  return new CliError(`${message}\n\n${usage}`, exitCodes.usage);
}
