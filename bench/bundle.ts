/**
 * Bundle benchmark: export and import of 1,000 snapshots with 20,000 annotations, side by
 * side in the same run with the system `zip -r` and `unzip` on the same files.
 *
 * - export: exportBundle of the whole library (reads every body back from the store, hashes
 *   it, deflates, fsyncs the file) against `zip -r` of a folder holding exactly the bundle's
 *   members (level 6, zlib's default, like ours);
 * - import: importBundle into an empty library (verifies every hash, schema and anchor first,
 *   then commits all or nothing with fsync) against `unzip` of the same bundle file, which
 *   checks CRCs only and fsyncs nothing (`unzip + sync` is shown beside it).
 * MB/s is of the members’ own (uncompressed) bytes, the same for both sides. The sides take
 * turns, each timed step after a `sync`, and ratios are taken per run, then the median.
 *
 *   npx tsx bench/bundle.ts          (writes bench/results/bundle.json)
 *   BENCH_SNAPSHOTS=200 npx tsx bench/bundle.ts
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { exportBundle, importBundle } from '../core/bundle/index.js';
import { Annotation, Snapshot } from '../core/model/index.js';
import { openLibrary } from '../core/store/index.js';
import { makeTarget } from '../core/text/selectors.js';
import { readMembers } from '../test/core/bundle/zipcraft.js';
import { type Benchmark, printTable } from './harness.js';

const SNAPSHOTS = Number(process.env.BENCH_SNAPSHOTS ?? 1000);
const PER_SNAPSHOT = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

const WORDS =
  'council budget police mayor said percent people city year report statement according agency officials schools hearing vote plan data million'.split(' ');

/** A ~4 KB article: a title and ten paragraphs of plausible words, different for every n. */
function article(n: number): string {
  let seed = n * 2654435761;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) % WORDS.length;
  const paragraphs = Array.from({ length: 10 }, (_, p) => {
    const words = Array.from({ length: 60 }, () => WORDS[next()]!);
    return `${p === 0 ? `Article ${n}: ` : ''}${words.join(' ')} ${n * 10 + p}.`;
  });
  return [`Article number ${n}`, ...paragraphs].join('\n\n');
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - t) / 1000, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Builds the library (`count` snapshots, 20 annotations each) through the store's own all-or-nothing commit, 100 snapshots at a time. */
export async function buildLibrary(dir: string, count = SNAPSHOTS): Promise<void> {
  const lib = await openLibrary(dir);
  try {
    for (let from = 0; from < count; from += 100) {
      const blobs = new Map<string, string>();
      const add = [];
      for (let n = from; n < Math.min(count, from + 100); n++) {
        const text = article(n);
        const html = `<article>${text
          .split('\n\n')
          .map((p) => `<p>${p}</p>`)
          .join('')}</article>`;
        blobs.set(sha(text), text);
        blobs.set(sha(html), html);
        let at = 0;
        const blocks = text.split('\n\n').map((p, i) => {
          const b = { type: i === 0 ? ('heading' as const) : ('paragraph' as const), start: at, end: at + p.length };
          at += p.length + 2;
          return b;
        });
        const snapshot = Snapshot.parse({
          id: uuidv7(),
          title: `Article number ${n}`,
          sourceUrl: `https://news.example/${n}`,
          capturedAt: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
          captureMethod: 'url',
          wordCount: text.split(/\s+/).length,
          textHash: sha(text),
          htmlHash: sha(html),
          blocks,
        });
        const annotations = Array.from({ length: PER_SNAPSHOT }, (_, i) => {
          const start = 40 + i * 150;
          const stamp = new Date(Date.UTC(2024, 1, 1) + (n * PER_SNAPSHOT + i) * 1000).toISOString();
          return Annotation.parse({
            id: uuidv4(),
            snapshotId: snapshot.id,
            kind: (['quote', 'claim', 'figure', 'note'] as const)[i % 4],
            target: makeTarget(text, start, start + 60),
            fields: i % 4 === 0 ? { speaker: 'spk-1', quoteType: 'direct', cue: 'said' } : i % 4 === 1 ? { claimant: 'the mayor', verdict: 'unverified' } : {},
            tags: ['tag-policy'],
            comment: 'Check against the council minutes of the same day.',
            createdAt: stamp,
            updatedAt: stamp,
          });
        });
        add.push({ snapshot, versions: { annotations, history: {}, conflicts: [] } });
      }
      await lib.commitImport({ blobs: [...blobs].map(([hash, body]) => ({ hash, read: async () => Buffer.from(body) })), add, replace: [] });
    }
  } finally {
    await lib.close();
  }
}

async function membersBytes(bundle: string): Promise<{ count: number; bytes: number }> {
  const members = await readMembers(bundle);
  return { count: members.length, bytes: members.reduce((n, m) => n + (Buffer.isBuffer(m.data) ? m.data.length : 0), 0) };
}

/** The bundle's members as plain files: what `zip -r` compresses. */
async function extractTo(bundle: string, dir: string): Promise<void> {
  for (const m of await readMembers(bundle)) {
    const file = join(dir, m.name);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, m.data as Buffer);
  }
}

export const bundleBench: Benchmark = {
  name: 'bundle',
  description: `Export and import of ${SNAPSHOTS} snapshots with ${SNAPSHOTS * PER_SNAPSHOT} annotations, beside zip -r / unzip of the same files (median of ${RUNS} runs, the two sides taking turns).`,
  async run() {
    const root = await mkdtemp(join(tmpdir(), 'glossa-bench-bundle-'));
    try {
      const library = join(root, 'library');
      const setup = await timed(() => buildLibrary(library));
      const zipAvailable = hasCommand('zip') && hasCommand('unzip');

      // Glossa and the system tools take turns, each run after a `sync`, so neither side pays
      // for the other's writes still being flushed, and drift in the machine's load hits both.
      const settle = () => run('sync').catch(() => undefined);
      const exports: number[] = [];
      const imports: number[] = [];
      const zips: number[] = [];
      const unzips: number[] = [];
      const unzipSyncs: number[] = [];
      let tree = '';
      let bundle = '';
      for (let i = 0; i < RUNS; i++) {
        bundle = join(root, `export-${i}.glossa`);
        await settle();
        const source = await openLibrary(library);
        try {
          exports.push((await timed(() => exportBundle(source, bundle))).seconds);
        } finally {
          await source.close();
        }
        if (zipAvailable) {
          if (!tree) await extractTo(bundle, (tree = join(root, 'tree')));
          await settle();
          zips.push((await timed(() => run('zip', ['-r', '-q', join(root, `system-${i}.zip`), '.'], { cwd: tree }))).seconds);
        }
        const target = join(root, `import-${i}`);
        await settle();
        const lib = await openLibrary(target);
        try {
          imports.push((await timed(() => importBundle(lib, bundle))).seconds);
        } finally {
          await lib.close();
        }
        await rm(target, { recursive: true, force: true });
        if (zipAvailable) {
          const into = join(root, `unzip-${i}`);
          await settle();
          unzips.push((await timed(() => run('unzip', ['-q', bundle, '-d', into]))).seconds);
          await rm(into, { recursive: true, force: true });
          await settle();
          unzipSyncs.push((await timed(() => run('sh', ['-c', `unzip -q '${bundle}' -d '${into}' && sync`]))).seconds);
          await rm(into, { recursive: true, force: true });
        }
      }
      const size = (await stat(bundle)).size;
      const members = await membersBytes(bundle);
      const mb = members.bytes / 1e6;
      const again = await (async () => {
        const target = join(root, 'import-twice');
        const lib = await openLibrary(target);
        try {
          await importBundle(lib, bundle);
          await settle();
          return (await timed(() => importBundle(lib, bundle))).seconds;
        } finally {
          await lib.close();
        }
      })();

      let system: Record<string, unknown> = { skipped: 'zip and unzip are not installed (apt-get install -y zip unzip)' };
      let ratios: Record<string, unknown> = {};
      if (zipAvailable) {
        system = {
          zip: { seconds: median(zips), MBps: mb / median(zips), bytes: (await stat(join(root, 'system-0.zip'))).size, runs: zips },
          unzip: { seconds: median(unzips), MBps: mb / median(unzips), runs: unzips },
          unzipAndSync: { seconds: median(unzipSyncs), MBps: mb / median(unzipSyncs), runs: unzipSyncs },
        };
        // Per run (the two sides measured back to back), then the median.
        const exportRatio = median(exports.map((e, i) => e / zips[i]!));
        const importRatio = median(imports.map((x, i) => x / unzips[i]!));
        ratios = {
          exportVsZip: exportRatio,
          importVsUnzip: importRatio,
          importVsUnzipAndSync: median(imports.map((x, i) => x / unzipSyncs[i]!)),
        };
        ratios.targets = {
          'export within 2× of zip -r': `${exportRatio <= 2 ? 'met' : 'MISSED'} (${exportRatio.toFixed(2)}×)`,
          'import within 3× of unzip': `${importRatio <= 3 ? 'met' : 'MISSED'} (${importRatio.toFixed(2)}×)`,
        };
      }
      return {
        setup: {
          seconds: setup.seconds,
          snapshots: SNAPSHOTS,
          annotations: SNAPSHOTS * PER_SNAPSHOT,
          members: members.count,
          membersMB: mb,
          bundleMB: size / 1e6,
        },
        glossa: {
          export: { seconds: median(exports), MBps: mb / median(exports), runs: exports },
          import: { seconds: median(imports), MBps: mb / median(imports), runs: imports },
          importSameBundleAgain: { seconds: again },
        },
        system,
        ...ratios,
      };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();
  const result = await bundleBench.run();
  printTable(bundleBench.name, bundleBench.description, result);
  await mkdir(join(here, 'results'), { recursive: true });
  const file = join(here, 'results', 'bundle.json');
  // Other work on the machine shows in every number here (the disk above all): keep the load beside them.
  await writeFile(
    file,
    `${JSON.stringify({ startedAt, node: process.version, cpus: cpus().length, loadAverageAtStart, loadAverageAfter: loadavg(), result }, null, 2)}\n`,
  );
  console.log(`\nwrote ${file}`);
}
