/**
 * The glossa command-line tool: the same api table as the window, over a library folder.
 * Exit codes: 0 success, 1 an operation failed, 2 the command was called wrongly.
 *
 * `run` is the whole program as a function (arguments in, exit code out, output to the
 * given streams), so tests run commands in-process; cli/glossa.ts binds it to the process.
 */
import { Command, CommanderError } from 'commander';
import { registerAnnotationCommands } from './commands/annotations.js';
import { registerArticleCommands } from './commands/articles.js';
import { registerBundleCommands } from './commands/bundles.js';
import { registerConfigCommands } from './commands/config.js';
import { registerSearchCommands } from './commands/search.js';
import { registerSnapshotCommands } from './commands/snapshots.js';
import { registerSuggestCommands } from './commands/suggest.js';
import { registerSyncCommands } from './commands/sync.js';
import { CliError, EXIT_ERROR, EXIT_USAGE } from './errors.js';
import { type CliIo, Output } from './output.js';
import { packageVersion } from './version.js';

export type { CliIo, OutStream } from './output.js';

function buildProgram(out: Output): Command {
  const program = new Command('glossa')
    .description('Glossa: an offline archive of news articles with quote, claim and figure annotations.')
    .version(packageVersion())
    .option('--library <dir>', "library folder (default: $GLOSSA_LIBRARY, else the desktop app's library)")
    .option('--json', 'machine-readable JSON output')
    // Set before the commands are added: each subcommand inherits where help and errors go.
    .configureOutput({ writeOut: (s) => void out.io.stdout.write(s), writeErr: (s) => void out.io.stderr.write(s) })
    .showHelpAfterError('(run glossa --help for usage)')
    .exitOverride();
  registerSnapshotCommands(program, out);
  registerAnnotationCommands(program, out);
  registerArticleCommands(program, out);
  registerBundleCommands(program, out);
  registerSearchCommands(program, out);
  registerSuggestCommands(program, out);
  registerSyncCommands(program, out);
  registerConfigCommands(program, out);
  return program;
}

function describe(e: unknown): { code: string; message: string; exitCode: number } {
  if (e instanceof CliError) return { code: e.code, message: e.message, exitCode: e.exitCode };
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'INTERNAL';
  // zod issues from a schema we parse locally are usage mistakes.
  if ((e as { name?: unknown })?.name === 'ZodError') return { code: 'USAGE', message: String((e as Error).message), exitCode: EXIT_USAGE };
  return { code, message: e instanceof Error ? e.message : String(e), exitCode: EXIT_ERROR };
}

/** Runs one command line (the arguments after `glossa`) and returns its exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const out = new Output(io);
  const program = buildProgram(out);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed help or the usage message to the right stream.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const { code, message, exitCode } = describe(e);
    // GLOSSA_DEBUG=1 shows where an unexpected error came from.
    if (io.env.GLOSSA_DEBUG && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    if (program.opts<{ json?: boolean }>().json) io.stderr.write(JSON.stringify({ error: { code, message } }) + '\n');
    else io.stderr.write(`glossa: ${message}\n`);
    return exitCode;
  }
}
