/**
 * CLI benchmark: cold start of the built command line (a fresh `node bin/glossa.js` per run,
 * median of RUNS), beside `node -e 0` as the floor any Node program pays:
 *   --help                        target ≤ 150 ms
 *   list on a 10,000-article library  target ≤ 300 ms
 *   import of one .txt into an empty library
 *   openLibrary() alone on the 10,000-article library, timed inside a fresh process (bench/open-child.ts)
 *                                 target ≤ 150 ms
 * and the app's main-process start to first window (bench/main-start.ts, when present).
 *
 * The CLI is built first (scripts/build-cli.mjs), so the numbers are those of the current
 * sources. The 10,000-article library is generated once through the store and kept in the
 * temp folder (BENCH_CLI_CACHE to choose another), since building it takes minutes.
 *
 * `npm run bench -- cli`, or `tsx bench/cli.ts` (writes bench/results/cli.json).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openLibrary } from '../core/store/index.js';
import { makeSnapshot } from '../test/core/store/helpers/fixtures.js';
import { type Benchmark, printTable, summarise } from './harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'glossa.js');
const RUNS = Math.max(7, Number(process.env.BENCH_CLI_RUNS ?? 9));
const ARTICLES = Number(process.env.BENCH_CLI_ARTICLES ?? 10_000);
const CACHE = process.env.BENCH_CLI_CACHE ?? join(tmpdir(), `glossa-bench-cli-${ARTICLES}`);
const TARGETS = { help: 150, list: 300, open: 150 };

/** Wall time of one fresh process, start to exit; output is discarded, a failure is an error. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code === 0) done(ms);
      else fail(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

async function sample(runs: number, once: () => Promise<number>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  const { n, p50, max } = summarise(samples);
  return { n, median: p50, min: Math.min(...samples), max };
}

/** The library `list` reads: built once through the store (8 articles at a time, to overlap fsyncs). */
async function benchLibrary(): Promise<{ dir: string; builtSeconds: number | null }> {
  const dir = join(CACHE, 'library');
  const marker = join(CACHE, 'complete.json');
  if (existsSync(marker)) {
    const done = JSON.parse(await readFile(marker, 'utf8')) as { articles?: number };
    if (done.articles === ARTICLES) return { dir, builtSeconds: null };
  }
  await rm(CACHE, { recursive: true, force: true });
  await mkdir(CACHE, { recursive: true });
  console.log(`  building a ${ARTICLES.toLocaleString('en-US')}-article library in ${dir} (once; kept for later runs)…`);
  const t0 = performance.now();
  const lib = await openLibrary(dir);
  let next = 0;
  const worker = async () => {
    while (next < ARTICLES) {
      const n = next++;
      await lib.addSnapshot(await makeSnapshot(lib, n));
      if (n > 0 && n % 2000 === 0) console.log(`  ${n} articles, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await lib.close();
  }
  await writeFile(marker, JSON.stringify({ articles: ARTICLES }));
  return { dir, builtSeconds: (performance.now() - t0) / 1000 };
}

/**
 * The app's main-process start to first window: bench/main-start.ts (a script of its own,
 * printing one JSON object) on a main process built from the current sources into a temp folder.
 */
async function mainStart(work: string): Promise<Record<string, unknown>> {
  const script = join(ROOT, 'bench', 'main-start.ts');
  if (!existsSync(script)) return { skipped: 'bench/main-start.ts is not in this checkout' };
  const outdir = join(work, 'electron');
  await run(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs'), '--outdir', outdir, '--only', 'main']);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, '--main', join(outdir, 'main.cjs'), '--runs', String(RUNS)]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** openLibrary() on `dir` in a fresh process, as that process timed it (its module loading left out). */
async function timeOpen(dir: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'open-child.ts'), dir]);
  const ms = Number(/openMs ([\d.]+)/.exec(stdout)?.[1]);
  if (!Number.isFinite(ms)) throw new Error(`bench/open-child.ts printed no time: ${stdout}`);
  return ms;
}

const run = (file: string, args: string[]) => promisify(execFile)(file, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });

async function runCliBench(): Promise<Record<string, unknown>> {
  await run(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')]);
  const { dir: library, builtSeconds } = await benchLibrary();
  const work = await mkdtemp(join(tmpdir(), 'glossa-bench-cli-import-'));
  try {
    const txt = join(work, 'article.txt');
    await writeFile(txt, 'Ferry Fares Rise\n\nFares rose by 12% in March, the operator said.\n\n“We had no choice,” said the chief, Lea Berg.\n');
    // One untimed run of each warms the OS file cache, as a person's second command would find it.
    await timeProcess(['-e', '0']);
    await timeProcess([BIN, '--help']);
    await timeProcess([BIN, 'list', '--library', library]);
    const baseline = await sample(RUNS, () => timeProcess(['-e', '0']));
    const help = await sample(RUNS, () => timeProcess([BIN, '--help']));
    const list = await sample(RUNS, () => timeProcess([BIN, 'list', '--library', library]));
    const open = await sample(RUNS, () => timeOpen(library));
    let n = 0;
    // A fresh, empty library each run: the import is a first capture, not a duplicate.
    const importTxt = await sample(RUNS, () => timeProcess([BIN, 'import', txt, '--library', join(work, `lib-${n++}`)]));
    return {
      runs: RUNS,
      nodeBaseline: baseline,
      help: { ...help, target: TARGETS.help, overBaseline: help.median - baseline.median },
      list: { ...list, articles: ARTICLES, target: TARGETS.list, overBaseline: list.median - baseline.median },
      openLibrary: { ...open, articles: ARTICLES, target: TARGETS.open },
      importTxt: { ...importTxt, overBaseline: importTxt.median - baseline.median },
      ...(builtSeconds !== null ? { librarySetupSeconds: builtSeconds } : {}),
      mainStart: await mainStart(work),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export const cliBench: Benchmark = {
  name: 'cli',
  description: `Command line cold start (fresh process, median of ${RUNS}; ms): --help (target ≤ ${TARGETS.help}), list on ${ARTICLES.toLocaleString('en-US')} articles (target ≤ ${TARGETS.list}), openLibrary alone on them (target ≤ ${TARGETS.open}), import of one .txt; node -e 0 as the baseline; main process to first window.`,
  run: runCliBench,
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();
  const result = await cliBench.run();
  printTable(cliBench.name, cliBench.description, result);
  const file = join(ROOT, 'bench', 'results', 'cli.json');
  await mkdir(dirname(file), { recursive: true });
  // Start times move with other work on the machine: keep the load beside them.
  await writeFile(
    file,
    `${JSON.stringify({ startedAt, node: process.version, cpus: cpus().length, loadAverageAtStart, loadAverageAfter: loadavg(), result }, null, 2)}\n`,
  );
  console.log(`\nwrote ${file}`);
}
