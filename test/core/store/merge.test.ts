/**
 * The store's side of merging: histories recorded on every edit, conflicts kept and resolved,
 * and commitImport's all-or-nothing commit (staging, journal, roll forward on open).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { Snapshot, type Annotation } from '../../../core/model/index.js';
import { type Library, openLibrary, revisionOf } from '../../../core/store/index.js';
import { stageImport } from '../../../core/store/import-commit.js';
import { libraryLayout } from '../../../core/store/paths.js';
import type { ImportBatch } from '../../../core/store/types.js';
import { hashTree } from '../bundle/library.js';
import { articleText, makeAnnotation, makeSnapshot, removeDir, tempDir } from './helpers/fixtures.js';

const dirs: string[] = [];
const open: Library[] = [];
async function fresh(): Promise<{ dir: string; lib: Library }> {
  const dir = await tempDir();
  dirs.push(dir);
  const lib = await openLibrary(dir);
  open.push(lib);
  return { dir, lib };
}
afterEach(async () => {
  for (const lib of open.splice(0)) await lib.close().catch(() => undefined);
  await Promise.all(dirs.splice(0).map(removeDir));
});

const readDoc = async (dir: string, id: string) => JSON.parse(await readFile(join(dir, 'snapshots', id, 'annotations.json'), 'utf8'));
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A snapshot whose text and HTML are not in the library yet: the batch carries them. */
function looseSnapshot(n: number): { snapshot: Snapshot; blobs: ImportBatch['blobs'] } {
  const text = articleText(n);
  const html = `<article><p>${text}</p></article>`;
  const blobs = [text, html].map((body) => ({ hash: sha(body), read: async () => Buffer.from(body) }));
  const snapshot = Snapshot.parse({
    id: uuidv7(),
    title: `Article number ${n}`,
    capturedAt: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
    captureMethod: 'text',
    wordCount: text.split(/\s+/).length,
    textHash: blobs[0]!.hash,
    htmlHash: blobs[1]!.hash,
    blocks: [{ type: 'paragraph', start: 0, end: text.length }],
  });
  return { snapshot, blobs };
}

describe('histories', () => {
  it('an edit records the version it replaced; saving the same version again records nothing', async () => {
    const { dir, lib } = await fresh();
    const s = await makeSnapshot(lib, 1);
    await lib.addSnapshot(s);
    const a = makeAnnotation(s.id, 1);
    await lib.putAnnotation(a);
    await lib.putAnnotation(a);
    expect((await readDoc(dir, s.id)).history).toBeUndefined();
    const b: Annotation = { ...a, comment: 'second', updatedAt: '2025-01-01T00:00:00.000Z' };
    await lib.putAnnotation(b);
    const c: Annotation = { ...b, comment: 'third', updatedAt: '2025-01-02T00:00:00.000Z' };
    await lib.putAnnotations(s.id, [c]);
    expect((await readDoc(dir, s.id)).history).toEqual({ [a.id]: [revisionOf(a), revisionOf(b)].sort() });
    expect((await lib.readVersions(s.id)).history[a.id]).toEqual([revisionOf(a), revisionOf(b)].sort());
  });
});

describe('commitImport', () => {
  async function planned(lib: Library) {
    const existing = await makeSnapshot(lib, 1);
    await lib.addSnapshot(existing);
    const a = makeAnnotation(existing.id, 1);
    await lib.putAnnotation(a);
    const basis = (await lib.readVersions(existing.id)).basis;
    const loose = looseSnapshot(2);
    const added = loose.snapshot;
    const incoming = makeAnnotation(added.id, 2);
    const winner: Annotation = { ...a, comment: 'theirs', updatedAt: '2030-01-01T00:00:00.000Z' };
    const kept: Annotation = { ...a, comment: 'mine', updatedAt: '2029-01-01T00:00:00.000Z' };
    const batch: ImportBatch = {
      blobs: loose.blobs,
      add: [{ snapshot: added, versions: { annotations: [incoming], history: {}, conflicts: [] } }],
      replace: [
        {
          snapshotId: existing.id,
          basis,
          versions: { annotations: [winner], history: { [a.id]: [revisionOf(a)] }, conflicts: [{ annotation: kept, history: [revisionOf(a)] }] },
        },
      ],
      codebook: { next: [{ id: 't', name: 'Tag', parentId: null, color: '#1f77b4', key: null, description: '', createdAt: 'x', updatedAt: 'x' }], basis: [] },
    };
    return { existing, added, a, winner, kept, incoming, batch };
  }

  it('writes new snapshots, replaced files, blobs and the codebook together, and keeps conflicts', async () => {
    const { dir, lib } = await fresh();
    const p = await planned(lib);
    await lib.commitImport(p.batch);
    expect(await readdir(dir)).not.toContain('.staging');
    expect(await lib.getAnnotation(p.existing.id, p.a.id)).toEqual(p.winner);
    expect(await lib.listAnnotations(p.added.id)).toEqual([p.incoming]);
    expect(await lib.blobs.getText(p.added.textHash)).toBe(articleText(2));
    expect(lib.listCodebook().map((t) => t.id)).toEqual(['t']);
    const conflicts = await lib.listConflicts();
    expect(conflicts).toEqual([{ snapshotId: p.existing.id, annotationId: p.a.id, current: p.winner, others: [p.kept] }]);
    await lib.close();
    // The conflicted snapshot is remembered in glossa.json, so listing needs no scan after reopening.
    expect(JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8')).conflicted).toEqual([p.existing.id]);
    const again = await openLibrary(dir);
    open.push(again);
    expect(await again.listConflicts()).toEqual(conflicts);
    expect(again.listSnapshots().find((r) => r.id === p.added.id)!.counts).toEqual({ quote: 0, claim: 0, figure: 0, note: 0, [p.incoming.kind]: 1 });

    // Resolving: the chosen version supersedes the kept one, and the index forgets the conflict.
    await expect(again.resolveConflict(p.added.id, p.incoming.id, p.incoming)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const resolution = { ...p.kept, updatedAt: '2031-01-01T00:00:00.000Z' };
    const versionsBefore = await again.readVersions(p.existing.id);
    const { before } = await again.resolveConflict(p.existing.id, p.a.id, resolution);
    expect(before).toEqual({ annotation: p.winner, history: versionsBefore.history[p.a.id] ?? [], kept: versionsBefore.conflicts });
    expect(await again.listConflicts()).toEqual([]);
    expect((await again.readVersions(p.existing.id)).history[p.a.id]).toEqual([revisionOf(p.a), revisionOf(p.winner), revisionOf(p.kept)].sort());

    // Undo: the conflict comes back exactly as it was, and the index remembers it again.
    expect(await again.reopenConflict(p.existing.id, resolution, before)).toEqual(p.winner);
    expect(await again.listConflicts()).toEqual(conflicts);
    const { basis: _a, ...reopened } = await again.readVersions(p.existing.id);
    const { basis: _b, ...original } = versionsBefore;
    expect(reopened).toEqual(original);
    await again.resolveConflict(p.existing.id, p.a.id, resolution);
    await again.close();
    expect(JSON.parse(await readFile(join(dir, 'glossa.json'), 'utf8')).conflicted).toBeUndefined();
  });

  it('brings a resolved conflict back only while the annotation is still the resolution', async () => {
    const { dir, lib } = await fresh();
    const p = await planned(lib);
    await lib.commitImport(p.batch);
    const resolution = { ...p.kept, updatedAt: '2031-01-01T00:00:00.000Z' };
    const { before } = await lib.resolveConflict(p.existing.id, p.a.id, resolution);
    await lib.putAnnotation({ ...resolution, comment: 'edited after resolving', updatedAt: '2032-01-01T00:00:00.000Z' });
    await lib.flushIndex();
    const files = await hashTree(dir);
    await expect(lib.reopenConflict(p.existing.id, resolution, before)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed after its conflict was resolved/),
    });
    // Versions of another annotation are not this conflict's.
    const stranger = { ...before, kept: [{ annotation: { ...p.kept, id: 'another-annotation' }, history: [] }] };
    await expect(lib.reopenConflict(p.existing.id, resolution, stranger)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await hashTree(dir)).toEqual(files);
    expect(await lib.listConflicts()).toEqual([]);
  });

  it('refuses, writing nothing, when a file changed after the merge was planned', async () => {
    const { dir, lib } = await fresh();
    const p = await planned(lib);
    await lib.putAnnotation({ ...p.a, comment: 'edited meanwhile', updatedAt: '2028-01-01T00:00:00.000Z' });
    await lib.flushIndex();
    const before = await hashTree(dir);
    await expect(lib.commitImport(p.batch)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed while the bundle was being imported/),
    });
    expect(await hashTree(dir)).toEqual(before);
  });

  it('a failure or a cancel while staging leaves the library byte for byte as it was', async () => {
    const { dir, lib } = await fresh();
    const p = await planned(lib);
    await lib.flushIndex();
    const before = await hashTree(dir);
    const broken = { ...p.batch, blobs: [p.batch.blobs[0]!, { hash: p.batch.blobs[1]!.hash, read: async () => Promise.reject(new Error('disk unplugged')) }] };
    await expect(lib.commitImport(broken)).rejects.toThrow(/disk unplugged/);
    expect(await hashTree(dir)).toEqual(before);
    const lying = { ...p.batch, blobs: [{ hash: p.batch.blobs[0]!.hash, read: async () => Buffer.from('other bytes') }, p.batch.blobs[1]!] };
    await expect(lib.commitImport(lying)).rejects.toMatchObject({ code: 'HASH_MISMATCH' });
    expect(await hashTree(dir)).toEqual(before);
    const controller = new AbortController();
    controller.abort();
    await expect(lib.commitImport(p.batch, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await hashTree(dir)).toEqual(before);
    // Then it still goes through.
    await lib.commitImport(p.batch);
    expect(await lib.getAnnotation(p.existing.id, p.a.id)).toEqual(p.winner);
  });

  it('an import committed (journal written) but not applied when the process died is finished on open', async () => {
    const { dir, lib } = await fresh();
    const p = await planned(lib);
    await lib.close();
    // What commitImport stages, written by hand, then "the process dies" before any rename.
    const layout = libraryLayout(dir);
    const replaced = { annotations: [p.winner], history: { [p.a.id]: [revisionOf(p.a)] } };
    await stageImport(
      layout,
      {
        blobs: p.batch.blobs,
        add: [{ id: p.added.id, snapshotJson: JSON.stringify(p.added, null, 2), annotationsJson: JSON.stringify({ annotations: [p.incoming] }, null, 2) }],
        replace: [{ id: p.existing.id, annotationsJson: JSON.stringify(replaced, null, 2) }],
      },
      { blobs: p.batch.blobs.map((b) => b.hash), add: [p.added.id], replace: [p.existing.id], codebook: p.batch.codebook!.next },
    );
    expect(await readdir(dir)).toContain('.staging');
    const again = await openLibrary(dir);
    open.push(again);
    expect(await readdir(dir)).not.toContain('.staging');
    expect(
      again
        .listSnapshots()
        .map((r) => r.id)
        .sort(),
    ).toEqual([p.existing.id, p.added.id].sort());
    expect(await again.getAnnotation(p.existing.id, p.a.id)).toEqual(p.winner);
    expect(await again.listAnnotations(p.added.id)).toEqual([p.incoming]);
    expect(again.listCodebook().map((t) => t.id)).toEqual(['t']);
    expect(again.listSnapshots().find((r) => r.id === p.existing.id)!.counts).toEqual({ quote: 0, claim: 0, figure: 0, note: 0, [p.winner.kind]: 1 });
  });

  it('staging without a journal (died before the commit point) is thrown away on open', async () => {
    const { dir, lib } = await fresh();
    const p = await planned(lib);
    await lib.close();
    const before = await hashTree(dir);
    const layout = libraryLayout(dir);
    const staged = await stageImport(layout, { blobs: p.batch.blobs, add: [], replace: [] }, { blobs: [], add: [], replace: [] });
    const { rm } = await import('node:fs/promises');
    await rm(join(staged, 'journal.json'));
    const again = await openLibrary(dir);
    open.push(again);
    await again.close();
    const after = await hashTree(dir);
    const stable = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'glossa.json' && k !== '.counts-clock'));
    expect(stable(after)).toEqual(stable(before));
  });
});

describe('locateAnnotations', () => {
  it('finds ids in other snapshots, live, deleted or kept', async () => {
    const { lib } = await fresh();
    const s1 = await makeSnapshot(lib, 1);
    const s2 = await makeSnapshot(lib, 2);
    await lib.addSnapshot(s1);
    await lib.addSnapshot(s2);
    const a = makeAnnotation(s1.id, 1);
    const b = makeAnnotation(s2.id, 2, { deletedAt: '2025-01-01T00:00:00.000Z' });
    await lib.putAnnotation(a);
    await lib.putAnnotation(b);
    const found = await lib.locateAnnotations(new Set([a.id, b.id, 'nope']), new Set([s1.id]));
    expect([...found]).toEqual([[b.id, s2.id]]);
  });
});
