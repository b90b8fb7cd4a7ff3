/** What a script can branch on (README "Scripting the builder"). */
export const exitCodes = {
  /** The command did what it was asked; for `new` / `change`, the app was built. */
  ok: 0,
  /** The build failed or was cancelled, or the server failed unexpectedly. */
  failed: 1,
  /** The command could not start: bad usage, not signed in, token rejected, server unreachable, refused request. */
  usage: 2,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** An error the CLI explains in one line and ends with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}
