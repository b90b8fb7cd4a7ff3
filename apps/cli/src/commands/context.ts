import type { ParsedArgs } from '../args.ts';
import type { CliEnv } from '../env.ts';
import type { ExitCode } from '../exit-codes.ts';
import type { Style } from '../terminal/style.ts';
import type { Terminal } from '../terminal/terminal.ts';

/** What every command gets from main.ts. */
export interface CommandContext {
  args: ParsedArgs;
  env: CliEnv;
  terminal: Terminal;
  style: Style;
  exit(code: ExitCode): never;
}
