/**
 * Export scopes (library, snapshots, a tag, a speaker, a filter), optional originals and
 * images, the size estimate shown first, progress and cancel.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateExport, exportBundle, importBundle, verifyBundle } from '../../../core/bundle/index.js';
import type { CodeTag, Snapshot, Speaker } from '../../../core/model/index.js';
import { cleanTemp, seedLibrary, tempDir, withLibrary, type Seeded } from './library.js';
import { readMembers } from './zipcraft.js';

const now = '2024-03-01T00:00:00.000Z';
const tag = (id: string, name: string, parentId: string | null = null): CodeTag => ({
  id,
  name,
  parentId,
  color: '#1f77b4',
  key: null,
  description: '',
  createdAt: now,
  updatedAt: now,
});
const speaker = (id: string, name: string): Speaker => ({ id, name, aliases: [], role: null, organisation: null, createdAt: now, updatedAt: now });

let dir: string;
let out: string;
let seeded: Seeded;
let A: Snapshot;
let B: Snapshot;

beforeAll(async () => {
  dir = await tempDir();
  out = await tempDir();
  seeded = await withLibrary(dir, async (lib) => {
    const s = await seedLibrary(lib);
    // The sample annotations name tags and speakers by these ids.
    await lib.saveCodebook([
      tag('topics', 'Topics'),
      tag('immigration', 'Immigration', 'topics'),
      tag('policing', 'Policing', 'immigration'),
      tag('numbers', 'Numbers'),
      tag('budget', 'Budget'),
      tag('unused', 'Unused'),
    ]);
    await lib.saveSpeakers([speaker('Corey Johnson', 'Corey Johnson'), speaker('James O’Neill', 'James O’Neill'), speaker('nobody', 'Nobody Quoted')]);
    return s;
  });
  [A, B] = seeded.snapshots as [Snapshot, Snapshot];
});
afterAll(cleanTemp);

let n = 0;
const path = () => join(out, `scope-${++n}.glossa`);
const memberNames = async (p: string) => (await readMembers(p)).map((m) => m.name);

describe('export scopes', () => {
  it('a tag: its annotations (and its sub-tags’), their snapshots, the tags they use with their parents', async () => {
    const p = path();
    const report = await withLibrary(dir, (lib) => exportBundle(lib, p, { scope: { kind: 'tag', tagId: 'immigration' } }));
    // Only article A has an "immigration" or "policing" annotation (the quote).
    expect(report).toMatchObject({ snapshots: 1, annotations: 1, tombstones: 0, scope: 'tag “Immigration”' });
    const target = await tempDir();
    const imported = await withLibrary(target, async (lib) => {
      await importBundle(lib, p);
      return {
        codebook: lib
          .listCodebook()
          .map((t) => t.id)
          .sort(),
        speakers: lib.listSpeakers().map((s) => s.id),
        annotations: await lib.listAnnotations(A.id),
      };
    });
    expect(imported.codebook).toEqual(['immigration', 'policing', 'topics']);
    expect(imported.speakers).toEqual(['James O’Neill']);
    expect(imported.annotations.map((a) => a.tags)).toEqual([['immigration', 'policing']]);
    // Without sub-tags only annotations carrying the tag itself count (still the quote).
    const narrow = await withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'tag', tagId: 'policing', subtags: false } }));
    expect(narrow.annotations).toBe(1);
  });

  it('a speaker: the quotes of that speaker', async () => {
    const report = await withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'speaker', speakerId: 'Corey Johnson' } }));
    expect(report).toMatchObject({ snapshots: 1, annotations: 1, speakers: 1, scope: 'speaker “Corey Johnson”' });
  });

  it('a filter: kinds, verdicts and text, all of them applying', async () => {
    const figures = await withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'filter', kinds: ['figure'] } }));
    expect(figures).toMatchObject({ snapshots: 2, annotations: 3 });
    const misleading = await withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'filter', verdicts: ['misleading'] } }));
    expect(misleading).toMatchObject({ snapshots: 1, annotations: 1 });
    // Case and accents do not matter; the comment is searched too.
    const text = await withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'filter', query: 'CAFE' } }));
    expect(text).toMatchObject({ snapshots: 1, annotations: 1 });
    const both = await withLibrary(dir, (lib) =>
      exportBundle(lib, path(), { scope: { kind: 'filter', kinds: ['quote'], query: 'investment', snapshotIds: [B.id] } }),
    );
    expect(both).toMatchObject({ snapshots: 1, annotations: 1 });
    await expect(withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'filter', query: 'no such words anywhere' } }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Nothing to export/),
    });
  });

  it('refuses a tag or speaker that does not exist', async () => {
    await expect(withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'tag', tagId: 'nope' } }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(withLibrary(dir, (lib) => exportBundle(lib, path(), { scope: { kind: 'speaker', speakerId: 'nope' } }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('the whole library carries every tag and speaker, used or not', async () => {
    const report = await withLibrary(dir, (lib) => exportBundle(lib, path()));
    expect(report).toMatchObject({ snapshots: 2, tags: 6, speakers: 3, scope: 'the whole library' });
  });
});

describe('originals and images are optional', () => {
  it('leaves them out when asked, and the bundle still verifies and imports', async () => {
    const p = path();
    const report = await withLibrary(dir, (lib) => exportBundle(lib, p, { includeOriginals: false, includeImages: false }));
    expect(report.omitted).toBe(2);
    const names = await memberNames(p);
    expect(names.some((m) => m.includes('/original.') || m.includes('/assets/'))).toBe(false);
    const check = await verifyBundle(p);
    expect(check.ok).toBe(true);
    expect(check.details).toMatchObject({ contents: { originals: false, images: false }, omittedBodies: 2 });

    const target = await tempDir();
    const first = await withLibrary(target, (lib) => importBundle(lib, p));
    expect(first.bodies).toEqual({ added: 0, omitted: 2 });
    await withLibrary(target, async (lib) => {
      expect(await lib.getSnapshot(A.id)).toEqual(A);
      expect(await lib.blobs.has(A.originalHash!)).toBe(false);
      // Exporting again from here cannot carry what is not here, and says so.
      expect((await exportBundle(lib, path())).omitted).toBe(2);
    });
    // A full bundle later fills in what was missing.
    const full = path();
    await withLibrary(dir, (lib) => exportBundle(lib, full));
    const second = await withLibrary(target, (lib) => importBundle(lib, full));
    expect(second).toMatchObject({ changed: true, bodies: { added: 2, omitted: 0 } });
    expect(second.snapshots.skipped).toHaveLength(2);
    await withLibrary(target, async (lib) => {
      expect(await lib.blobs.get(A.originalHash!)).toBeInstanceOf(Buffer);
      expect(await lib.blobs.has(A.assetHashes[0]!)).toBe(true);
    });
  });
});

describe('the size is known before exporting', () => {
  it('estimates counts exactly and the file size within a factor of two', async () => {
    for (const opts of [{}, { includeOriginals: false, includeImages: false }]) {
      const estimate = await withLibrary(dir, (lib) => estimateExport(lib, { kind: 'library' }, opts));
      const p = path();
      const report = await withLibrary(dir, (lib) => exportBundle(lib, p, opts));
      expect(estimate).toMatchObject({
        snapshots: report.snapshots,
        annotations: report.annotations,
        tombstones: report.tombstones,
        conflicts: report.conflicts,
      });
      expect(estimate.bytes).toBeGreaterThan(report.bytes / 2);
      expect(estimate.bytes).toBeLessThan(report.bytes * 2);
      expect(estimate.uncompressedBytes).toBeGreaterThan(report.bytes);
    }
    const without = await withLibrary(dir, (lib) => estimateExport(lib, { kind: 'library' }, { includeOriginals: false }));
    expect(without.originals).toEqual({ count: 0, bytes: 0 });
    expect(without.images.count).toBe(1);
  });
});

describe('progress and cancel', () => {
  it('reports progress member by member and a cancelled export leaves no file', async () => {
    const folder = await tempDir();
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await withLibrary(dir, (lib) =>
      exportBundle(lib, join(folder, 'x.glossa'), {
        signal: controller.signal,
        onProgress: (done) => {
          seen.push(done);
          if (done === 3) controller.abort();
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(seen).toContain(3);
    expect(await readdir(folder)).toEqual([]);
  });

  it('an export cancelled before it starts writes nothing', async () => {
    const folder = await tempDir();
    const controller = new AbortController();
    controller.abort();
    await expect(withLibrary(dir, (lib) => exportBundle(lib, join(folder, 'x.glossa'), { signal: controller.signal }))).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(await readdir(folder)).toEqual([]);
  });

  it('the finished file is the size reported', async () => {
    const p = path();
    const report = await withLibrary(dir, (lib) => exportBundle(lib, p));
    expect((await stat(p)).size).toBe(report.bytes);
  });
});
