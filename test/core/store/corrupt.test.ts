import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Library, openLibrary } from '../../../core/store/index.js';
import { makeAnnotation, makeSnapshot, removeDir, tempDir } from './helpers/fixtures.js';
import { failure } from './helpers/expect-error.js';

const dirs: string[] = [];
const libs: Library[] = [];
afterEach(async () => {
  await Promise.all(libs.splice(0).map((l) => l.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map(removeDir));
});

/** A closed library with two snapshots and a few annotations on the first. */
async function builtLibrary() {
  const dir = await tempDir();
  dirs.push(dir);
  const lib = await openLibrary(dir);
  const a = await makeSnapshot(lib, 1);
  const b = await makeSnapshot(lib, 2);
  await lib.addSnapshot(a);
  await lib.addSnapshot(b);
  await lib.putAnnotations(
    a.id,
    [0, 1, 2].map((i) => makeAnnotation(a.id, i)),
  );
  await lib.putAnnotation(makeAnnotation(b.id, 5));
  await lib.close();
  return { dir, a, b };
}

describe('damaged library files', () => {
  for (const [what, bytes] of [
    ['truncated JSON', '{"schemaVersion":1,"snapshots":[{"id":'],
    ['valid JSON of the wrong shape', '{"schemaVersion":1,"snapshots":"many"}'],
    ['an empty file', ''],
  ] as const) {
    it(`glossa.json holding ${what} → LIBRARY_CORRUPT, bytes unchanged, lock released`, async () => {
      const { dir } = await builtLibrary();
      const file = join(dir, 'glossa.json');
      await writeFile(file, bytes);
      const error = await failure(openLibrary(dir));
      expect(error.code).toBe('LIBRARY_CORRUPT');
      expect(error.message).toContain(file);
      expect(error.message).toMatch(/has not changed the library/);
      expect(error.message).toMatch(/backup/);
      expect(await readFile(file, 'utf8')).toBe(bytes);
      // Failing to open left no lock behind: a second attempt fails the same way, not LIBRARY_LOCKED.
      expect((await failure(openLibrary(dir))).code).toBe('LIBRARY_CORRUPT');
    });
  }

  it('moving a damaged glossa.json aside, as the message suggests, rebuilds the list from the snapshot folders', async () => {
    const { dir, a, b } = await builtLibrary();
    await writeFile(join(dir, 'glossa.json'), '{oops');
    await rename(join(dir, 'glossa.json'), join(dir, '..', `${a.id}-damaged-glossa.json`));
    const lib = await openLibrary(dir);
    libs.push(lib);
    expect(lib.listSnapshots().map((r) => [r.id, r.counts.quote + r.counts.claim + r.counts.figure + r.counts.note])).toEqual([
      [a.id, 3],
      [b.id, 1],
    ]);
    await removeDir(join(dir, '..', `${a.id}-damaged-glossa.json`));
  });

  it('a damaged annotations.json → LIBRARY_CORRUPT for that snapshot only, never overwritten', async () => {
    const { dir, a, b } = await builtLibrary();
    const file = join(dir, 'snapshots', a.id, 'annotations.json');
    const good = await readFile(file, 'utf8');
    const damaged = good.slice(0, good.length / 2);
    await writeFile(file, damaged);

    const lib = await openLibrary(dir);
    libs.push(lib);
    const error = await failure(lib.listAnnotations(a.id));
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.message).toContain(file);
    expect((await failure(lib.putAnnotation(makeAnnotation(a.id, 9)))).code).toBe('LIBRARY_CORRUPT');
    expect((await failure(lib.getAnnotation(a.id, 'x'))).code).toBe('LIBRARY_CORRUPT');
    // The rest of the library works.
    expect(await lib.listAnnotations(b.id)).toHaveLength(1);
    await lib.putAnnotation(makeAnnotation(b.id, 6));
    await lib.close();
    expect(await readFile(file, 'utf8')).toBe(damaged);

    // Once the file is restored, the snapshot works again.
    await writeFile(file, good);
    const again = await openLibrary(dir);
    libs.push(again);
    expect(await again.listAnnotations(a.id)).toHaveLength(3);
  });

  it('a damaged snapshot.json → LIBRARY_CORRUPT when the snapshot is opened, bytes unchanged', async () => {
    const { dir, a } = await builtLibrary();
    const file = join(dir, 'snapshots', a.id, 'snapshot.json');
    await writeFile(file, '{"id": 12}');
    const lib = await openLibrary(dir);
    libs.push(lib);
    expect((await failure(lib.getSnapshot(a.id))).code).toBe('LIBRARY_CORRUPT');
    expect(await readFile(file, 'utf8')).toBe('{"id": 12}');
  });
});
