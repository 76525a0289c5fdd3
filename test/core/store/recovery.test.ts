import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../core/model/index.js';
import { type Library, openLibrary } from '../../../core/store/index.js';
import { exited, makeAnnotation, openAfterCrash, makeSnapshot, removeDir, spawnHelper, tempDir, waitForLine } from './helpers/fixtures.js';

const dirs: string[] = [];
const libs: Library[] = [];
afterEach(async () => {
  await Promise.all(libs.splice(0).map((l) => l.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map(removeDir));
});

const liveCounts = (list: Annotation[]) => {
  const c = { quote: 0, claim: 0, figure: 0, note: 0 };
  for (const a of list) if (!a.deletedAt) c[a.kind]++;
  return c;
};
const indexOnDisk = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8')) as { snapshots: { id: string; counts: unknown }[]; generation?: string };

/** Runs the holder with the lazy index flush pushed far out, then SIGKILLs it once it has saved. */
async function crashAfter(dir: string, args: string[]) {
  const child = spawnHelper('hold-library.ts', [dir, '--stale', '2000', '--flush-delay', '600000', ...args]);
  await waitForLine(child, /^ready$/);
  child.kill('SIGKILL');
  await exited(child);
}

async function libraryWithSnapshots(n: number) {
  const dir = await tempDir();
  dirs.push(dir);
  const lib = await openLibrary(dir);
  const snaps = [];
  for (let i = 0; i < n; i++) {
    const s = await makeSnapshot(lib, i);
    await lib.addSnapshot(s);
    snaps.push(s);
  }
  return { dir, lib, snaps };
}

describe('crash recovery of the lazily flushed index', () => {
  it('counts are right after a process dies between annotation saves and the index flush', async () => {
    const { dir, lib, snaps } = await libraryWithSnapshots(2);
    const [s, other] = snaps;
    const first = [0, 1, 2].map((i) => makeAnnotation(s!.id, i));
    await lib.putAnnotations(s!.id, first);
    await lib.putAnnotation(makeAnnotation(other!.id, 3));
    await lib.close();
    const flushed = await indexOnDisk(dir);

    // Another session adds five, deletes one, and is killed before it writes glossa.json.
    await crashAfter(dir, ['--annotate', s!.id, '5', '--base', '10', '--delete', s!.id, first[1]!.id]);
    // Its first write only marked the generation dirty (so a search index built before is not trusted).
    const afterCrash = await indexOnDisk(dir);
    expect(afterCrash.generation).toMatch(/^dirty:/);
    expect(afterCrash.snapshots, 'precondition: the crashed session never flushed the counts').toEqual(flushed.snapshots);

    const again = await openAfterCrash(dir);
    libs.push(again);
    const stored = await again.listAnnotations(s!.id, { includeDeleted: true });
    expect(stored).toHaveLength(8);
    const rows = again.listSnapshots();
    expect(rows.find((r) => r.id === s!.id)!.counts).toEqual(liveCounts(stored));
    expect(rows.find((r) => r.id === s!.id)!.counts).not.toEqual(flushed.snapshots.find((r) => r.id === s!.id)!.counts);
    expect(rows.find((r) => r.id === other!.id)!.counts).toEqual({ quote: 0, claim: 0, figure: 0, note: 0, [makeAnnotation('x', 3).kind]: 1 });

    // The repaired counts reach the disk, so the next open starts from them.
    await again.close();
    const reopened = await openLibrary(dir);
    libs.push(reopened);
    expect(reopened.listSnapshots()).toEqual(rows);
  });

  it('adopts snapshots whose files were written but whose index row was never flushed', async () => {
    const { dir, lib } = await libraryWithSnapshots(1);
    await lib.close();
    const flushed = await indexOnDisk(dir);
    await crashAfter(dir, ['--add-snapshots', '2']);
    expect((await indexOnDisk(dir)).snapshots, 'precondition: rows not flushed').toHaveLength(flushed.snapshots.length);

    const again = await openAfterCrash(dir);
    libs.push(again);
    const rows = again.listSnapshots();
    expect(rows).toHaveLength(3);
    for (const row of rows.slice(1)) {
      const annotations = await again.listAnnotations(row.id);
      expect(annotations).toHaveLength(1);
      expect(row.counts).toEqual(liveCounts(annotations));
      expect((await again.getSnapshot(row.id)).title).toBe(row.title);
    }
  });

  it('recounts a snapshot the last flush recorded as mid-save, even if its file looks older', async () => {
    const { dir, lib, snaps } = await libraryWithSnapshots(1);
    const id = snaps[0]!.id;
    await lib.putAnnotations(
      id,
      [0, 1, 2, 3].map((i) => makeAnnotation(id, i)),
    );
    await lib.close();
    const index = JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8'));
    const mtime = (await stat(join(dir, 'snapshots', id, 'annotations.json'))).mtimeMs;
    // As if the flush had read its clock after this file was stamped, while the save was in flight.
    index.snapshots[0].counts = { quote: 0, claim: 0, figure: 0, note: 0 };
    index.countsClock = mtime + 1;
    index.countsPending = [id];
    await writeFile(join(dir, 'glossa.json'), JSON.stringify(index));

    const again = await openLibrary(dir);
    libs.push(again);
    expect(again.listSnapshots()[0]!.counts).toEqual({ quote: 1, claim: 1, figure: 1, note: 1 });
  });

  it('recounts everything when glossa.json has no flush clock (e.g. written by hand or an older version)', async () => {
    const { dir, lib, snaps } = await libraryWithSnapshots(2);
    await lib.putAnnotation(makeAnnotation(snaps[1]!.id, 2));
    await lib.close();
    const index = JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8'));
    for (const row of index.snapshots) row.counts = { quote: 9, claim: 9, figure: 9, note: 9 };
    delete index.countsClock;
    delete index.countsPending;
    await writeFile(join(dir, 'glossa.json'), JSON.stringify(index));

    const again = await openLibrary(dir);
    libs.push(again);
    const counts = Object.fromEntries(again.listSnapshots().map((r) => [r.id, r.counts]));
    expect(counts[snaps[0]!.id]).toEqual({ quote: 0, claim: 0, figure: 0, note: 0 });
    expect(counts[snaps[1]!.id]).toEqual({ quote: 0, claim: 0, figure: 1, note: 0 });
  });
});
