/**
 * Store benchmark: annotation save latency in a library of 2,000 snapshots × 50 annotations,
 * against one lowdb file holding the same data (lowdb's stock JSONFile adapter); cold open.
 *
 * A "save" is one putAnnotation: an update of an existing annotation, or a create. Saves are
 * timed warm (the article's annotations already listed, as the reader does before a person
 * can tag) and, separately, cold (the first save on an article not yet opened this session).
 * fsync stays on: the raw cost of one durable write on this disk is reported beside them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Annotation, Snapshot } from '../core/model/index.js';
import { type Library, openLibrary } from '../core/store/index.js';
import { makeAnnotation, makeSnapshot } from '../test/core/store/helpers/fixtures.js';
import { type Benchmark, summarise } from './harness.js';

const SNAPSHOTS = Number(process.env.BENCH_SNAPSHOTS ?? 2000);
const PER_SNAPSHOT = 50;
const STORE_SAVES = 1000; // per kind (update, create)
const COLD_SAVES = Math.min(200, Math.floor(SNAPSHOTS / 2));
const SINGLE_FILE_SAVES = 10; // per kind: each rewrites the whole library
const OPENS = 5;
const CHILD_OPENS = 3;

const here = dirname(fileURLToPath(import.meta.url));
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

/** A realistic annotation: ~100-character quote with 32 characters of context, a comment, fields. */
function benchAnnotation(snapshotId: string, i: number): Annotation {
  const exact = `"We will not be intimidated," said the spokesperson ${i}, adding that the plan was final.`;
  return makeAnnotation(snapshotId, i, {
    kind: 'quote',
    target: {
      quote: { type: 'TextQuoteSelector', exact, prefix: 'on Tuesday, after the meeting, ', suffix: ' The council is expected to v' },
      position: { type: 'TextPositionSelector', start: i * 120, end: i * 120 + exact.length },
    },
    fields: { speaker: 'spk-1', speakerRole: 'spokesperson', quoteType: 'direct', cue: 'said' },
    tags: ['tag-policy'],
    comment: 'Check against the council minutes of the same day.',
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Builds the library through the store itself (8 articles at a time, to overlap fsyncs). */
async function buildLibrary(dir: string) {
  const lib = await openLibrary(dir);
  const snapshots: Snapshot[] = [];
  let next = 0;
  const worker = async () => {
    while (next < SNAPSHOTS) {
      const n = next++;
      const s = await makeSnapshot(lib, n);
      await lib.addSnapshot(s);
      const list = Array.from({ length: PER_SNAPSHOT }, (_, i) => benchAnnotation(s.id, i));
      await lib.putAnnotations(s.id, list);
      snapshots.push(s);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await lib.close();
  return snapshots;
}

/**
 * Everything the single file holds, read back from the built library. Loaded only after the
 * store saves are timed: 100k annotations on the heap would slow the store's GC, and the app
 * never holds them all.
 */
async function readAll(dir: string, snapshots: Snapshot[]): Promise<Annotation[]> {
  const lib = await openLibrary(dir);
  const all: Annotation[] = [];
  for (const s of snapshots) all.push(...(await lib.listAnnotations(s.id, { includeDeleted: true })));
  await lib.close();
  return all;
}

const touch = (a: Annotation, i: number): Annotation => ({ ...a, comment: `edited ${i}`, updatedAt: new Date().toISOString() });

async function storeSaves(lib: Library, snapshots: Snapshot[]) {
  const update: number[] = [];
  const create: number[] = [];
  const coldCreate: number[] = [];
  // Cold: the first save on an article whose annotations.json is not loaded yet (includes reading it).
  for (const s of snapshots.slice(0, COLD_SAVES)) {
    coldCreate.push(await timed(() => lib.putAnnotation(benchAnnotation(s.id, 1000))));
  }
  const warm = snapshots.slice(COLD_SAVES);
  for (let i = 0; i < STORE_SAVES; i++) {
    const s = pick(warm);
    const list = await lib.listAnnotations(s.id); // what the reader has done before any save
    const a = pick(list);
    update.push(await timed(() => lib.putAnnotation(touch(a, i))));
    const t = pick(warm);
    await lib.listAnnotations(t.id);
    create.push(await timed(() => lib.putAnnotation(benchAnnotation(t.id, 2000 + i))));
  }
  return { update: summarise(update), create: summarise(create), coldCreate: summarise(coldCreate) };
}

async function singleFileSaves(file: string, snapshots: Snapshot[], annotations: Annotation[]) {
  const db = new Low(new JSONFile<{ snapshots: Snapshot[]; annotations: Annotation[] }>(file), { snapshots, annotations });
  const buildMs = await timed(() => db.write());
  const size = (await stat(file)).size;
  const update: number[] = [];
  const create: number[] = [];
  for (let i = 0; i < SINGLE_FILE_SAVES; i++) {
    const k = Math.floor(Math.random() * db.data.annotations.length);
    update.push(
      await timed(async () => {
        db.data.annotations[k] = touch(db.data.annotations[k]!, i);
        await db.write();
      }),
    );
    const s = pick(snapshots);
    create.push(
      await timed(async () => {
        db.data.annotations.push(benchAnnotation(s.id, 3000 + i));
        await db.write();
      }),
    );
  }
  return { fileMB: size / 2 ** 20, firstWriteMs: buildMs, update: summarise(update), create: summarise(create) };
}

/** The floor under any durable save on this disk: temp write + fsync + rename + folder fsync of ~30 KB. */
async function fsyncCost(dir: string, bytes: number) {
  const data = Buffer.alloc(bytes, 0x61);
  const full: number[] = [];
  const fsyncOnly: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const fh = await open(join(dir, 'probe.tmp'), 'w');
    await fh.writeFile(data);
    const t1 = performance.now();
    await fh.sync();
    fsyncOnly.push(performance.now() - t1);
    await fh.close();
    await rename(join(dir, 'probe.tmp'), join(dir, 'probe'));
    const dh = await open(dir, 'r');
    await dh.sync();
    await dh.close();
    full.push(performance.now() - t0);
  }
  return { bytes, fileFsync: summarise(fsyncOnly), durableWrite: summarise(full) };
}

async function openInProcess(dir: string) {
  const times: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    let lib: Library | undefined;
    times.push(await timed(async () => (lib = await openLibrary(dir))));
    await lib!.close();
  }
  return summarise(times);
}

/** A new Node process each time: module loading excluded, only openLibrary() is timed. */
async function openInChild(dir: string) {
  const run = promisify(execFile);
  const times: number[] = [];
  for (let i = 0; i < CHILD_OPENS; i++) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(here, 'open-child.ts'), dir], { cwd: join(here, '..') });
    times.push(Number(/openMs (\S+)/.exec(stdout)?.[1]));
  }
  return summarise(times);
}

export const storeBench: Benchmark = {
  name: 'store',
  description: `Annotation save latency (ms) with ${SNAPSHOTS} snapshots × ${PER_SNAPSHOT} annotations: Glossa's library folder vs one lowdb JSON file; cold open.`,
  async run() {
    const root = await mkdtemp(join(tmpdir(), 'glossa-bench-'));
    try {
      const dir = join(root, 'library');
      const t0 = performance.now();
      const snapshots = await buildLibrary(dir);
      const setupSeconds = (performance.now() - t0) / 1000;
      const indexBytes = (await stat(join(dir, 'glossa.json'))).size;
      const annotationsBytes = (await stat(join(dir, 'snapshots', snapshots[0]!.id, 'annotations.json'))).size;

      const lib = await openLibrary(dir, { indexFlushDelayMs: Number(process.env.BENCH_FLUSH_DELAY ?? 300) });
      const store = await storeSaves(lib, snapshots);
      await lib.close();

      // BENCH_SINGLE_FILE=0 skips the slow comparison (for quick store-only runs).
      const single =
        process.env.BENCH_SINGLE_FILE === '0'
          ? { skipped: true, update: { p50: NaN, p99: NaN }, create: { p50: NaN, p99: NaN } }
          : await singleFileSaves(join(root, 'single.json'), snapshots, await readAll(dir, snapshots));
      const fsync = await fsyncCost(root, annotationsBytes);
      const openWarmCache = await openInProcess(dir);
      const openNewProcess = await openInChild(dir);

      const speedup = {
        updateP50: single.update.p50 / store.update.p50,
        updateP99: single.update.p99 / store.update.p99,
        createP50: single.create.p50 / store.create.p50,
        createP99: single.create.p99 / store.create.p99,
      };
      const worstP99 = Math.max(store.update.p99, store.create.p99);
      return {
        setup: {
          seconds: setupSeconds,
          snapshots: snapshots.length,
          annotationsPerSnapshot: PER_SNAPSHOT,
          glossaJsonKB: indexBytes / 1024,
          annotationsJsonKB: annotationsBytes / 1024,
        },
        store,
        singleFile: single,
        speedup,
        fsync,
        open: { inProcess: openWarmCache, newProcess: openNewProcess },
        targets: {
          'p99 save < 5 ms': `${worstP99 < 5 ? 'met' : 'MISSED'} (${worstP99.toFixed(2)} ms)`,
          '≥ 20× faster than single file (p99)': `${Math.min(speedup.updateP99, speedup.createP99) >= 20 ? 'met' : 'MISSED'} (${Math.min(speedup.updateP99, speedup.createP99).toFixed(0)}×)`,
        },
      };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
