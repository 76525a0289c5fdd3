import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { defaultLibraryDir, type Library, openLibrary, resolveLibraryDir } from '../../../core/store/index.js';
import { makeAnnotation, makeSnapshot, removeDir, tempDir } from './helpers/fixtures.js';

const dirs: string[] = [];
const libs: Library[] = [];
async function freshLibrary() {
  const dir = await tempDir();
  dirs.push(dir);
  const lib = await openLibrary(dir);
  libs.push(lib);
  return { dir, lib };
}
afterEach(async () => {
  await Promise.all(libs.splice(0).map((l) => l.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return (e as GlossaError).code;
  }
  throw new Error('expected a GlossaError');
}

describe('library folder', () => {
  it('creates the layout of docs/DATA-MODEL.md', async () => {
    const { dir } = await freshLibrary();
    for (const entry of ['glossa.json', 'snapshots', 'blobs/sha256', '.lock']) expect(existsSync(join(dir, entry)), entry).toBe(true);
    const index = JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8'));
    expect(index).toMatchObject({ schemaVersion: 1, snapshots: [], codebook: [], speakers: [], settings: {} });
  });

  it('round-trips snapshots, blobs and annotations through close and reopen', async () => {
    const { dir, lib } = await freshLibrary();
    const snaps = [];
    for (let n = 0; n < 3; n++) {
      const s = await makeSnapshot(lib, n);
      await lib.addSnapshot(s);
      snaps.push(s);
    }
    const [a, b] = snaps;
    const onA = Array.from({ length: 9 }, (_, i) => makeAnnotation(a!.id, i));
    for (const ann of onA) await lib.putAnnotation(ann);
    await lib.putAnnotations(b!.id, [makeAnnotation(b!.id, 100), makeAnnotation(b!.id, 101)]);
    // An update replaces by id; a tombstone stops counting.
    await lib.putAnnotation({ ...onA[0]!, comment: 'edited', updatedAt: '2024-05-01T00:00:00.000Z' });
    await lib.putAnnotation({ ...onA[1]!, deletedAt: '2024-05-02T00:00:00.000Z' });

    const before = {
      rows: lib.listSnapshots(),
      snapshots: await Promise.all(snaps.map((s) => lib.getSnapshot(s.id))),
      annotations: await Promise.all(snaps.map((s) => lib.listAnnotations(s.id, { includeDeleted: true }))),
      text: await lib.blobs.getText(a!.textHash),
    };
    await lib.close();

    const again = await openLibrary(dir);
    libs.push(again);
    expect(again.listSnapshots()).toEqual(before.rows);
    expect(await Promise.all(snaps.map((s) => again.getSnapshot(s.id)))).toEqual(before.snapshots);
    expect(await Promise.all(snaps.map((s) => again.listAnnotations(s.id, { includeDeleted: true })))).toEqual(before.annotations);
    expect(await again.blobs.getText(a!.textHash)).toBe(before.text);
    expect(before.snapshots).toEqual(snaps);

    const rowA = again.listSnapshots().find((r) => r.id === a!.id)!;
    const live = onA.slice(1).filter((_, i) => i !== 0); // onA[1] is deleted
    const expected = { quote: 0, claim: 0, figure: 0, note: 0 };
    for (const x of [onA[0]!, ...live]) expected[x.kind]++;
    expect(rowA.counts).toEqual(expected);
    expect(again.listSnapshots().find((r) => r.id === b!.id)!.counts).toEqual({ quote: 1, claim: 1, figure: 0, note: 0 });
    expect((await again.getAnnotation(a!.id, onA[0]!.id)).comment).toBe('edited');
    expect((await again.listAnnotations(a!.id)).map((x) => x.id)).not.toContain(onA[1]!.id);
  });

  it('lists snapshots oldest capture first and finds them by text hash', async () => {
    const { lib } = await freshLibrary();
    const late = await makeSnapshot(lib, 5);
    const early = await makeSnapshot(lib, 1);
    await lib.addSnapshot(late);
    await lib.addSnapshot(early);
    expect(lib.listSnapshots().map((r) => r.id)).toEqual([early.id, late.id]);
    expect(lib.findByTextHash(late.textHash)?.id).toBe(late.id);
    expect(lib.findByTextHash('0'.repeat(64))).toBeUndefined();
    expect(lib.hasSnapshot(early.id)).toBe(true);
  });

  it('lists annotations in text order (start, end, createdAt)', async () => {
    const { lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    const at = (start: number, end: number, createdAt: string) =>
      makeAnnotation(s.id, 0, {
        createdAt,
        target: {
          quote: { type: 'TextQuoteSelector', exact: 'x'.repeat(end - start), prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start, end },
        },
      });
    const list = [at(10, 20, '2024-01-03'), at(5, 30, '2024-01-01'), at(10, 15, '2024-01-02'), at(10, 20, '2024-01-01')];
    for (const a of list) await lib.putAnnotation(a);
    const got = (await lib.listAnnotations(s.id)).map((a) => [a.target.position.start, a.target.position.end, a.createdAt]);
    expect(got).toEqual([
      [5, 30, '2024-01-01'],
      [10, 15, '2024-01-02'],
      [10, 20, '2024-01-01'],
      [10, 20, '2024-01-03'],
    ]);
  });

  it('writes each snapshot once: the same record again is a no-op, a different one is refused', async () => {
    const { dir, lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    const file = join(dir, 'snapshots', s.id, 'snapshot.json');
    const bytes = await readFile(file);
    await lib.addSnapshot(structuredClone(s));
    expect(await codeOf(lib.addSnapshot({ ...s, title: 'Changed' }))).toBe('INVALID_INPUT');
    expect(await readFile(file)).toEqual(bytes);
  });

  it('refuses a snapshot whose bodies are not stored, writing nothing', async () => {
    const { dir, lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1, { htmlHash: 'a'.repeat(64) });
    expect(await codeOf(lib.addSnapshot(s))).toBe('INVALID_INPUT');
    expect(await readdir(join(dir, 'snapshots'))).toEqual([]);
    expect(lib.hasSnapshot(s.id)).toBe(false);
  });

  it('rejects ids and hashes that could reach outside the library', async () => {
    const { dir, lib } = await freshLibrary();
    const outside = join(dir, '..', 'escaped');
    for (const id of ['../escaped', '..', 'a/b', 'a\\b', '.hidden', '', 'x'.repeat(200), 'a\0b']) {
      const s = await makeSnapshot(lib, 1, { id });
      expect(await codeOf(lib.addSnapshot(s)), id).toBe('INVALID_INPUT');
      expect(await codeOf(lib.getSnapshot(id)), id).toBe('INVALID_INPUT');
      expect(await codeOf(lib.listAnnotations(id)), id).toBe('INVALID_INPUT');
    }
    for (const hash of ['../../glossa.json', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(62)}/..`]) {
      expect(await codeOf(lib.blobs.get(hash)), hash).toBe('INVALID_INPUT');
      expect(await codeOf(lib.blobs.has(hash)), hash).toBe('INVALID_INPUT');
    }
    expect(existsSync(outside)).toBe(false);
  });

  it('validates annotations and refuses ones for unknown snapshots', async () => {
    const { lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    const bad = { ...makeAnnotation(s.id, 1), kind: 'rumour' } as unknown as Parameters<Library['putAnnotation']>[0];
    expect(await codeOf(lib.putAnnotation(bad))).toBe('INVALID_INPUT');
    expect(await codeOf(lib.putAnnotation(makeAnnotation('no-such-snapshot', 1)))).toBe('NOT_FOUND');
    expect(await codeOf(lib.putAnnotations(s.id, [makeAnnotation(s.id, 1), makeAnnotation('other', 2)]))).toBe('INVALID_INPUT');
    expect(await lib.listAnnotations(s.id)).toEqual([]);
    expect(await codeOf(lib.getAnnotation(s.id, 'nope'))).toBe('NOT_FOUND');
    expect(await codeOf(lib.getSnapshot('0190a0a0-0000-7000-8000-000000000000'))).toBe('NOT_FOUND');
  });

  it('putAnnotations writes many in one go, replacing by id (last wins)', async () => {
    const { lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    const list = Array.from({ length: 50 }, (_, i) => makeAnnotation(s.id, i));
    await lib.putAnnotations(s.id, [...list, { ...list[3]!, comment: 'second copy wins' }]);
    const stored = await lib.listAnnotations(s.id);
    expect(stored).toHaveLength(50);
    expect(stored.find((a) => a.id === list[3]!.id)!.comment).toBe('second copy wins');
  });

  it('keeps one annotation save away from glossa.json (counts flushed lazily, then on close)', async () => {
    const { dir, lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    await lib.flushIndex();
    const indexFile = join(dir, 'glossa.json');
    const before = await stat(indexFile);
    const a = makeAnnotation(s.id, 0);
    await lib.putAnnotation(a);
    await lib.putAnnotation({ ...a, comment: 'edited' });
    expect((await stat(indexFile)).mtimeMs).toBe(before.mtimeMs);
    expect(lib.listSnapshots()[0]!.counts.quote).toBe(1); // memory is current at once
    await lib.close();
    expect(JSON.parse(await readFile(indexFile, 'utf8')).snapshots[0].counts.quote).toBe(1);
  });

  it('returns copies, so callers cannot change stored state by mutating results', async () => {
    const { lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    await lib.putAnnotation(makeAnnotation(s.id, 0));
    (await lib.listAnnotations(s.id))[0]!.comment = 'mutated';
    (await lib.getSnapshot(s.id)).title = 'mutated';
    lib.listSnapshots()[0]!.counts.quote = 99;
    expect((await lib.listAnnotations(s.id))[0]!.comment).not.toBe('mutated');
    expect((await lib.getSnapshot(s.id)).title).toBe(s.title);
    expect(lib.listSnapshots()[0]!.counts.quote).toBe(1);
  });

  it('serialises concurrent saves on one snapshot without losing any', async () => {
    const { dir, lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    const list = Array.from({ length: 40 }, (_, i) => makeAnnotation(s.id, i));
    await Promise.all(list.map((a) => lib.putAnnotation(a)));
    expect(await lib.listAnnotations(s.id)).toHaveLength(40);
    const onDisk = JSON.parse(await readFile(join(dir, 'snapshots', s.id, 'annotations.json'), 'utf8'));
    expect(onDisk.annotations).toHaveLength(40);
  });

  it('keeps data right when parsed annotation files are evicted from memory and read again', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const lib = await openLibrary(dir, { maxCachedAnnotationFiles: 2 });
    libs.push(lib);
    const snaps = [];
    for (let n = 0; n < 5; n++) {
      const s = await makeSnapshot(lib, n);
      await lib.addSnapshot(s);
      snaps.push(s);
    }
    const expected = new Map<string, string[]>();
    for (let round = 0; round < 3; round++) {
      for (const s of snaps) {
        const a = makeAnnotation(s.id, round);
        await lib.putAnnotation(a);
        expected.set(s.id, [...(expected.get(s.id) ?? []), a.id]);
      }
    }
    for (const s of snaps) {
      expect((await lib.listAnnotations(s.id)).map((a) => a.id).sort()).toEqual(expected.get(s.id)!.sort());
    }
    expect(lib.listSnapshots().map((r) => r.counts.quote + r.counts.claim + r.counts.figure)).toEqual([3, 3, 3, 3, 3]);
  });

  it('clears temp files left by interrupted writes, and reads past them', async () => {
    const { dir, lib } = await freshLibrary();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    await lib.putAnnotation(makeAnnotation(s.id, 0));
    await lib.close();
    const folder = join(dir, 'snapshots', s.id);
    await writeFile(join(dir, '.glossa.json.0123456789ab.tmp'), '{"schemaVersion":1,"snap');
    await writeFile(join(folder, '.annotations.json.abcdef012345.tmp'), '{"annotations":[');
    const again = await openLibrary(dir);
    libs.push(again);
    expect(await again.listAnnotations(s.id)).toHaveLength(1);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await readdir(folder)).sort()).toEqual(['annotations.json', 'snapshot.json']);
  });

  it('refuses a library written by a newer Glossa, changing nothing', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const content = JSON.stringify({ schemaVersion: 2, snapshots: 'a new shape' });
    await writeFile(join(dir, 'glossa.json'), content);
    const error = await openLibrary(dir).then(
      () => null,
      (e: GlossaError) => e,
    );
    expect(error?.code).toBe('LIBRARY_TOO_NEW');
    expect(error?.message).toMatch(/update glossa/i);
    expect(await readFile(join(dir, 'glossa.json'), 'utf8')).toBe(content);
    expect(existsSync(join(dir, '.lock'))).toBe(false); // the lock was released
  });

  it('will not turn a folder of other files into a library', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await writeFile(join(dir, 'thesis.docx'), 'mine');
    expect(await codeOf(openLibrary(dir))).toBe('INVALID_INPUT');
    expect(await readdir(dir)).toEqual(['thesis.docx']);
  });

  it('refuses use after close', async () => {
    const { lib } = await freshLibrary();
    await lib.close();
    await lib.close(); // twice is fine
    expect(await codeOf(() => lib.listSnapshots())).toBe('LIBRARY_LOCKED');
    expect(await codeOf(lib.blobs.put('x'))).toBe('LIBRARY_LOCKED');
  });

  it('resolves the library location: explicit, then GLOSSA_LIBRARY, then <userData>/library', async () => {
    const base = await tempDir();
    dirs.push(base);
    const env = { GLOSSA_LIBRARY: join(base, 'from-env') };
    expect(resolveLibraryDir(join(base, 'explicit'), '/u', env)).toBe(join(base, 'explicit'));
    expect(resolveLibraryDir(undefined, '/u', env)).toBe(join(base, 'from-env'));
    expect(resolveLibraryDir(undefined, join(base, 'user'), {})).toBe(join(base, 'user', 'library'));
    expect(defaultLibraryDir('/data')).toBe(join('/data', 'library'));
  });
});
