/** How the CLI fails: a message on stderr and an exit code scripts can rely on. */

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports as-is: `code` for --json output, `exitCode` for the shell. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT_ERROR,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A mistake in how the command was called (bad option value, missing argument). */
export const usageError = (message: string) => new CliError('USAGE', message, EXIT_USAGE);
