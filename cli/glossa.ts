/**
 * The process around the program: the entry point bundled into dist/cli/glossa.mjs
 * (scripts/build-cli.mjs) and run by bin/glossa.js.
 */
import { run } from './main.js';

// `glossa list | head -1` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
