// `pnpm cli <command>`: the builder from a terminal, on the typed client (@app/client).
import { parseArgs, usage, usageError } from './args.ts';
import { listApps, versionCommand } from './commands/apps.ts';
import type { CommandContext } from './commands/context.ts';
import { login } from './commands/login.ts';
import { changeApp, newApp } from './commands/new.ts';
import { describeError } from './describe-error.ts';
import { readCliEnv } from './env.ts';
import { type ExitCode, exitCodes } from './exit-codes.ts';
import { defaultBuilderUrl, resolveTarget } from './target.ts';
import { ansiStyle, plainStyle } from './terminal/style.ts';
import { createTerminal } from './terminal/terminal.ts';

const commands: Record<string, (context: CommandContext) => Promise<ExitCode>> = {
  login,
  new: newApp,
  change: changeApp,
  apps: listApps,
  publish: versionCommand('publish'),
  export: versionCommand('export'),
};

const env = readCliEnv(process.env);
const terminal = createTerminal(process.stdin, process.stdout);
const style = process.stdout.isTTY && !process.env.NO_COLOR ? ansiStyle : plainStyle;

function exit(code: ExitCode): never {
  terminal.close();
  process.exit(code);
}

// The builder a failure is about, for messages like "Cannot reach the builder at …".
let targetUrl = defaultBuilderUrl;

async function run(): Promise<ExitCode> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.command === null) {
    terminal.write(`${usage}\n`);
    return args.help ? exitCodes.ok : exitCodes.usage;
  }
  const command = commands[args.command];
  if (!command) throw usageError(`Unknown command ${args.command}`);
  targetUrl = (await resolveTarget(args, env)).url;
  return command({ args, env, terminal, style, exit });
}

let code: ExitCode;
try {
  code = await run();
} catch (error) {
  const described = describeError(error, targetUrl);
  process.stderr.write(`${described.message}\n`);
  code = described.exitCode;
}
exit(code);
