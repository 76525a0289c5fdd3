/**
 * Capture through the window, in Chromium on a real library: a saved page with its "_files"
 * folder (picture shown offline in the reader), a URL fetched by core from a local server
 * (and a clear message when nothing answers), a link dropped on the window, pasted HTML keeping its paragraphs, the
 * sample article's comment debris offered for trimming, and a large batch cancelled from its progress bar.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG_BYTES } from '../core/ingest/samples.js';
import { NYPD_TXT } from '../shared-fixtures.js';
import { openApp, REPO_ROOT, type App } from './harness.js';
import { dumpLibrary } from './library.helpers.js';

const PAGES = join(REPO_ROOT, 'test/fixtures/pages');

test.describe('capture', () => {
  let temp = '';
  let app: App;
  let server: Server;
  let base = '';

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/story') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<html><head><title>Served story</title></head><body><article><h1>Served story</h1><p>${'A story served over HTTP to be captured. '.repeat(30)}</p><figure><img src="/chart.png" alt="Chart of the story"><figcaption>The chart</figcaption></figure></article></body></html>`,
        );
      } else if (req.url === '/chart.png') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG_BYTES));
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  test.beforeEach(async () => {
    temp = await mkdtemp(join(tmpdir(), 'glossa-e2e-capture-'));
    app = await openApp({ libraryDir: join(temp, 'library') });
  });
  test.afterEach(async () => {
    await app.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('a saved page with its _files folder: article, metadata and picture, offline', async () => {
    const { page } = app;
    await page.getByTestId('import-folder-input').setInputFiles(PAGES);
    const results = page.getByRole('region', { name: 'Import results' });
    await expect(results).toContainText('1 article imported');
    await results.getByRole('link', { name: 'Bridge reopens after two years' }).click();
    const article = page.locator('article').first();
    await expect(article).toContainText('The Harbour Bridge reopened to traffic on Monday');
    await expect(article).not.toContainText('Most read');
    const img = article.locator('img[alt="Cars crossing the bridge"]');
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => [el.src.startsWith('blob:'), el.naturalWidth])).toEqual([true, 4]);
    const [dump] = (await dumpLibrary(page)).snapshots;
    expect(dump!.snapshot).toMatchObject({
      byline: 'Jo Smith',
      siteName: 'The Courier',
      title: 'Bridge reopens after two years',
      publishedAt: '2024-05-06T08:00:00Z',
    });
    expect(app.problems).toEqual([]);
  });

  test('a URL: fetched by core, opened in the reader; an unreachable one says so and creates nothing', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Capture URL…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture a web page' });
    await dialog.getByLabel('Address of the article').fill('http://127.0.0.1:9/closed');
    await dialog.getByRole('button', { name: 'Capture' }).click();
    await expect(dialog.getByRole('alert')).toContainText('127.0.0.1');
    expect((await dumpLibrary(page)).snapshots).toEqual([]);

    await dialog.getByLabel('Address of the article').fill(`${base}/story`);
    await dialog.getByRole('button', { name: 'Capture' }).click();
    await expect(page.locator('article').first()).toContainText('A story served over HTTP');
    const [dump] = (await dumpLibrary(page)).snapshots;
    expect(dump!.snapshot).toMatchObject({ captureMethod: 'url', sourceUrl: `${base}/story`, title: 'Served story' });
    // The page is on this computer, so its picture beside it is fetched (one from the internet could not reach here).
    expect(dump!.snapshot.images).toMatchObject([{ alt: 'Chart of the story', caption: 'The chart', sourceUrl: `${base}/chart.png` }]);
  });

  test('a link dragged from a browser onto the window is captured', async () => {
    const { page } = app;
    await page.evaluate((url) => {
      const data = new DataTransfer();
      data.setData('text/uri-list', `# dragged from a browser\r\n${url}`);
      data.setData('text/plain', url);
      for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, `${base}/story`);
    await expect(page.getByRole('region', { name: 'Import results' })).toContainText(`${base}/story`);
    const [dump] = (await dumpLibrary(page)).snapshots;
    expect(dump!.snapshot).toMatchObject({ captureMethod: 'url', sourceUrl: `${base}/story` });
  });

  test('pasted HTML keeps its paragraphs', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Paste text…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste text' });
    const area = dialog.getByLabel('Article text');
    await area.fill('First paragraph. Second paragraph.');
    await area.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/html', '<meta charset="utf-8"><h2>Pasted title</h2><p>First paragraph.</p><p>Second <em>paragraph</em>.</p>');
      data.setData('text/plain', 'First paragraph. Second paragraph.');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(dialog.getByRole('status')).toContainText('paragraphs, headings and lists are kept');
    await dialog.getByRole('button', { name: 'Add to library' }).click();
    await expect(page.locator('article').first()).toContainText('Second paragraph.');
    const [dump] = (await dumpLibrary(page)).snapshots;
    expect(dump!.text).toBe('Pasted title\n\nFirst paragraph.\n\nSecond paragraph.');
  });

  test('a folder of many files: a progress bar whose Cancel stops the batch; what was imported stays, the rest is listed as not imported', async () => {
    const { page } = app;
    const folder = join(temp, 'many');
    await mkdir(folder);
    const COUNT = 1500;
    for (let i = 0; i < COUNT; i++) {
      await writeFile(
        join(folder, `note-${String(i).padStart(4, '0')}.txt`),
        `Council note ${i}\n\n${`Item ${i} of the council minutes, read into the record. `.repeat(12)}`,
      );
    }
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    const progress = page.getByRole('group', { name: 'Progress' });
    await expect(progress.getByRole('progressbar')).toBeVisible();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    const results = page.getByRole('region', { name: 'Import results' });
    await expect(results.getByRole('status')).toContainText('not imported (cancelled)');
    await expect(progress).toBeHidden();
    const heading = (await results.getByRole('status').textContent()) ?? '';
    const [, imported, cancelled] = /([\d,]+) articles? imported, ([\d,]+) not imported/.exec(heading)!.map((n) => Number(n.replace(/,/g, '')));
    expect(imported! + cancelled!).toBe(COUNT);
    expect(cancelled).toBeGreaterThan(0);
    // The cancelled files are one folded line, not a wall of identical errors.
    const folded = results.locator('details.result-cancelled');
    await expect(folded.locator('summary')).toContainText(
      `${cancelled!.toLocaleString('en')} file${cancelled === 1 ? '' : 's'} not imported: the import was cancelled`,
    );
    await expect(folded.getByRole('listitem').first()).toBeHidden();
    await expect(results.getByRole('listitem').filter({ visible: true })).toHaveCount(imported!);
    // Exactly the files reported as imported are in the library, each whole.
    const dump = await dumpLibrary(page);
    expect(dump.snapshots).toHaveLength(imported!);
    for (const { text } of dump.snapshots) {
      const n = /^Council note (\d+)/.exec(text)?.[1];
      expect(text.split(`Item ${n} of the council minutes`)).toHaveLength(13);
    }
    expect(app.problems).toEqual([]);
  });

  test('the sample article: comment debris is offered for trimming, and trimming keeps both versions (skipped when ../shared/fixtures is absent)', async () => {
    test.skip(!existsSync(NYPD_TXT), `needs ${NYPD_TXT}`);
    const { page } = app;
    await page.getByTestId('import-file-input').setInputFiles(NYPD_TXT);
    const results = page.getByRole('region', { name: 'Import results' });
    await expect(results).toContainText('“Be the first to comment”');
    await results.getByRole('button', { name: 'Trim it' }).click();
    await results.getByRole('link', { name: 'open the trimmed version' }).click();
    await expect(page.locator('article').first()).toContainText('regardless of the nature of the crime');
    await expect(page.locator('article').first()).not.toContainText('Leave a Reply');
    await expect(page.getByRole('region', { name: 'Versions of this article' })).toContainText('Version 2 of 2');
    await page.getByRole('button', { name: /Show changes/ }).click();
    await expect(page.locator('.diff-text del')).toContainText('Leave a Reply');
    expect((await dumpLibrary(page)).snapshots).toHaveLength(2);
  });
});
