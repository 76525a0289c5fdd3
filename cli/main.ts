/**
 * The glossa command-line tool: the same api table as the window, over a library folder.
 * Exit codes: 0 success, 1 an operation failed, 2 the command was called wrongly.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAnnotationCommands } from './commands/annotations.js';
import { registerBundleCommands } from './commands/bundles.js';
import { registerSnapshotCommands } from './commands/snapshots.js';
import { CliError, EXIT_ERROR, EXIT_USAGE } from './errors.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

function buildProgram(): Command {
  const program = new Command('glossa')
    .description('Glossa: an offline archive of news articles with quote, claim and figure annotations.')
    .version(version)
    .option('--library <dir>', 'library folder (default: $GLOSSA_LIBRARY, else the desktop app\'s library)')
    .option('--json', 'machine-readable JSON output')
    .showHelpAfterError('(run glossa --help for usage)')
    .exitOverride();
  registerSnapshotCommands(program);
  registerAnnotationCommands(program);
  registerBundleCommands(program);
  return program;
}

function describe(e: unknown): { code: string; message: string; exitCode: number } {
  if (e instanceof CliError) return { code: e.code, message: e.message, exitCode: e.exitCode };
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'INTERNAL';
  // zod issues from a schema we parse locally are usage mistakes.
  if ((e as { name?: unknown })?.name === 'ZodError') return { code: 'USAGE', message: String((e as Error).message), exitCode: EXIT_USAGE };
  return { code, message: e instanceof Error ? e.message : String(e), exitCode: EXIT_ERROR };
}

async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed help or the usage message to the right stream.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const { code, message, exitCode } = describe(e);
    // GLOSSA_DEBUG=1 shows where an unexpected error came from.
    if (process.env.GLOSSA_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    if (program.opts<{ json?: boolean }>().json) process.stderr.write(JSON.stringify({ error: { code, message } }) + '\n');
    else process.stderr.write(`glossa: ${message}\n`);
    return exitCode;
  }
}

// `glossa list | head -1` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main();
