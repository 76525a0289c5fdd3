/**
 * Runs glossa commands in-process through `run` (cli/main.ts), as the built bin does in a
 * shell, with stdout and stderr captured per call: the tests are about what commands do,
 * and a Node start per command would make them about how busy the machine is.
 * test/cli/bin.test.ts keeps a few real subprocess runs of the built program.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type OutStream } from '../../cli/main.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');
export const FIXTURE = join(SHARED, 'fixtures', 'nypd-ice-2017.txt');
export const GOLD = join(SHARED, 'fixtures', 'nypd-ice-2017.gold.json');
export const HAVE_SHARED = existsSync(FIXTURE) && existsSync(GOLD);
if (!HAVE_SHARED) console.warn(`[cli tests] ${FIXTURE} is absent (../shared beside the repo): the fixture tests are skipped.`);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `glossa-cli-${label}-`));

/**
 * A home of its own for every test file, so a command that falls back to the default
 * library writes under the temp folder and never into the real user's data.
 */
const home = tempDir('home');

class Captured implements OutStream {
  text = '';
  readonly isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** `ask`: a person at a terminal answering the command's question (absent: no terminal, as in a script). */
export async function glossa(
  args: string[],
  opts: { env?: Record<string, string | undefined>; ask?: (question: string) => Promise<string | null> } = {},
): Promise<Run> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    // The search index lives in the per-user cache folder (core/search/location.ts).
    XDG_CACHE_HOME: join(home, '.cache'),
    APPDATA: join(home, 'AppData'),
    LOCALAPPDATA: join(home, 'AppData', 'Local'),
    ...opts.env,
  };
  if (!opts.env || !('GLOSSA_LIBRARY' in opts.env)) delete env.GLOSSA_LIBRARY;
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await run(args, { stdout, stderr, env, ...(opts.ask ? { ask: opts.ask } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs a command that must succeed and returns its stdout parsed as JSON. */
export async function glossaJson<T = unknown>(args: string[], opts?: Parameters<typeof glossa>[1]): Promise<T> {
  const result = await glossa([...args, '--json'], opts);
  if (result.code !== 0) throw new Error(`glossa ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export { home as TEST_HOME };

/** Where `glossa` keeps the search index in these tests (the temp home's cache folder). */
export const TEST_CACHE = join(home, '.cache', 'Glossa');
