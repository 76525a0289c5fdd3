/**
 * The capture operations through the API table (as the window and CLI call them): batch
 * import of a folder with progress and cancel, trimming comment debris into a new version
 * that carries the annotations, and images served only to the snapshot that names them.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, dispatch, type AppEvent, type Context } from '../../../core/api.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { HAVE_NYPD, NYPD_TXT } from '../../shared-fixtures.js';
import { PNG_BYTES } from './samples.js';

let dir: string;
let library: LibraryStore;
let events: AppEvent[];
let ctx: Context;

async function call<T = unknown>(name: string, input: unknown): Promise<T> {
  const env = await dispatch(api, ctx, name, input, { windowOnly: false });
  if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
  return env.value as T;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-capture-ops-'));
  library = await openLibrary(join(dir, 'library'));
  events = [];
  ctx = { library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: (e) => events.push(e) };
});
afterEach(async () => {
  await library.close();
  await rm(dir, { recursive: true, force: true });
});

const article = (n: number) => `Story number ${n}\n\n${`Sentence ${n} of a story about the city budget and its many line items. `.repeat(12)}`;

describe('batch import of a folder', () => {
  it('imports every article under it, reports each file, and skips resource folders and other files', async () => {
    const folder = join(dir, 'clips');
    await mkdir(join(folder, 'nested', 'Page_files'), { recursive: true });
    for (let i = 0; i < 3; i++) await writeFile(join(folder, `story-${i}.txt`), article(i));
    await writeFile(
      join(folder, 'nested', 'Page.html'),
      `<html><body><article><h1>Nested page</h1><p>${'Text of the nested saved page. '.repeat(30)}</p><img src="Page_files/p.png" alt="pic"></article></body></html>`,
    );
    await writeFile(join(folder, 'nested', 'Page_files', 'p.png'), PNG_BYTES);
    await writeFile(join(folder, 'notes.docx'), 'PK');
    const results = await call<{ name: string; ok: boolean }[]>('importPaths', { paths: [folder] });
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['Page.html', true],
      ['story-0.txt', true],
      ['story-1.txt', true],
      ['story-2.txt', true],
    ]);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ task: 'import', done: 4, total: 4, taskId: expect.any(String) });
    const page = library.listSnapshots().find((s) => s.title === 'Nested page')!;
    expect((await library.getSnapshot(page.id)).images).toHaveLength(1);
  });

  it('stops at the next file when cancelled; what was imported stays whole, the rest is reported as cancelled', async () => {
    const folder = join(dir, 'many');
    await mkdir(folder);
    for (let i = 0; i < 10; i++) await writeFile(join(folder, `s${i}.txt`), article(i));
    ctx.emit = (e) => {
      events.push(e);
      // The researcher presses Cancel as soon as the progress bar shows.
      if (e.type === 'progress' && e.taskId) void dispatch(api, ctx, 'cancelTask', { taskId: e.taskId }, { windowOnly: true });
    };
    const results = await call<{ ok: boolean; error?: { code: string } }[]>('importPaths', { paths: [folder] });
    const done = results.filter((r) => r.ok).length;
    expect(done).toBeLessThan(10);
    expect(results.slice(done).every((r) => r.error?.code === 'CANCELLED')).toBe(true);
    expect(library.listSnapshots()).toHaveLength(done);
    // The window's progress bar is told the task is over, though it stopped short.
    const last = events.filter((e) => e.type === 'progress').at(-1);
    expect(last).toMatchObject({ done: 10, total: 10 });
  });

  it('refuses a path that does not exist, naming it', async () => {
    await expect(call('importPaths', { paths: [join(dir, 'nope')] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('nope') });
  });

  it('the window may not name paths: importPaths is not a window operation', async () => {
    const env = await dispatch(api, ctx, 'importPaths', { paths: ['/etc'] }, { windowOnly: true });
    expect(env).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('files dropped with their folder', () => {
  it("finds a page's images among the files dropped with it", async () => {
    const html = `<html><body><article><h1>Dropped page</h1><p>${'Body text of the dropped page. '.repeat(30)}</p><figure><img src="Dropped_files/a.png" alt="A"><figcaption>Caption A</figcaption></figure></article></body></html>`;
    const files = [
      { name: 'Saved/Dropped.html', data: new TextEncoder().encode(html) },
      { name: 'Saved/Dropped_files/a.png', data: PNG_BYTES },
    ];
    const [r] = await call<{ ok: boolean; snapshotId: string; notices: string[] }[]>('importFiles', { files });
    expect(r).toMatchObject({ ok: true, notices: [] });
    const s = await library.getSnapshot(r!.snapshotId);
    const image = await call<{ mediaType: string; data: Uint8Array }>('getImage', { snapshotId: s.id, hash: s.images[0]!.hash });
    expect(image.mediaType).toBe('image/png');
    expect(image.data).toEqual(PNG_BYTES);
    // An image of another snapshot (or any blob) is not served under this one.
    await expect(call('getImage', { snapshotId: s.id, hash: s.textHash })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe.skipIf(!HAVE_NYPD)('trimming the sample article’s comment debris (skipped when ../shared/fixtures/nypd-ice-2017 is absent)', () => {
  it('makes a new version without it, carries the annotations, and keeps the captured version', async () => {
    const bytes = await readFile(NYPD_TXT);
    const [imported] = await call<{ snapshotId: string; debris: { marker: string } }[]>('importFiles', {
      files: [{ name: 'nypd-ice-2017.txt', data: new Uint8Array(bytes) }],
    });
    const id = imported!.snapshotId;
    expect(imported!.debris.marker).toBe('Be the first to comment');
    const { text } = await call<{ text: string }>('openSnapshot', { id });
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;
    const [qs, qe] = at('almost 20 times');
    const [ds, de] = at('Leave a Reply');
    await call('createAnnotation', { snapshotId: id, kind: 'figure', start: qs, end: qe, fields: { value: 20, qualifier: 'almost' } });
    await call('createAnnotation', { snapshotId: id, kind: 'note', start: ds, end: de, comment: 'debris' });

    const trimmed = await call<{ snapshotId: string; previousVersionId: string; carried: { carried: number; orphans: { exact: string }[] } }>('trimDebris', {
      snapshotId: id,
    });
    expect(trimmed.previousVersionId).toBe(id);
    expect(trimmed.carried.carried).toBe(1);
    expect(trimmed.carried.orphans.map((o) => o.exact)).toEqual(['Leave a Reply']);

    const opened = await call<{ text: string; snapshot: { debris: unknown }; versions: { id: string }[] }>('openSnapshot', { id: trimmed.snapshotId });
    expect(opened.text).toBe(text.slice(0, text.indexOf('Be the first to comment')).trimEnd());
    expect(opened.text.endsWith('he said.')).toBe(true);
    expect(opened.snapshot.debris).toBeNull();
    expect(opened.versions.map((v) => v.id)).toEqual([id, trimmed.snapshotId]);
    const [carried] = await library.listAnnotations(trimmed.snapshotId);
    expect(carried).toMatchObject({ kind: 'figure', fields: { value: 20 }, target: { quote: { exact: 'almost 20 times' }, position: { start: qs, end: qe } } });
    expect(carried!.links).toEqual([{ rel: 'previous-version', annotationId: expect.any(String) }]);
    // The captured version and its annotations are untouched; the orphan is listed on the new one.
    expect(await library.listAnnotations(id)).toHaveLength(2);
    expect(
      (await call<{ target: { quote: { exact: string } } }[]>('listOrphans', { snapshotId: trimmed.snapshotId })).map((a) => a.target.quote.exact),
    ).toEqual(['Leave a Reply']);
    // Trimming again gives the same trimmed version, not a third one.
    await expect(call('trimDebris', { snapshotId: trimmed.snapshotId })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(library.listSnapshots()).toHaveLength(2);
  });

  it('links between carried annotations point at the copies, not at the captured version', async () => {
    const bytes = await readFile(NYPD_TXT);
    const [imported] = await call<{ snapshotId: string }[]>('importFiles', { files: [{ name: 'nypd-ice-2017.txt', data: new Uint8Array(bytes) }] });
    const id = imported!.snapshotId;
    const { text } = await call<{ text: string }>('openSnapshot', { id });
    const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const figure = await call<{ value: { id: string } }>('createAnnotation', { snapshotId: id, kind: 'figure', ...span('almost 20 times') });
    const claim = await call<{ value: { id: string } }>('createAnnotation', { snapshotId: id, kind: 'claim', ...span('Leave a Reply') });
    const kept = await call<{ value: { id: string } }>('createAnnotation', { snapshotId: id, kind: 'claim', ...span('he said.') });
    await call('addLink', { snapshotId: id, id: kept.value.id, rel: 'supports', targetId: figure.value.id });
    await call('addLink', { snapshotId: id, id: kept.value.id, rel: 'contradicts', targetId: claim.value.id });

    const trimmed = await call<{ snapshotId: string }>('trimDebris', { snapshotId: id });
    const copies = await library.listAnnotations(trimmed.snapshotId);
    const copyOf = (original: string) => copies.find((a) => a.links.some((l) => l.rel === 'previous-version' && l.annotationId === original));
    const keptCopy = copyOf(kept.value.id)!;
    expect(keptCopy.links).toEqual([
      { rel: 'supports', annotationId: copyOf(figure.value.id)!.id },
      // The debris claim was not carried (an orphan): its link still names the original.
      { rel: 'contradicts', annotationId: claim.value.id },
      { rel: 'previous-version', annotationId: kept.value.id },
    ]);
  });
});

describe('auditing a capture against its original', () => {
  it('re-extracts the original page to the same text, and finds a damaged body', async () => {
    const html = `<html><head><title>Audit me</title></head><body><article><h1>Audit me</h1><p>${'The audited article text. '.repeat(40)}</p></article></body></html>`;
    const [r] = await call<{ snapshotId: string }[]>('importFiles', { files: [{ name: 'audit.html', data: new TextEncoder().encode(html) }] });
    const report = await call<{ ok: boolean; damaged: string[]; reextracted: { sameText: boolean } }>('auditSnapshot', { snapshotId: r!.snapshotId });
    expect(report).toMatchObject({ ok: true, damaged: [], reextracted: { sameText: true } });

    const s = await library.getSnapshot(r!.snapshotId);
    const blob = join(library.dir, 'blobs', 'sha256', s.htmlHash.slice(0, 2), s.htmlHash);
    await writeFile(blob, 'tampered');
    const after = await call<{ ok: boolean; damaged: string[] }>('auditSnapshot', { snapshotId: r!.snapshotId });
    expect(after).toMatchObject({ ok: false, damaged: [s.htmlHash] });
  });
});
