/**
 * Real temporary libraries for the bundle tests: snapshots are built by hand (blobs first,
 * then the record), as ingest would, so these tests depend only on the store.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Snapshot, type Annotation } from '../../../core/model/index.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { annotationsForA, annotationsForB, PNG_1X1, TEXT_A, TEXT_B } from './samples.js';

const made: string[] = [];

export async function tempDir(prefix = 'glossa-bundle-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made (call in afterAll). */
export async function cleanTemp(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Opens the library, runs fn, always closes it (so the lock and index are settled). */
export async function withLibrary<T>(dir: string, fn: (lib: LibraryStore) => Promise<T>): Promise<T> {
  const lib = await openLibrary(dir);
  try {
    return await fn(lib);
  } finally {
    await lib.close();
  }
}

export interface SnapshotSpec {
  id?: string;
  text: string;
  title: string;
  sourceUrl?: string | null;
  sourceFile?: string | null;
  original?: Buffer | null;
  assets?: Buffer[];
  capturedAt?: string;
}

const paragraphs = (text: string) => {
  const blocks: { type: 'heading' | 'paragraph'; start: number; end: number }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.length > 0) blocks.push({ type: blocks.length === 0 ? 'heading' : 'paragraph', start: at, end: at + line.length });
    at += line.length + 1;
  }
  return blocks;
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function addSnapshot(lib: LibraryStore, spec: SnapshotSpec): Promise<Snapshot> {
  const html = `<article>${spec.text
    .split('\n')
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}</article>`;
  const textHash = await lib.blobs.put(spec.text);
  const htmlHash = await lib.blobs.put(html);
  const originalHash = spec.original ? await lib.blobs.put(spec.original) : null;
  const assetHashes: string[] = [];
  for (const a of spec.assets ?? []) assetHashes.push(await lib.blobs.put(a));
  const snapshot = Snapshot.parse({
    id: spec.id ?? uuidv7(),
    title: spec.title,
    byline: 'By A. Reporter',
    siteName: 'Example News',
    sourceUrl: spec.sourceUrl ?? null,
    sourceFile: spec.sourceFile ?? null,
    lang: 'en',
    publishedAt: '2017-03-14T09:00:00.000Z',
    capturedAt: spec.capturedAt ?? '2024-03-01T09:00:00.000Z',
    captureMethod: spec.original ? 'file' : 'paste',
    wordCount: spec.text.split(/\s+/).filter(Boolean).length,
    textHash,
    htmlHash,
    originalHash,
    assetHashes,
    blocks: paragraphs(spec.text),
    previousVersionId: null,
  });
  await lib.addSnapshot(snapshot);
  return snapshot;
}

export interface Seeded {
  snapshots: Snapshot[];
  annotations: Annotation[];
}

/** Fixed ids make a reproducible library (the committed v1 fixture bundle is made from one). */
export interface SeedIds {
  snapshots: [string, string];
  newAnnotationId: () => string;
}

/** Counter-based UUIDs: 00000000-0000-4000-8000-000000000001, …002, … */
export function countingIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

/** Two snapshots (one with an original file and an image asset) and their annotations, a tombstone among them. */
export async function seedLibrary(lib: LibraryStore, ids?: SeedIds): Promise<Seeded> {
  const a = await addSnapshot(lib, {
    ...(ids ? { id: ids.snapshots[0] } : {}),
    text: TEXT_A,
    title: 'NYPD says it will not help ICE',
    sourceUrl: 'https://example.org/nypd-ice',
    sourceFile: 'nypd-ice-2017.TXT',
    original: Buffer.from(`\ufeff${TEXT_A.replace(/\n/g, '\r\n')}`, 'utf8'),
    assets: [PNG_1X1],
    capturedAt: '2024-03-01T09:00:00.000Z',
  });
  const b = await addSnapshot(lib, {
    ...(ids ? { id: ids.snapshots[1] } : {}),
    text: TEXT_B,
    title: 'Budget hearing, day two',
    capturedAt: '2024-03-02T09:00:00.000Z',
  });
  const annotations = [...annotationsForA(a.id, ids?.newAnnotationId), ...annotationsForB(b.id, ids?.newAnnotationId)];
  for (const snap of [a, b])
    await lib.putAnnotations(
      snap.id,
      annotations.filter((x) => x.snapshotId === snap.id),
    );
  return { snapshots: [a, b], annotations };
}

/** SHA-256 of every file under dir (and every folder's name), by relative path: "byte-for-byte unchanged" made checkable. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        out[`${relative(dir, p)}/`] = '(folder)';
        await walk(p);
      } else if (entry.isFile())
        out[relative(dir, p)] = createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
      else out[relative(dir, p)] = `(${entry.isSymbolicLink() ? 'symlink' : 'special'})`;
    }
  };
  await walk(dir);
  return out;
}

/** Fixed ids and times of the committed v2 sample bundle (test/fixtures/bundles/v2-sample.glossa). */
export const V2_SAMPLE = {
  snapshots: ['01890a5d-ac96-774b-bcce-b302099a8057', '01890a5d-ac97-7e2c-9f4b-0c8e61d4a1b2'] as [string, string],
  at: '2024-03-01T00:00:00.000Z',
};

/**
 * The library the v2 sample bundle is exported from: the sample snapshots and annotations,
 * a codebook and speakers, and a quote edited in two libraries (so it carries histories and
 * a version kept side by side). Deterministic: the same calls give the same records.
 */
export async function buildV2Sample(dir: string, work: string): Promise<void> {
  const at = V2_SAMPLE.at;
  const tag = (id: string, name: string, parentId: string | null) => ({
    id,
    name,
    parentId,
    color: '#1f77b4',
    key: null,
    description: '',
    createdAt: at,
    updatedAt: at,
  });
  const speaker = (id: string, name: string) => ({ id, name, aliases: [], role: null, organisation: null, createdAt: at, updatedAt: at });
  const seeded = await withLibrary(dir, async (lib) => {
    const s = await seedLibrary(lib, { snapshots: V2_SAMPLE.snapshots, newAnnotationId: countingIds() });
    await lib.saveCodebook([
      tag('immigration', 'Immigration', null),
      tag('policing', 'Policing', 'immigration'),
      tag('numbers', 'Numbers', null),
      tag('budget', 'Budget', null),
    ]);
    await lib.saveSpeakers([speaker('James O’Neill', 'James O’Neill'), speaker('Corey Johnson', 'Corey Johnson')]);
    return s;
  });
  const { exportBundle, importBundle } = await import('../../../core/bundle/index.js');
  const first = join(work, 'first.glossa');
  await withLibrary(dir, (lib) => exportBundle(lib, first));
  const other = join(work, 'other-library');
  const [quote, figure] = seeded.annotations;
  await withLibrary(other, async (lib) => {
    await importBundle(lib, first);
    await lib.putAnnotation({ ...quote!, comment: 'Checked against the video (other library).', updatedAt: '2024-03-05T10:00:00.000Z' });
  });
  const fromOther = join(work, 'other.glossa');
  await withLibrary(other, (lib) => exportBundle(lib, fromOther));
  await withLibrary(dir, async (lib) => {
    await lib.putAnnotation({ ...quote!, comment: 'Checked against the transcript.', updatedAt: '2024-03-05T09:00:00.000Z' });
    await lib.putAnnotation({ ...figure!, tags: ['numbers', 'immigration'], updatedAt: '2024-03-05T11:00:00.000Z' });
    await importBundle(lib, fromOther);
  });
}
