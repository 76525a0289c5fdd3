/**
 * Opening a library that was closed cleanly trusts the counts in glossa.json: no
 * annotations.json is read or even stat'ed (10,000 of them cost most of an open). After an
 * unclean close every file is still checked, and a file changed behind Glossa's back while it
 * was closed is corrected when it is first read.
 *
 * Node's fs is wrapped (not replaced) to record which annotation files the store touches.
 */
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Library, openLibrary } from '../../../core/store/index.js';
import { makeAnnotation, makeSnapshot, removeDir, tempDir } from './helpers/fixtures.js';

const touched = vi.hoisted(() => ({ paths: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const { recording } = await import('./helpers/fs-record.js');
  return recording(real, touched.paths);
});
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const { recording } = await import('./helpers/fs-record.js');
  return recording(real, touched.paths);
});

const dirs: string[] = [];
const libs: Library[] = [];
beforeEach(() => {
  touched.paths.length = 0;
});
afterEach(async () => {
  await Promise.all(libs.splice(0).map((l) => l.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map(removeDir));
});

const annotationFiles = () => touched.paths.filter((p) => p.endsWith('annotations.json'));
const total = (c: { quote: number; claim: number; figure: number; note: number }) => c.quote + c.claim + c.figure + c.note;

/** A closed library: three snapshots, two annotations on each. */
async function closedLibrary() {
  const dir = await tempDir();
  dirs.push(dir);
  const lib = await openLibrary(dir);
  const ids: string[] = [];
  for (let n = 0; n < 3; n++) {
    const s = await makeSnapshot(lib, n);
    await lib.addSnapshot(s);
    await lib.putAnnotations(s.id, [makeAnnotation(s.id, 2 * n), makeAnnotation(s.id, 2 * n + 1)]);
    ids.push(s.id);
  }
  await lib.close();
  return { dir, ids };
}

/**
 * What a session that crashed (or a backup restore) leaves: a third annotation in the first
 * snapshot's file, written after glossa.json, whose counts still say two.
 */
async function annotateBehindTheStore(dir: string, id: string) {
  const file = join(dir, 'snapshots', id, 'annotations.json');
  const doc = JSON.parse(await readFile(file, 'utf8')) as { annotations: unknown[] };
  doc.annotations.push(makeAnnotation(id, 40));
  await writeFile(file, JSON.stringify(doc, null, 2));
  // Surely after the flush clock, however coarse the file system's timestamps.
  const later = new Date(Date.now() + 5_000);
  await utimes(file, later, later);
}

async function editIndex(dir: string, change: (index: Record<string, unknown>) => void) {
  const file = join(dir, 'glossa.json');
  const index = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(index);
  await writeFile(file, JSON.stringify(index));
}

describe('opening a library', () => {
  it('after a clean close reads and stats no annotations.json', async () => {
    const { dir, ids } = await closedLibrary();
    expect((JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8')) as { generation?: string }).generation).not.toMatch(/^dirty:/);
    touched.paths.length = 0;

    const lib = await openLibrary(dir);
    libs.push(lib);
    expect(annotationFiles()).toEqual([]);
    expect(lib.listSnapshots().map((r) => total(r.counts))).toEqual([2, 2, 2]);

    // The recording sees the store's reads: opening one article touches its file, and only it.
    expect(await lib.listAnnotations(ids[1]!)).toHaveLength(2);
    expect(annotationFiles().length).toBeGreaterThan(0);
    expect(annotationFiles().every((p) => p.includes(ids[1]!))).toBe(true);
  });

  it('after an unclean close checks every annotations.json and repairs the counts', async () => {
    const { dir, ids } = await closedLibrary();
    await annotateBehindTheStore(dir, ids[0]!);
    await editIndex(dir, (index) => (index.generation = 'dirty:0123456789abcdef'));
    touched.paths.length = 0;

    const lib = await openLibrary(dir);
    libs.push(lib);
    for (const id of ids)
      expect(
        annotationFiles().some((p) => p.includes(id)),
        id,
      ).toBe(true);
    expect(lib.listSnapshots().map((r) => total(r.counts))).toEqual([3, 2, 2]);
    await lib.close();

    // The repaired counts and a clean stamp reach the disk: the next open trusts them.
    touched.paths.length = 0;
    const again = await openLibrary(dir);
    libs.push(again);
    expect(annotationFiles()).toEqual([]);
    expect(again.listSnapshots().map((r) => total(r.counts))).toEqual([3, 2, 2]);
  });

  it('after a clean close still recounts the snapshots glossa.json names as mid-save', async () => {
    const { dir, ids } = await closedLibrary();
    await annotateBehindTheStore(dir, ids[2]!);
    await editIndex(dir, (index) => (index.countsPending = [ids[2]]));
    touched.paths.length = 0;

    const lib = await openLibrary(dir);
    libs.push(lib);
    expect(new Set(annotationFiles().map((p) => ids.find((id) => p.includes(id))))).toEqual(new Set([ids[2]]));
    expect(lib.listSnapshots().map((r) => total(r.counts))).toEqual([2, 2, 3]);
  });

  it('a file changed while the library was closed is trusted at open and corrected once read', async () => {
    const { dir, ids } = await closedLibrary();
    await annotateBehindTheStore(dir, ids[0]!);

    const lib = await openLibrary(dir, { indexFlushDelayMs: 0 });
    libs.push(lib);
    expect(total(lib.listSnapshots()[0]!.counts)).toBe(2);
    expect(await lib.listAnnotations(ids[0]!)).toHaveLength(3);
    expect(total(lib.listSnapshots()[0]!.counts)).toBe(3);
    await lib.close();

    const again = await openLibrary(dir);
    libs.push(again);
    expect(again.listSnapshots().map((r) => total(r.counts))).toEqual([3, 2, 2]);
  });

  it('a library from before the generation stamp is checked in full once, then stamped', async () => {
    const { dir, ids } = await closedLibrary();
    await annotateBehindTheStore(dir, ids[1]!);
    let clock = 0;
    await editIndex(dir, (index) => {
      delete index.generation;
      clock = index.countsClock as number;
    });

    const lib = await openLibrary(dir);
    libs.push(lib);
    // The stamp it reports is the one it had before (a search index built on it stays valid).
    expect(lib.generation).toBe(`legacy:${clock}`);
    expect(lib.listSnapshots().map((r) => total(r.counts))).toEqual([2, 3, 2]);
    await lib.close();
    expect((JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8')) as { generation?: string }).generation).toBe(`legacy:${clock}`);

    touched.paths.length = 0;
    const again = await openLibrary(dir);
    libs.push(again);
    expect(annotationFiles()).toEqual([]);
    expect(again.generation).toBe(`legacy:${clock}`);
    expect(again.listSnapshots().map((r) => total(r.counts))).toEqual([2, 3, 2]);
  });
});
