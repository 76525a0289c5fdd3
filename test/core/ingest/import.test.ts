/**
 * Import into a real library folder (core/store): what a good import writes, and that a
 * bad input or a duplicate writes nothing at all (every file hashed before and after).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBytes, importText } from '../../../core/ingest/index.js';
import { GlossaError, Snapshot } from '../../../core/model/index.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { canonicalFromPlainText } from '../../../core/text/canonical.js';
import { makeTarget, verifyTarget } from '../../../core/text/selectors.js';
import { countWords } from '../../../core/text/words.js';
import { HAVE_NYPD, NYPD_GOLD, NYPD_TXT, prng, type GoldItem } from '../text/shared.js';
import { PNG_BYTES, randomBytes, utf16 } from './samples.js';

import { digest } from './library-digest.js';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const enc = (s: string) => new TextEncoder().encode(s);
const NYPD_TITLE = 'NYPD Ignored More than 1,500 Federal Requests to Detain Immigrants in 2017';

let dir: string;
let library: LibraryStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-ingest-'));
  library = await openLibrary(join(dir, 'library'));
});

afterEach(async () => {
  await library.close();
  await rm(dir, { recursive: true, force: true });
});

async function expectRefusedUnchanged(code: string, run: () => Promise<unknown>, message?: RegExp) {
  // The index is written shortly after the last change: written now, so a late write of the setup is not taken for the refusal's.
  await library.flushIndex();
  const before = await digest(library.dir);
  const rows = library.listSnapshots();
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GlossaError);
  expect((error as GlossaError).code).toBe(code);
  if (message) expect((error as GlossaError).message).toMatch(message);
  expect(library.listSnapshots()).toEqual(rows);
  expect(await digest(library.dir)).toEqual(before);
}

describe('bad inputs give a clear error and change nothing in the library', () => {
  beforeEach(async () => {
    // A library with something in it, so "unchanged" covers existing files too.
    await importText(library, { text: 'Existing article\n\nIt was here first.', method: 'paste' });
  });

  it('an empty file', async () => {
    await expectRefusedUnchanged('EMPTY_FILE', () => importBytes(library, { name: 'empty.txt', data: new Uint8Array(0) }), /"empty\.txt"/);
  });

  it('a file of only white space', async () => {
    await expectRefusedUnchanged('EMPTY_FILE', () => importBytes(library, { name: 'blank.txt', data: enc('\r\n \t\n') }));
  });

  it('a PNG named .txt', async () => {
    await expectRefusedUnchanged('BINARY_FILE', () => importBytes(library, { name: 'chart.txt', data: PNG_BYTES }), /PNG image/);
  });

  it('random bytes', async () => {
    await expectRefusedUnchanged('BINARY_FILE', () => importBytes(library, { name: 'noise.txt', data: randomBytes(prng(42), 10_000) }));
  });

  it('a 50 MB text, refused before anything is read into the library', async () => {
    const big = new Uint8Array(50 * 1000 * 1000).fill(0x61);
    for (let i = 80; i < big.length; i += 81) big[i] = 0x0a;
    await expectRefusedUnchanged('TOO_LARGE', () => importBytes(library, { name: 'huge.txt', data: big }), /16\.0 MiB/);
  });

  it('a 50 MB paste', async () => {
    await expectRefusedUnchanged('TOO_LARGE', () => importText(library, { text: 'word '.repeat(10_000_000), method: 'paste' }));
  });

  it('invalid UTF-8', async () => {
    const latin1 = new Uint8Array([...enc('Title\n\nCaf'), 0xe9, ...enc(' au lait')]);
    await expectRefusedUnchanged('BAD_ENCODING', () => importBytes(library, { name: 'latin1.txt', data: latin1 }), /offset 10.*UTF-8/);
  });

  it('a damaged UTF-16 file', async () => {
    await expectRefusedUnchanged('BAD_ENCODING', () => importBytes(library, { name: 'cut.txt', data: utf16('Title', 'le').subarray(0, 7) }));
  });

  it('an unsupported format, naming the supported ones', async () => {
    await expectRefusedUnchanged(
      'UNSUPPORTED_FORMAT',
      () => importBytes(library, { name: 'report.pdf', data: enc('%PDF-1.7') }),
      /"report\.pdf" is a \.pdf file.*\.txt, \.text, \.md/,
    );
    await expectRefusedUnchanged('UNSUPPORTED_FORMAT', () => importBytes(library, { name: 'README', data: enc('hello') }), /without an extension/);
  });

  it('an empty paste', async () => {
    await expectRefusedUnchanged('INVALID_INPUT', () => importText(library, { text: ' \n\u00a0', method: 'paste' }));
  });

  it('a duplicate (same canonical text, saved differently) is found, not copied', async () => {
    await library.flushIndex();
    const before = await digest(library.dir);
    const again = await importBytes(library, { name: 'again.txt', data: enc('\uFEFFExisting article\r\n\r\nIt was here first.\r\n') });
    expect(again.duplicate).toBe(true);
    expect(again.title).toBe('Existing article');
    expect(library.listSnapshots()).toHaveLength(1);
    expect(await digest(library.dir)).toEqual(before);
  });
});

describe.skipIf(!HAVE_NYPD)('importing the NYPD sample article (skipped when ../shared/fixtures/nypd-ice-2017 is absent)', () => {
  const bytes = HAVE_NYPD ? readFileSync(NYPD_TXT) : Buffer.alloc(0);
  const canonical = canonicalFromPlainText(bytes.toString('utf8'));
  const gold: GoldItem[] = HAVE_NYPD ? JSON.parse(readFileSync(NYPD_GOLD, 'utf8')).items : [];

  it('makes one snapshot with the title, paragraphs as blocks and hashes of what it stored', async () => {
    const outcome = await importBytes(library, { name: 'nypd-ice-2017.txt', data: bytes });
    // The comment form at the end is found and offered, not dropped: the text keeps it.
    const debris = { marker: 'Be the first to comment', words: 15 };
    expect(outcome).toEqual({ snapshotId: expect.any(String), title: NYPD_TITLE, duplicate: false, previousVersionId: null, notices: [], debris });

    const snapshot = await library.getSnapshot(outcome.snapshotId);
    expect(Snapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(snapshot.title).toBe(NYPD_TITLE);
    expect(snapshot.captureMethod).toBe('file');
    expect(snapshot.sourceFile).toBe('nypd-ice-2017.txt');
    expect(Number.isNaN(Date.parse(snapshot.capturedAt))).toBe(false);
    expect(snapshot.wordCount).toBe(countWords(canonical));
    expect(snapshot.wordCount).toBeGreaterThan(250);
    expect(snapshot.debris).toEqual({ start: canonical.indexOf('Be the first to comment'), end: canonical.length, marker: debris.marker });
    expect(canonical.endsWith('*')).toBe(true);

    expect(snapshot.textHash).toBe(sha256(canonical));
    expect(await library.blobs.getText(snapshot.textHash)).toBe(canonical);
    expect(snapshot.originalHash).toBe(sha256(bytes));
    expect((await library.blobs.get(snapshot.originalHash!)).equals(bytes)).toBe(true);
    const html = await library.blobs.getText(snapshot.htmlHash);
    expect(sha256(html)).toBe(snapshot.htmlHash);
    expect(html).toContain(`<h1>${NYPD_TITLE}</h1>`);

    const paragraphs = canonical.split(/\n\s*\n/).map((p) => p.trim());
    expect(snapshot.blocks.map((b) => canonical.slice(b.start, b.end))).toEqual(paragraphs);
    expect(snapshot.blocks.map((b) => b.type)).toEqual(['heading', ...paragraphs.slice(1).map(() => 'paragraph')]);

    const [row] = library.listSnapshots();
    expect(row).toMatchObject({ id: snapshot.id, title: NYPD_TITLE, textHash: snapshot.textHash, sourceFile: 'nypd-ice-2017.txt' });
  });

  it('keeps every gold offset valid in the stored text, also after reopening the library', async () => {
    const { snapshotId } = await importBytes(library, { name: 'nypd-ice-2017.txt', data: bytes });
    await library.close();
    library = await openLibrary(join(dir, 'library'));
    const snapshot = await library.getSnapshot(snapshotId);
    const text = await library.blobs.getText(snapshot.textHash);
    for (const g of gold) {
      expect(text.slice(g.start, g.end)).toBe(g.exact);
      expect(verifyTarget(text, makeTarget(text, g.start, g.end))).toBe(true);
    }
  });

  it('twice gives duplicate: true, the same snapshot and no new files', async () => {
    const first = await importBytes(library, { name: 'nypd-ice-2017.txt', data: bytes });
    await library.flushIndex();
    const before = await digest(library.dir);
    const second = await importBytes(library, { name: 'nypd-ice-2017.txt', data: bytes });
    expect(second).toMatchObject({ snapshotId: first.snapshotId, title: NYPD_TITLE, duplicate: true });
    expect(library.listSnapshots()).toHaveLength(1);
    expect(await digest(library.dir)).toEqual(before);
  });

  it('the same article as UTF-16 with CRLF, or pasted, is a duplicate too', async () => {
    const first = await importBytes(library, { name: 'nypd-ice-2017.txt', data: bytes });
    const windows = utf16(bytes.toString('utf8').replace(/\n/g, '\r\n'), 'le');
    expect(await importBytes(library, { name: 'nypd (windows).txt', data: windows })).toMatchObject({ snapshotId: first.snapshotId, duplicate: true });
    expect(await importText(library, { text: bytes.toString('utf8'), method: 'paste' })).toMatchObject({ snapshotId: first.snapshotId, duplicate: true });
    expect(library.listSnapshots()).toHaveLength(1);
  });

  it('imported twice at the same moment still makes one snapshot', async () => {
    const results = await Promise.all([importBytes(library, { name: 'a.txt', data: bytes }), importBytes(library, { name: 'b.md', data: bytes })]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(results[0]!.snapshotId).toBe(results[1]!.snapshotId);
    expect(library.listSnapshots()).toHaveLength(1);
  });
});

describe('pasted text', () => {
  it('is stored as canonical text with offsets on LF text; the original is the pasted text', async () => {
    const pasted = '\r\n“Quoted”\u00a0headline 😀\r\n\r\nFirst line\r\nsecond line.\r\n\r\nCafe\u0301 closes.  \r\n';
    const outcome = await importText(library, { text: pasted, method: 'paste' });
    expect(outcome).toMatchObject({ title: '“Quoted” headline 😀', duplicate: false });
    const snapshot = await library.getSnapshot(outcome.snapshotId);
    const text = await library.blobs.getText(snapshot.textHash);
    expect(text).toBe('“Quoted”\u00a0headline 😀\n\nFirst line\nsecond line.\n\nCafe\u0301 closes.');
    expect(snapshot.captureMethod).toBe('paste');
    expect(snapshot.sourceFile).toBeNull();
    expect(snapshot.originalHash).toBe(sha256(pasted));
    expect(await library.blobs.getText(snapshot.originalHash!)).toBe(pasted);
    expect(snapshot.blocks.map((b) => [b.type, text.slice(b.start, b.end)])).toEqual([
      ['heading', '“Quoted”\u00a0headline 😀'],
      ['paragraph', 'First line\nsecond line.'],
      ['paragraph', 'Cafe\u0301 closes.'],
    ]);
    for (const exact of ['😀', 'Cafe\u0301', '“Quoted”\u00a0headline', 'line\nsecond']) {
      const start = text.indexOf(exact);
      const t = makeTarget(text, start, start + exact.length);
      expect(text.slice(t.position.start, t.position.end)).toBe(exact);
    }
  });

  it('takes a given title (trimmed) over the first line', async () => {
    const outcome = await importText(library, { text: 'First line\n\nBody', title: '  My  title ', method: 'paste' });
    expect(outcome.title).toBe('My title');
    expect((await library.getSnapshot(outcome.snapshotId)).title).toBe('My title');
  });

  it('a .md file is imported as text with method "file"', async () => {
    const outcome = await importBytes(library, { name: 'notes.MD', data: enc('# Heading\n\nSome *notes*.') });
    const snapshot = await library.getSnapshot(outcome.snapshotId);
    expect(snapshot.captureMethod).toBe('file');
    expect(snapshot.blocks.map((b) => b.type)).toEqual(['heading', 'paragraph']);
  });
});
