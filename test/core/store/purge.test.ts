/**
 * Emptying the trash in the store: bodies another article names stay, and a purge a crash
 * interrupted after its first step is finished by the next open (glossa.json as that step
 * leaves it, written by hand: the kill test in test/cli covers real kills).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Library, openLibrary } from '../../../core/store/index.js';
import { makeSnapshot, removeDir, tempDir } from './helpers/fixtures.js';

const dirs: string[] = [];
const libs: Library[] = [];
afterEach(async () => {
  await Promise.all(libs.splice(0).map((l) => l.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map(removeDir));
});

const blobsOn = async (dir: string) => {
  const out: string[] = [];
  const root = join(dir, 'blobs', 'sha256');
  for (const fan of await readdir(root)) out.push(...(await readdir(join(root, fan))));
  return new Set(out);
};

/** Three articles; the second and third share an image body. */
async function library() {
  const dir = await tempDir();
  dirs.push(dir);
  const lib = await openLibrary(dir);
  const image = await lib.blobs.put(new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
  const snaps = [];
  for (let i = 0; i < 3; i++) {
    const s = await makeSnapshot(lib, i, i > 0 ? { assetHashes: [image] } : {});
    await lib.addSnapshot(s);
    snaps.push(s);
  }
  return { dir, lib, snaps, image };
}

describe('purgeSnapshots', () => {
  it('removes the folders and the bodies only they named, and remembers what it removed', async () => {
    const { dir, lib, snaps, image } = await library();
    const [a, b, c] = snaps as [(typeof snaps)[0], (typeof snaps)[0], (typeof snaps)[0]];
    const done = await lib.purgeSnapshots([b.id]);
    expect(done).toMatchObject({ removed: [b.id], blobsFreed: 2 });
    const left = await blobsOn(dir);
    for (const h of [a.textHash, a.htmlHash, c.textHash, c.htmlHash, image]) expect(left.has(h)).toBe(true);
    expect(left.has(b.textHash) || left.has(b.htmlHash)).toBe(false);
    expect(lib.listSnapshots().map((r) => r.id)).toEqual([a.id, c.id]);
    expect(lib.hasSnapshot(b.id)).toBe(false);
    await expect(lib.purgeSnapshots([b.id])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The last article naming the image takes it along.
    expect((await lib.purgeSnapshots([c.id])).blobsFreed).toBe(3);
    expect((await blobsOn(dir)).has(image)).toBe(false);
    expect(lib.listPurged().map((p) => p.id)).toEqual([b.id, c.id]);
  });

  it('is finished on open after a crash that left folders and bodies behind, never taking a body still in use', async () => {
    const { dir, lib, snaps, image } = await library();
    const [a, b, c] = snaps as [(typeof snaps)[0], (typeof snaps)[0], (typeof snaps)[0]];
    await lib.close();
    // glossa.json as step 1 leaves it: b listed as purged, its row gone, its bodies noted; nothing removed yet.
    const file = join(dir, 'glossa.json');
    const index = JSON.parse(await readFile(file, 'utf8'));
    index.snapshots = index.snapshots.filter((r: { id: string }) => r.id !== b.id);
    index.purged = [{ id: b.id, textHash: b.textHash, purgedAt: new Date().toISOString() }];
    index.purgePending = true;
    index.purgeBodies = [b.textHash, b.htmlHash, image];
    await writeFile(file, JSON.stringify(index));

    const again = await openLibrary(dir);
    libs.push(again);
    expect(await readdir(join(dir, 'snapshots'))).not.toContain(b.id);
    const left = await blobsOn(dir);
    expect(left.has(b.textHash)).toBe(false);
    expect(left.has(image)).toBe(true);
    expect(again.listSnapshots().map((r) => r.id)).toEqual([a.id, c.id]);
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk.purgePending).toBeUndefined();
    expect(onDisk.purged.map((p: { id: string }) => p.id)).toEqual([b.id]);
    expect(await again.blobs.verify()).toMatchObject({ corrupt: [] });
  });
});
