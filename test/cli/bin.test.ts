/**
 * The built program as a shell runs it: bin/glossa.js starting the esbuild bundle in a fresh
 * Node process. Built here from the current sources into a temp copy of the package layout
 * (bin/, dist/cli/, package.json), so these runs never use a stale dist/. Everything about
 * what commands do is tested in-process (the other files of test/cli); these check what only
 * a real process shows: exit codes, the two streams, and that the bundled dependencies load.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Run, tempDir } from './helpers.js';

const PAGE = `<!doctype html><html lang="en"><head><title>Bridge reopens | Courier</title></head>
<body><nav>Home News Sport</nav><article><h1>Bridge reopens</h1><p>${'The bridge reopened on Monday after two years of repairs, the city said. '.repeat(12)}</p></article></body></html>`;

/**
 * Copies bin/glossa.js into a fresh package folder; an installed package also has its
 * package.json and node_modules (jsdom is required at run time, not bundled).
 */
function packageCopy(label: string, installed: boolean): string {
  const dir = tempDir(label);
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'glossa.js'), join(dir, 'bin', 'glossa.js'));
  if (installed) {
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  }
  return dir;
}

function glossaProcess(pkg: string, args: string[]): Promise<Run> {
  const home = tempDir('bin-home');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), GLOSSA_LIBRARY: undefined };
  return new Promise((done) => {
    execFile(process.execPath, [join(pkg, 'bin', 'glossa.js'), ...args], { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// A cold start measured 0.1–0.5 s on a 2-core machine, and the slowest test here (import, then
// list) 6 s with `stress --cpu 2` and other test runs sharing it: 5× that.
const RUN_TIMEOUT = 30_000;

describe('the built glossa program', () => {
  const pkg = packageCopy('bin-pkg', true);
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--outdir', join(pkg, 'dist', 'cli')], { cwd: ROOT, stdio: 'pipe' });
  }, 60_000);

  it(
    'prints help on stdout and its version, exit 0',
    async () => {
      const help = await glossaProcess(pkg, ['--help']);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      for (const command of [
        'import',
        'list',
        'show',
        'annotate',
        'export',
        'import-bundle',
        'verify',
        'search',
        'reindex',
        'rm',
        'restore',
        'trash',
        'meta',
        'collection',
      ])
        expect(help.stdout).toContain(command);
      const v = await glossaProcess(pkg, ['--version']);
      expect(v).toMatchObject({ code: 0, stdout: `${version}\n` });
    },
    RUN_TIMEOUT,
  );

  it(
    'exits 2 on a wrong call and 1 on a failed operation, with the message on stderr only',
    async () => {
      const wrong = await glossaProcess(pkg, ['frobnicate']);
      expect(wrong.code).toBe(2);
      expect(wrong.stdout).toBe('');
      expect(wrong.stderr).toMatch(/unknown command 'frobnicate'/);
      const lib = tempDir('bin-lib');
      const failed = await glossaProcess(pkg, ['show', 'no-such-snapshot', '--json', '--library', lib]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toBe('');
      expect(JSON.parse(failed.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    },
    RUN_TIMEOUT,
  );

  it(
    'loads the bundled extraction code: imports a saved page and lists it',
    async () => {
      const lib = tempDir('bin-import');
      const file = join(tempDir('bin-src'), 'bridge.html');
      writeFileSync(file, PAGE);
      const imported = await glossaProcess(pkg, ['import', file, '--library', lib]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const list = await glossaProcess(pkg, ['list', '--json', '--library', lib]);
      expect(list.code).toBe(0);
      const rows = JSON.parse(list.stdout) as { title: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.title).toMatch(/^Bridge reopens/);
    },
    RUN_TIMEOUT,
  );

  it(
    'searches through the bundled search worker (search-worker.mjs beside the chunks)',
    async () => {
      const lib = tempDir('bin-search');
      const file = join(tempDir('bin-search-src'), 'bridge.html');
      writeFileSync(file, PAGE);
      expect((await glossaProcess(pkg, ['import', file, '--library', lib])).code).toBe(0);
      const found = await glossaProcess(pkg, ['search', 'repairs', '--json', '--library', lib]);
      expect(found.code).toBe(0);
      expect(found.stderr).toMatch(/search index: 1 of 1 article/);
      const result = JSON.parse(found.stdout) as { ok: boolean; articles: { total: number } };
      expect(result).toMatchObject({ ok: true, articles: { total: 1 } });
    },
    RUN_TIMEOUT,
  );

  it('loads the search index code (worker thread, SQLite) only for the commands that search', () => {
    const dir = join(pkg, 'dist', 'cli');
    const staticImports = (file: string) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/^import\s+(?:[^;'"]*?from\s*)?["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
    // Every chunk glossa.mjs loads before a command runs: its static imports, followed.
    const atStart = new Set<string>();
    const visit = (file: string) => {
      if (atStart.has(file)) return;
      atStart.add(file);
      for (const spec of staticImports(file)) if (spec.startsWith('./')) visit(spec.slice(2));
    };
    visit('glossa.mjs');
    const builtinsAtStart = [...atStart].flatMap((f) => staticImports(f).filter((spec) => spec.startsWith('node:')));
    expect(builtinsAtStart).not.toContain('node:worker_threads');
    expect(builtinsAtStart).not.toContain('node:sqlite');
    // They are in the bundle, loaded by `search` and `reindex`.
    const all = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
    expect(all.filter((f) => staticImports(f).includes('node:worker_threads')).length).toBeGreaterThan(0);
    expect(staticImports('search-worker.mjs')).toContain('node:sqlite');
  });

  it(
    'says how to get the bundle when it is missing and cannot be built',
    async () => {
      const bare = packageCopy('bin-bare', false);
      const run = await glossaProcess(bare, ['--help']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/the command line is not built .*glossa\.mjs is missing/);
    },
    RUN_TIMEOUT,
  );
});
