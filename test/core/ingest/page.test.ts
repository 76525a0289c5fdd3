/**
 * Saved web pages into a real library: the article, its images kept offline (from a
 * "_files" folder, MHTML parts, data: URIs), metadata, original bytes, versions, and the
 * hostile pages (huge, deeply nested, badly encoded, not articles).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDebris, importBytes, importPage, importText, PageResources } from '../../../core/ingest/index.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { blocksFromPlainText } from '../../../core/text/blocks.js';
import { CORPORA, HAS_SHARED } from '../extract/shared.js';
import { makePng } from './figure-images.js';
import { digest } from './library-digest.js';
import { PNG_BYTES } from './samples.js';

const enc = (s: string) => new TextEncoder().encode(s);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const para = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `<p>Paragraph ${i + 1} of the council story: the commissioner said the figures were reviewed by the budget office on Tuesday.</p>`,
  ).join('\n');

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council passes budget | The Courier</title>
<meta property="og:site_name" content="The Courier"><meta name="author" content="Jo Smith">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">${head}</head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council passes budget</h1>${body}</article>
<footer>© The Courier. <a href="/privacy">Privacy</a></footer></body></html>`;
}

let dir: string;
let library: LibraryStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-page-'));
  library = await openLibrary(join(dir, 'library'));
});
afterEach(async () => {
  await library.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a saved web page', () => {
  it('keeps the article, its metadata and the original bytes, without the page chrome', async () => {
    const bytes = enc(page(para(6)));
    const out = await importBytes(library, { name: 'budget.html', data: bytes });
    expect(out).toMatchObject({ duplicate: false, title: 'Council passes budget' });
    const s = await library.getSnapshot(out.snapshotId);
    expect(s).toMatchObject({
      byline: 'Jo Smith',
      siteName: 'The Courier',
      lang: 'en',
      publishedAt: '2024-03-05T10:00:00Z',
      extraction: 'article',
      originalMediaType: 'text/html',
      sourceFile: 'budget.html',
    });
    const text = await library.blobs.getText(s.textHash);
    expect(text).toContain('Paragraph 6 of the council story');
    expect(text).not.toMatch(/Privacy|Home/);
    expect(s.originalHash).toBe(sha256(bytes));
    expect(new Uint8Array(await library.blobs.get(s.originalHash!))).toEqual(bytes);
    const html = await library.blobs.getText(s.htmlHash);
    expect(html).not.toMatch(/<script|<nav|\son\w+=/i);
  });

  it('stores images from the "_files" folder as blobs, placed before their caption', async () => {
    const root = join(dir, 'saved');
    await mkdir(join(root, 'Budget_files'), { recursive: true });
    await writeFile(join(root, 'Budget_files', 'chart one.png'), PNG_BYTES);
    const html = page(
      `${para(3)}<figure><img src="Budget_files/chart%20one.png" alt="Spending chart"><figcaption>Spending by department, 2024.</figcaption></figure>${para(2)}`,
      '<link rel="canonical" href="https://courier.example/news/budget">',
    );
    await writeFile(join(root, 'Budget.html'), html);
    const { importDiskPaths } = await import('../../../core/api/batch.js');
    const ctx = { library, dialogs: {} as never, emit: () => undefined };
    const [result] = await importDiskPaths(ctx, [root]);
    expect(result).toMatchObject({ ok: true, name: 'Budget.html', notices: [] });
    const s = await library.getSnapshot((result as { snapshotId: string }).snapshotId);
    const text = await library.blobs.getText(s.textHash);
    expect(s.images).toEqual([
      {
        hash: sha256(PNG_BYTES),
        mediaType: 'image/png',
        alt: 'Spending chart',
        caption: 'Spending by department, 2024.',
        offset: text.indexOf('Spending by department'),
        sourceUrl: 'https://courier.example/news/Budget_files/chart%20one.png',
      },
    ]);
    expect(s.assetHashes).toEqual([sha256(PNG_BYTES)]);
    expect(new Uint8Array(await library.blobs.get(sha256(PNG_BYTES)))).toEqual(PNG_BYTES);
    expect(s.sourceUrl).toBe('https://courier.example/news/budget');
  });

  it('keeps inline data: images, never an SVG (an inline one is a lazy-load stand-in), and says which images were not kept', async () => {
    // A real picture: a 1×1 pixel would be dropped as a tracker.
    const png = `data:image/png;base64,${makePng(40, 20).toString('base64')}`;
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString('base64')}`;
    const html = page(
      `${para(3)}<p><img src="${png}" alt="dot"></p><p><img src="${svg}" alt="svg"></p><p><img src="https://cdn.example/remote.jpg" alt="remote"></p>${para(2)}`,
    );
    const out = await importBytes(library, { name: 'inline.html', data: enc(html) });
    const s = await library.getSnapshot(out.snapshotId);
    expect(s.images.map((i) => [i.alt, i.mediaType])).toEqual([['dot', 'image/png']]);
    expect(out.notices).toEqual([expect.stringMatching(/^1 image was not kept/)]);
    // Its place is kept for the reader, with why.
    expect(s.missingImages).toEqual([
      {
        alt: 'remote',
        caption: null,
        offset: expect.any(Number),
        sourceUrl: 'https://cdn.example/remote.jpg',
        reason: expect.stringMatching(/not saved with the page/),
      },
    ]);
  });

  it('reads MHTML with its image parts, and records where the page was saved from', async () => {
    const boundary = '----MultipartBoundary--abc';
    const html = page(`${para(3)}<figure><img src="https://courier.example/img/photo.png" alt="Photo"><figcaption>The council chamber.</figcaption></figure>`);
    const mhtml = [
      'From: <Saved by Blink>',
      'Snapshot-Content-Location: https://courier.example/news/budget',
      'Subject: Council passes budget',
      'MIME-Version: 1.0',
      `Content-Type: multipart/related; type="text/html"; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/html',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Location: https://courier.example/news/budget',
      '',
      html.replace(/=/g, '=3D'),
      `--${boundary}`,
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      'Content-Location: https://courier.example/img/photo.png',
      '',
      Buffer.from(PNG_BYTES).toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const out = await importBytes(library, { name: 'budget.mhtml', data: enc(mhtml) });
    const s = await library.getSnapshot(out.snapshotId);
    expect(s).toMatchObject({ sourceUrl: 'https://courier.example/news/budget', originalMediaType: 'multipart/related', title: 'Council passes budget' });
    expect(s.images).toMatchObject([
      { alt: 'Photo', caption: 'The council chamber.', mediaType: 'image/png', sourceUrl: 'https://courier.example/img/photo.png' },
    ]);
  });

  it('decodes legacy encodings named by a meta charset (Windows-1252, Shift_JIS)', async () => {
    const latin = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body><article><p>'),
      Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80, 0x35]), // “Café” €5
      Buffer.from(` ${'prices rose sharply this year across the city. '.repeat(8)}</p></article></body></html>`),
    ]);
    const a = await importBytes(library, { name: 'cafe.html', data: new Uint8Array(latin) });
    expect(await library.blobs.getText((await library.getSnapshot(a.snapshotId)).textHash)).toMatch(/^“Café” €5 prices rose/);

    const sjisText = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]); // 日本語 in Shift_JIS
    const sjis = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><article><p>'),
      sjisText,
      Buffer.from(` ${'news report text for the test page. '.repeat(8)}</p></article></body></html>`),
    ]);
    const b = await importBytes(library, { name: 'nihongo.htm', data: new Uint8Array(sjis) });
    expect(await library.blobs.getText((await library.getSnapshot(b.snapshotId)).textHash)).toMatch(/^日本語 news report/);
  });

  it('imports a page that is not an article as its visible text, and says so', async () => {
    const html =
      '<html><body><form><label>User <input name=u></label><button>Sign in</button></form><div>Welcome back. Sign in to read the archive.</div></body></html>';
    const out = await importBytes(library, { name: 'login.html', data: enc(html) });
    expect(out.notices?.[0]).toMatch(/No article was found|only \d+ words of text: it may not be an article/);
    expect(await library.blobs.getText((await library.getSnapshot(out.snapshotId)).textHash)).toContain('Welcome back.');
  });

  it('refuses huge, empty and script-only pages with a clear message and writes nothing', async () => {
    const before = await digest(library.dir);
    const huge = new Uint8Array(51 * 1024 * 1024).fill(0x61);
    await expect(importBytes(library, { name: 'huge.html', data: huge })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/huge\.html.*50\.0 MiB/),
    });
    await expect(importBytes(library, { name: 'empty.html', data: new Uint8Array() })).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    await expect(importBytes(library, { name: 'js.html', data: enc('<html><body><script>document.write("hi")</script></body></html>') })).rejects.toMatchObject(
      {
        code: 'EMPTY_FILE',
        message: expect.stringContaining('js.html'),
      },
    );
    expect(await digest(library.dir)).toEqual(before);
  });

  it('imports a deeply nested page without overflowing', async () => {
    const deep = `<html><body>${'<div>'.repeat(20_000)}<p>${'Deep text survives the nesting limit. '.repeat(10)}</p>${'</div>'.repeat(20_000)}</body></html>`;
    const out = await importBytes(library, { name: 'deep.html', data: enc(deep) }).catch((e: Error & { code?: string }) => e);
    if (out instanceof Error) expect(out).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/deep\.html/) });
    else expect(await library.blobs.getText((await library.getSnapshot(out.snapshotId)).textHash)).toContain('Deep text survives');
  });

  it('refuses files it does not read, naming what they are', async () => {
    await expect(importBytes(library, { name: 'report.pdf', data: enc('%PDF-1.7') })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringContaining('.pdf'),
    });
  });
});

describe('versions of the same address', () => {
  const capture = (html: string) => importPage(library, { bytes: enc(html), format: 'html', url: 'https://courier.example/news/budget', method: 'url' });

  it('links a changed recapture to the earlier one, and a same-text recapture is the existing snapshot', async () => {
    const first = await capture(page(para(4)));
    const same = await capture(page(para(4)));
    expect(same).toMatchObject({ duplicate: true, snapshotId: first.snapshotId });
    const second = await capture(page(`<p>Update: the vote was delayed to Friday after a late amendment from the finance committee.</p>${para(4)}`));
    expect(second).toMatchObject({ duplicate: false, previousVersionId: first.snapshotId });
    const third = await capture(page(`<p>Correction appended at the end of the week by the editors of the paper.</p>${para(5)}`));
    expect(third.previousVersionId).toBe(second.snapshotId);
    expect(library.listSnapshots().map((r) => r.previousVersionId)).toEqual([null, first.snapshotId, second.snapshotId]);
  });
});

describe('pasted HTML', () => {
  it('keeps the paragraphs of a clipboard fragment', async () => {
    const out = await importText(library, {
      text: 'ignored plain flavour',
      html: '<p>First pasted paragraph.</p><p>Second <b>pasted</b> paragraph.</p>',
      method: 'paste',
    });
    const s = await library.getSnapshot(out.snapshotId);
    expect(await library.blobs.getText(s.textHash)).toBe('First pasted paragraph.\n\nSecond pasted paragraph.');
    expect(s.captureMethod).toBe('paste');
    expect(out.notices).toEqual([]);
  });

  it('keeps everything the person selected, headings included (no article search in a fragment)', async () => {
    const html = '<h2>Pasted heading</h2><p>Only paragraph.</p><footer>Kept out: page footer</footer>';
    const out = await importText(library, { text: 'x', html, method: 'paste' });
    const s = await library.getSnapshot(out.snapshotId);
    expect(await library.blobs.getText(s.textHash)).toBe('Pasted heading\n\nOnly paragraph.');
  });
});

describe('comment-form debris', () => {
  const find = (text: string) => findDebris(text, blocksFromPlainText(text));

  it('is found at the end and nowhere else', () => {
    const body = 'The council met on Tuesday to pass the budget after a long debate.\n\n'.repeat(10);
    const tail = '3 Comments\n\nLeave a Reply\n\nYour email address will not be published.\n\n*';
    expect(find(body + tail)).toEqual({ start: body.length, end: (body + tail).length, marker: '3 Comments' });
    expect(find(body.trim())).toBeNull();
    // A paragraph that merely mentions comments, followed by real text, is not debris.
    expect(find(`Leave a reply to the mayor, the sign said.\n\n${body.trim()}`)).toBeNull();
  });
});

describe.skipIf(!HAS_SHARED)('real saved pages (skipped when ../shared/corpora/readability-test-pages is absent)', () => {
  it('imports a real page with its metadata and a hash-checked original', async () => {
    const file = join(CORPORA, 'readability-test-pages/pages/aclu/source.html');
    const bytes = new Uint8Array(await readFile(file));
    const expected = JSON.parse(await readFile(join(CORPORA, 'readability-test-pages/pages/aclu/expected-metadata.json'), 'utf8'));
    const out = await importBytes(library, { name: 'aclu.html', data: bytes });
    const s = await library.getSnapshot(out.snapshotId);
    expect(s.title).toBe(expected.title);
    expect(s.originalHash).toBe(sha256(bytes));
    expect(s.wordCount).toBeGreaterThan(500);
  });
});

// PageResources is also how dropped folders are matched: relative paths and resolved URLs meet.
describe('page resources', () => {
  it('finds a file by the URL the sanitiser resolved its relative path to', () => {
    const r = new PageResources();
    r.add('Story_files/a b.png', PNG_BYTES);
    expect(r.find('https://site.example/x/Story_files/a%20b.png')).toBe(PNG_BYTES);
    expect(r.find('https://site.example/x/Other_files/a%20b.png')).toBeUndefined();
  });
});
