import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { annotationsToCsv, CSV_COLUMNS, estimateExport, exportBundle, importBundle, verifyBundle } from '../../../core/bundle/index.js';
import type { Annotation, Snapshot } from '../../../core/model/index.js';
import { annotationsFile, libraryLayout } from '../../../core/store/paths.js';
import { verifyTarget } from '../../../core/text/selectors.js';
import { addSnapshot, cleanTemp, hashTree, seedLibrary, tempDir, withLibrary, type Seeded } from './library.js';
import { makeAnnotation, TEXT_A, TEXT_B } from './samples.js';
import { loadMustValidator, W3C_DIR } from './w3c.js';

const byId = (list: Annotation[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));

async function zipEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

describe('bundle round trip between real libraries', () => {
  let dirA: string;
  let dirB: string;
  let bundle: string;
  let seeded: Seeded;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    dirA = await tempDir();
    dirB = await tempDir();
    bundle = join(await tempDir(), 'a.glossa');
    seeded = await withLibrary(dirA, seedLibrary);
    await withLibrary(dirA, (lib) => exportBundle(lib, bundle, { onProgress: (d, t) => progress.push([d, t]) }));
  });
  afterAll(cleanTemp);

  it('export reports what it wrote and its progress reaches the end', async () => {
    const report = await withLibrary(dirA, (lib) => exportBundle(lib, join(dirA, '..', 'again.glossa')));
    const live = seeded.annotations.filter((a) => a.deletedAt === null).length;
    expect(report).toMatchObject({ snapshots: 2, annotations: live, tombstones: seeded.annotations.length - live });
    expect(report.bytes).toBe((await readFile(report.path)).length);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1]![0])).toBe(true);
  });

  it('holds the documented members, each listed in the manifest with its SHA-256 and size', async () => {
    const entries = await zipEntries(bundle);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({
      format: 'glossa-bundle',
      version: 3,
      counts: { snapshots: 2, conflicts: 0, tags: 0, speakers: 0, articles: 0, deletedArticles: 0, purged: 0, collections: 0 },
      contents: { originals: true, images: true },
      scope: { kind: 'library', description: 'the whole library' },
    });
    const [a, b] = seeded.snapshots;
    const expected = [
      'annotations.jsonld',
      'annotations.csv',
      'codebook.json',
      'speakers.json',
      'history.json',
      'articles.json',
      'collections.json',
      `snapshots/${a!.id}/snapshot.json`,
      `snapshots/${a!.id}/text.txt`,
      `snapshots/${a!.id}/article.html`,
      `snapshots/${a!.id}/original.txt`,
      `snapshots/${a!.id}/assets/${a!.assetHashes[0]}.png`,
      `snapshots/${b!.id}/snapshot.json`,
      `snapshots/${b!.id}/text.txt`,
      `snapshots/${b!.id}/article.html`,
    ];
    expect(Object.keys(manifest.files).sort()).toEqual([...expected].sort());
    expect([...entries.keys()].sort()).toEqual([...expected, 'manifest.json'].sort());
    const { createHash } = await import('node:crypto');
    for (const name of expected) {
      const data = entries.get(name)!;
      expect(manifest.files[name], name).toEqual({ sha256: createHash('sha256').update(data).digest('hex'), size: data.length });
    }
    expect(JSON.parse(entries.get('codebook.json')!.toString())).toEqual([]);
    expect(JSON.parse(entries.get('speakers.json')!.toString())).toEqual([]);
    // Annotations saved once have no history yet; nothing is kept side by side.
    expect(JSON.parse(entries.get('history.json')!.toString())).toEqual({ history: {}, conflicts: [] });
  });

  it('imports into an empty library with identical snapshots, annotations and blobs', async () => {
    const report = await withLibrary(dirB, (lib) => importBundle(lib, bundle));
    const ids = seeded.snapshots.map((s) => s.id);
    expect(report.snapshots).toEqual({ added: ids, skipped: [], matched: [] });
    const live = seeded.annotations.filter((a) => a.deletedAt === null).length;
    expect(report.annotations).toEqual({ added: live, addedDeleted: 1, updated: 0, deleted: 0, skipped: 0, conflicts: [] });
    expect(report.bodies).toEqual({ added: 2, omitted: 0 });
    expect(report.changed).toBe(true);
    // Nothing of the commit's staging is left behind.
    expect(await readdir(dirB)).not.toContain('.staging');

    await withLibrary(dirB, async (lib) => {
      expect(lib.listSnapshots().map((s) => s.id)).toEqual(ids);
      for (const original of seeded.snapshots) {
        expect(await lib.getSnapshot(original.id)).toEqual(original);
        for (const hash of [original.textHash, original.htmlHash, original.originalHash!, ...original.assetHashes].filter(Boolean)) {
          expect(await lib.blobs.has(hash), hash).toBe(true);
        }
        const mine = seeded.annotations.filter((a) => a.snapshotId === original.id);
        expect(byId(await lib.listAnnotations(original.id, { includeDeleted: true }))).toEqual(byId(mine));
        // Every stored offset still holds its exact text.
        const text = await lib.blobs.getText(original.textHash);
        for (const a of mine) expect(text.slice(a.target.position.start, a.target.position.end)).toBe(a.target.quote.exact);
      }
      expect((await lib.listAnnotations(seeded.snapshots[0]!.id)).some((a) => a.deletedAt !== null)).toBe(false);
    });
    // The blob folders hold the very same bytes under the same names.
    const blobsOf = (tree: Record<string, string>) => Object.entries(tree).filter(([p]) => p.startsWith('blobs/'));
    expect(blobsOf(await hashTree(dirB))).toEqual(blobsOf(await hashTree(dirA)));
  });

  it('reports import progress up to the end, and re-reading blobs (no memory budget) gives the same library', async () => {
    const dirC = await tempDir();
    const steps: [number, number][] = [];
    await withLibrary(dirC, (lib) => importBundle(lib, bundle, { keepBlobBytes: 0, onProgress: (d, t) => steps.push([d, t]) }));
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.at(-1)![0]).toBe(steps.at(-1)![1]);
    expect(steps.every(([d, t], i) => d <= t && (i === 0 || d >= steps[i - 1]![0]))).toBe(true);
    const content = (tree: Record<string, string>) =>
      Object.entries(tree).filter(([p]) => p.startsWith('blobs/') || (p.endsWith('.json') && p.startsWith('snapshots/')));
    expect(content(await hashTree(dirC))).toEqual(content(await hashTree(dirB)));
  });

  it('importing the same bundle again changes nothing, byte for byte', async () => {
    const before = await hashTree(dirB);
    const report = await withLibrary(dirB, (lib) => importBundle(lib, bundle));
    expect(report.changed).toBe(false);
    expect(report.snapshots.skipped).toHaveLength(2);
    expect(report.annotations).toMatchObject({ added: 0, addedDeleted: 0, updated: 0, deleted: 0, skipped: seeded.annotations.length, conflicts: [] });
    expect(await hashTree(dirB)).toEqual(before);
  });

  it('exports a CSV with one row per live annotation and a JSON-LD that keeps tombstones', async () => {
    const entries = await zipEntries(bundle);
    const rows = parse(entries.get('annotations.csv')!, { columns: true }) as Record<string, string>[];
    const live = seeded.annotations.filter((a) => a.deletedAt === null);
    expect(rows.map((r) => r.id).sort()).toEqual(live.map((a) => a.id).sort());
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const doc = JSON.parse(entries.get('annotations.jsonld')!.toString('utf8'));
    expect(doc.total).toBe(seeded.annotations.length);
    expect(doc.first.items.filter((i: Record<string, unknown>) => i['glossa:deleted'])).toHaveLength(1);
  });

  it.skipIf(!W3C_DIR)(
    'the exported annotations.jsonld passes the W3C MUST assertions (skipped when ../shared/corpora/w3c-web-annotation-tests is absent)',
    async () => {
      const v = loadMustValidator();
      const doc = JSON.parse((await zipEntries(bundle)).get('annotations.jsonld')!.toString('utf8'));
      for (const item of doc.first.items) expect(v.failures('annotation', item), item.id).toEqual([]);
      expect(v.failures('collection', doc)).toEqual([]);
      expect(v.failures('page', doc)).toEqual([]);
    },
  );

  it('verifyBundle says OK and counts what the bundle holds', async () => {
    const report = await verifyBundle(bundle);
    const live = seeded.annotations.filter((a) => a.deletedAt === null).length;
    expect(report).toMatchObject({ ok: true, format: 'glossa-bundle', version: 3, supportedVersion: 3, problems: [] });
    expect(report.counts).toEqual({ snapshots: 2, annotations: live, tombstones: seeded.annotations.length - live });
    expect(report.details).toEqual({
      scope: 'the whole library',
      contents: { originals: true, images: true },
      omittedBodies: 0,
      histories: 0,
      conflicts: 0,
      tags: 0,
      speakers: 0,
    });
    expect(report.members).toBe(16);
  });

  it('exports only the chosen snapshots', async () => {
    const one = join(await tempDir(), 'one.glossa');
    const b = seeded.snapshots[1]!;
    const report = await withLibrary(dirA, (lib) => exportBundle(lib, one, { snapshotIds: [b.id] }));
    expect(report).toMatchObject({ snapshots: 1, annotations: 3, tombstones: 0 });
    const names = [...(await zipEntries(one)).keys()];
    expect(names.filter((n) => n.startsWith('snapshots/')).every((n) => n.startsWith(`snapshots/${b.id}/`))).toBe(true);
    await expect(withLibrary(dirA, (lib) => exportBundle(lib, one, { snapshotIds: ['0000nope'] }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(withLibrary(dirA, (lib) => exportBundle(lib, one, { snapshotIds: [] }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('export failures leave nothing behind', () => {
  afterAll(cleanTemp);

  it('a damaged blob in the library stops the export with HASH_MISMATCH and no partial file', async () => {
    const dir = await tempDir();
    const seeded = await withLibrary(dir, seedLibrary);
    const hash = seeded.snapshots[1]!.htmlHash;
    const blob = join(dir, 'blobs', 'sha256', hash.slice(0, 2), hash);
    await chmod(blob, 0o644);
    await writeFile(blob, '<p>silently changed on disk</p>');
    const outDir = await tempDir();
    const out = join(outDir, 'broken.glossa');
    await expect(withLibrary(dir, (lib) => exportBundle(lib, out))).rejects.toMatchObject({ code: 'HASH_MISMATCH', message: expect.stringContaining(hash) });
    expect(await readdir(outDir)).toEqual([]);
  });

  it('a damaged annotations file, read while the bodies are already being written, stops the export with no partial file', async () => {
    const dir = await tempDir();
    const seeded = await withLibrary(dir, seedLibrary);
    const last = seeded.snapshots.at(-1)!;
    const file = annotationsFile(libraryLayout(dir), last.id);
    await writeFile(file, '{"annotations": [');
    const outDir = await tempDir();
    await expect(withLibrary(dir, (lib) => exportBundle(lib, join(outDir, 'x.glossa')))).rejects.toMatchObject({
      code: 'LIBRARY_CORRUPT',
      message: expect.stringContaining(file),
    });
    expect(await readdir(outDir)).toEqual([]);
  });

  it('annotations past the largest string V8 can make (~512 MB of JSON-LD) are a clear TOO_LARGE error, with no partial file', async () => {
    const dir = await tempDir();
    await withLibrary(dir, seedLibrary);
    const outDir = await tempDir();
    // Reaching the real limit takes ~450,000 annotations; JSON.stringify fails the way V8 does there, for the collection only.
    const stringify = JSON.stringify.bind(JSON);
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
      if ((args[0] as { type?: unknown } | null)?.type === 'AnnotationCollection') throw new RangeError('Invalid string length');
      return stringify(...args);
    });
    try {
      await expect(withLibrary(dir, (lib) => exportBundle(lib, join(outDir, 'all.glossa')))).rejects.toMatchObject({
        code: 'TOO_LARGE',
        message: expect.stringMatching(
          /^The bundle's annotations\.jsonld would be larger than the largest text Glossa can make .* export the library in parts .* Nothing was written\.$/,
        ),
      });
    } finally {
      spy.mockRestore();
    }
    expect(await readdir(outDir)).toEqual([]);
  });

  it('a bundle an importing Glossa would refuse (a file, the total or the count past its limits) is refused before it is written, and the estimate says so first', async () => {
    const dir = await tempDir();
    await withLibrary(dir, seedLibrary);
    const outDir = await tempDir();
    // The estimate names the largest file and the whole size; the export, the first file or running total past the limit.
    const cases = [
      {
        limits: { maxEntryBytes: 600 },
        says: /^(The text|The article|The record) of “.+”|^The bundle's annotations\.(jsonld|csv)/,
        why: /would be \d+ KB, more than the 1 KB Glossa accepts for one file of a bundle when importing: export the library in parts/,
      },
      {
        limits: { maxTotalBytes: 4000 },
        says: /^This bundle would unpack to/,
        why: /\d+ KB, more than the 4 KB Glossa accepts when importing one: leave out original pages and images, or export the library in parts/,
      },
      { limits: { maxEntries: 5 }, says: /^This bundle would hold \d+ files/, why: /more than the 5 Glossa accepts when importing one/ },
    ];
    for (const { limits, says, why } of cases) {
      const estimate = await withLibrary(dir, (lib) => estimateExport(lib, { kind: 'library' }, { limits }));
      expect(estimate.tooLarge).toMatch(says);
      expect(estimate.tooLarge).toMatch(why);
      const refused = await withLibrary(dir, (lib) => exportBundle(lib, join(outDir, 'big.glossa'), { limits })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(says) });
      expect((refused as Error).message).toMatch(why);
      expect((refused as Error).message).toMatch(/ Nothing was written\.$/);
      expect(await readdir(outDir)).toEqual([]);
    }
    // Within the limits the estimate has nothing to say, and the export is written.
    expect((await withLibrary(dir, (lib) => estimateExport(lib))).tooLarge).toBeNull();
    await withLibrary(dir, (lib) => exportBundle(lib, join(outDir, 'fits.glossa')));
    expect(await readdir(outDir)).toEqual(['fits.glossa']);
    // The count it gave is the count of files the bundle has.
    const counted = /would hold (\d+) files/.exec(
      (await withLibrary(dir, (lib) => estimateExport(lib, { kind: 'library' }, { limits: { maxEntries: 1 } }))).tooLarge!,
    )![1];
    expect((await zipEntries(join(outDir, 'fits.glossa'))).size).toBe(Number(counted));
  });

  it('an unwritable destination is a clear error', async () => {
    const dir = await tempDir();
    await withLibrary(dir, seedLibrary);
    const out = join(dir, 'no', 'such', 'folder', 'x.glossa');
    await expect(withLibrary(dir, (lib) => exportBundle(lib, out))).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringMatching(/Could not write the bundle/),
    });
  });
});

describe('merging into a library that already has the work', () => {
  afterAll(cleanTemp);

  it('edits made on one side win, tombstones delete, and edits made on both sides are kept side by side', async () => {
    const dirA = await tempDir();
    const dirB = await tempDir();
    const first = join(await tempDir(), 'first.glossa');
    const second = join(await tempDir(), 'second.glossa');
    const seeded = await withLibrary(dirA, seedLibrary);
    await withLibrary(dirA, (lib) => exportBundle(lib, first));
    await withLibrary(dirB, (lib) => importBundle(lib, first));

    const [quote, figure, percent, claim] = seeded.annotations;
    const later = '2030-01-01T00:00:00.000Z';
    // In A: edit the quote, delete the figure, add a new annotation: B did not touch these.
    // Both: edit the claim (B later than A: B's shows, A's is kept beside it), and change
    // the percent figure at the very same instant (one shows, by a fixed rule; the other is kept).
    const b = seeded.snapshots[1]!;
    const fresh = makeAnnotation(b.id, TEXT_B, { kind: 'figure', exact: 'nearly 12 percent', fields: { value: 12, unit: 'percent', qualifier: 'nearly' } });
    await withLibrary(dirA, async (lib) => {
      await lib.putAnnotation({ ...quote!, comment: 'edited in A', updatedAt: later });
      await lib.putAnnotation({ ...figure!, deletedAt: later, updatedAt: later });
      await lib.putAnnotation({ ...claim!, comment: 'A, early', updatedAt: '2029-01-01T00:00:00.000Z' });
      await lib.putAnnotation({ ...percent!, comment: 'A at noon', updatedAt: '2029-06-01T12:00:00.000Z' });
      await lib.putAnnotation(fresh);
      await exportBundle(lib, second);
    });
    await withLibrary(dirB, async (lib) => {
      await lib.putAnnotation({ ...claim!, comment: 'B, later', updatedAt: '2031-01-01T00:00:00.000Z' });
      await lib.putAnnotation({ ...percent!, comment: 'B at noon', updatedAt: '2029-06-01T12:00:00.000Z' });
    });

    const report = await withLibrary(dirB, (lib) => importBundle(lib, second));
    expect(report.annotations).toEqual({
      added: 1,
      addedDeleted: 0,
      updated: 1,
      deleted: 1,
      skipped: seeded.annotations.length - 4,
      conflicts: [claim!.id, percent!.id].sort(),
    });
    const a = seeded.snapshots[0]!.id;
    await withLibrary(dirB, async (lib) => {
      expect((await lib.getAnnotation(a, quote!.id)).comment).toBe('edited in A');
      expect((await lib.getAnnotation(a, figure!.id)).deletedAt).toBe(later);
      expect((await lib.listAnnotations(a)).map((x) => x.id)).not.toContain(figure!.id);
      expect((await lib.getAnnotation(a, claim!.id)).comment).toBe('B, later');
      expect(await lib.getAnnotation(b.id, fresh.id)).toEqual(fresh);
      expect(lib.listSnapshots().find((s) => s.id === a)!.counts.figure).toBe(1);
      const conflicts = await lib.listConflicts();
      expect(conflicts.map((c) => c.annotationId).sort()).toEqual([claim!.id, percent!.id].sort());
      const onClaim = conflicts.find((c) => c.annotationId === claim!.id)!;
      expect(onClaim.others.map((x) => x.comment)).toEqual(['A, early']);
      const onPercent = conflicts.find((c) => c.annotationId === percent!.id)!;
      expect([onPercent.current.comment, ...onPercent.others.map((x) => x.comment)].sort()).toEqual(['A at noon', 'B at noon']);
    });
    // The same bundle again changes nothing; A importing B's work back ends with the same two conflicts.
    const before = await hashTree(dirB);
    expect((await withLibrary(dirB, (lib) => importBundle(lib, second))).changed).toBe(false);
    expect(await hashTree(dirB)).toEqual(before);
    const back = join(await tempDir(), 'back.glossa');
    await withLibrary(dirB, (lib) => exportBundle(lib, back));
    const intoA = await withLibrary(dirA, (lib) => importBundle(lib, back));
    expect(intoA.annotations.conflicts).toEqual([claim!.id, percent!.id].sort());
    const canonical = async (dir: string) =>
      withLibrary(dir, async (lib) => JSON.stringify([await lib.listAnnotations(a, { includeDeleted: true }), await lib.listConflicts()]));
    expect(await canonical(dirA)).toEqual(await canonical(dirB));
  });

  it('unites verdict histories edited on both sides: every change once, by date, and no conflict when only they differ', async () => {
    const dirA = await tempDir();
    const dirB = await tempDir();
    const first = join(await tempDir(), 'first.glossa');
    const seeded = await withLibrary(dirA, seedLibrary);
    const claim = seeded.annotations.find((x) => x.kind === 'claim')!;
    const a = claim.snapshotId;
    const shared = { verdict: 'disputed' as const, at: '2029-01-01T09:00:00.000Z', note: 'first look' };
    const inA = { verdict: 'false' as const, at: '2029-02-01T09:00:00.000Z', note: 'A read the minutes' };
    const inB = { verdict: 'supported' as const, at: '2029-03-01T09:00:00.000Z', note: 'B found the vote record' };
    const withHistory = (history: (typeof shared | typeof inA | typeof inB)[], updatedAt: string): Annotation => ({
      ...claim,
      fields: { ...claim.fields, verdict: history.at(-1)!.verdict, verdictHistory: history },
      updatedAt,
    });
    await withLibrary(dirA, (lib) => lib.putAnnotation(withHistory([shared], shared.at)));
    await withLibrary(dirA, (lib) => exportBundle(lib, first));
    await withLibrary(dirB, (lib) => importBundle(lib, first));
    await withLibrary(dirA, (lib) => lib.putAnnotation(withHistory([shared, inA], inA.at)));
    await withLibrary(dirB, (lib) => lib.putAnnotation(withHistory([shared, inB], inB.at)));
    const fromA = join(await tempDir(), 'from-a.glossa');
    await withLibrary(dirA, (lib) => exportBundle(lib, fromA));
    const report = await withLibrary(dirB, (lib) => importBundle(lib, fromA));
    expect(report.annotations.conflicts).toEqual([]);
    expect(report.annotations.updated).toBe(1);
    const merged = await withLibrary(dirB, (lib) => lib.getAnnotation(a, claim.id));
    expect(merged.fields.verdictHistory).toEqual([shared, inA, inB]);
    expect(merged.fields.verdict).toBe('supported');
    expect(await withLibrary(dirB, (lib) => lib.listConflicts())).toEqual([]);
    // Again: nothing changes. Back into A: A ends with the same history.
    expect((await withLibrary(dirB, (lib) => importBundle(lib, fromA))).changed).toBe(false);
    const back = join(await tempDir(), 'back.glossa');
    await withLibrary(dirB, (lib) => exportBundle(lib, back));
    await withLibrary(dirA, (lib) => importBundle(lib, back));
    expect(await withLibrary(dirA, (lib) => lib.getAnnotation(a, claim.id))).toEqual(merged);

    // Edited on both sides in more than the history: kept side by side, and the shown version still has every change.
    await withLibrary(dirA, (lib) => lib.putAnnotation({ ...withHistory([shared, inA], '2030-01-01T00:00:00.000Z'), comment: 'A disagrees' }));
    const conflicting = join(await tempDir(), 'conflicting.glossa');
    const dirC = await tempDir();
    await withLibrary(dirC, (lib) => importBundle(lib, back));
    await withLibrary(dirA, (lib) => exportBundle(lib, conflicting));
    await withLibrary(dirC, (lib) => lib.putAnnotation({ ...merged, comment: 'C agrees', updatedAt: '2030-02-01T00:00:00.000Z' }));
    const split = await withLibrary(dirC, (lib) => importBundle(lib, conflicting));
    expect(split.annotations.conflicts).toEqual([claim.id]);
    const shown = await withLibrary(dirC, (lib) => lib.getAnnotation(a, claim.id));
    expect(shown.comment).toBe('C agrees');
    expect(shown.fields.verdictHistory).toEqual([shared, inA, inB]);
  });

  it('puts annotations of a snapshot captured here under another id onto the local snapshot', async () => {
    const dirA = await tempDir();
    const dirB = await tempDir();
    const path = join(await tempDir(), 'b.glossa');
    const seeded = await withLibrary(dirA, seedLibrary);
    const [a, b] = seeded.snapshots as [Snapshot, Snapshot];
    await withLibrary(dirA, (lib) => exportBundle(lib, path));
    // B captured article A itself: same text, its own id.
    const local = await withLibrary(dirB, (lib) => addSnapshot(lib, { text: TEXT_A, title: 'NYPD and ICE (my copy)' }));
    const report = await withLibrary(dirB, (lib) => importBundle(lib, path));
    expect(report.snapshots).toEqual({ added: [b.id], skipped: [], matched: [{ bundleId: a.id, localId: local.id }] });
    await withLibrary(dirB, async (lib) => {
      expect(
        lib
          .listSnapshots()
          .map((s) => s.id)
          .sort(),
      ).toEqual([local.id, b.id].sort());
      const got = await lib.listAnnotations(local.id, { includeDeleted: true });
      const fromA = seeded.annotations.filter((x) => x.snapshotId === a.id);
      expect(got.map((x) => x.id).sort()).toEqual(fromA.map((x) => x.id).sort());
      const text = await lib.blobs.getText(local.textHash);
      for (const x of got) expect(verifyTarget(text, x.target)).toBe(true);
      // Evidence that pointed at the bundle's snapshot now points at the local one.
      const claim = got.find((x) => x.fields.evidence?.length)!;
      expect(claim.fields.evidence!.map((e) => e.snapshotId)).toEqual([null, local.id]);
    });
    // And a second import finds everything in place.
    const again = await withLibrary(dirB, (lib) => importBundle(lib, path));
    expect(again.changed).toBe(false);
  });
});

describe("a claim's verdict history in the CSV", () => {
  it('is one last column, one line per change, only when a claim has a history', () => {
    const snapshot = { id: 's1', title: 'Budget' };
    const claim = makeAnnotation('s1', TEXT_A, { kind: 'claim', exact: 'Tuesday', fields: { verdict: 'false' } });
    const plain = annotationsToCsv([snapshot], [claim]);
    expect(parse(plain, { columns: true })[0]).not.toHaveProperty('verdictHistory');
    const history = [
      { verdict: 'disputed' as const, at: '2024-03-06T09:00:00.000Z', note: '=HYPERLINK("x") is in the note' },
      { verdict: null, at: '2024-03-07T10:00:00.000Z', note: '' },
      { verdict: 'false' as const, at: '2024-03-08T11:00:00.000Z', note: 'minutes, p. 3' },
    ];
    const rows = parse(annotationsToCsv([snapshot], [{ ...claim, fields: { ...claim.fields, verdictHistory: history } }]), { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!).at(-1)).toBe('verdictHistory');
    expect(rows[0]!.verdictHistory).toBe(
      '2024-03-06T09:00:00.000Z disputed — =HYPERLINK("x") is in the note\n2024-03-07T10:00:00.000Z none\n2024-03-08T11:00:00.000Z false — minutes, p. 3',
    );
  });
});
