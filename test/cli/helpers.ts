/** Runs the real CLI (node bin/glossa.js) in a child process, as a person or a script would. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');
export const FIXTURE = join(SHARED, 'fixtures', 'nypd-ice-2017.txt');
export const GOLD = join(SHARED, 'fixtures', 'nypd-ice-2017.gold.json');
export const HAVE_SHARED = existsSync(FIXTURE) && existsSync(GOLD);
if (!HAVE_SHARED) console.warn(`[cli tests] ${FIXTURE} is absent (../shared beside the repo): the fixture tests are skipped.`);

const BIN = join(ROOT, 'bin', 'glossa.js');

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

export function glossa(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData'), ...opts.env };
  if (!opts.env || !('GLOSSA_LIBRARY' in opts.env)) delete env.GLOSSA_LIBRARY;
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed and returns its stdout parsed as JSON. */
export async function glossaJson<T = unknown>(args: string[], opts?: Parameters<typeof glossa>[1]): Promise<T> {
  const run = await glossa([...args, '--json'], opts);
  if (run.code !== 0) throw new Error(`glossa ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

export { home as TEST_HOME };
