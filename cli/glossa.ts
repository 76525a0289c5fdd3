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

/** A question on stderr (stdout stays the command's output), the answer from the keyboard. */
async function ask(question: string): Promise<string | null> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-D ends the input: no answer, which is not a yes.
  const closed = new Promise<null>((done) => rl.once('close', () => done(null)));
  try {
    return await Promise.race([rl.question(question), closed]);
  } finally {
    rl.close();
  }
}

const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  ...(interactive ? { ask } : {}),
});
