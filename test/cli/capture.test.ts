/**
 * Capture from the command line: a saved page, a folder, and a URL (served here on
 * 127.0.0.1, so the fetch is real), with `show --json` giving the article text and metadata —
 * the numbers of `npm run bench:extract` can be reproduced page by page this way.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../core/extract/index.js';
import type { Snapshot } from '../../core/model/index.js';
import { glossa, glossaJson, SHARED, tempDir } from './helpers.js';

const PAGE = (extra: string) => `<!doctype html><html lang="en"><head><title>Bridge reopens | Courier</title>
<meta property="og:site_name" content="Courier"><meta name="author" content="Jo Smith"></head>
<body><nav>Home News Sport</nav><article><h1>Bridge reopens</h1>${extra}<p>${'The bridge reopened on Monday after two years of repairs, the city said. '.repeat(12)}</p></article></body></html>`;

type Shown = { snapshot: Snapshot; text: string; versions: { id: string }[] };

describe('glossa import of pages and URLs', () => {
  let server: Server;
  let base = '';
  let version = 1;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/old') {
        res.writeHead(301, { location: '/news/bridge' }).end();
      } else if (req.url === '/news/bridge') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE(version > 1 ? '<p>Update: one lane stays closed until Friday.</p>' : ''));
      } else res.writeHead(404).end('not found');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('imports a saved page and shows its article text and metadata as JSON', async () => {
    const lib = tempDir('page');
    const file = join(tempDir('page-src'), 'bridge.html');
    writeFileSync(file, PAGE(''));
    const { ids } = await glossaJson<{ ids: string[] }>(['import', file, '--library', lib]);
    const shown = await glossaJson<Shown>(['show', ids[0]!, '--library', lib]);
    expect(shown.snapshot).toMatchObject({
      title: 'Bridge reopens',
      byline: 'Jo Smith',
      siteName: 'Courier',
      lang: 'en',
      extraction: 'article',
      sourceFile: 'bridge.html',
    });
    expect(shown.text).toBe(extractArticle(PAGE('')).text);
    expect(shown.text).not.toContain('Home News Sport');
  });

  it('captures a URL after redirects, and a changed page again as a new version', async () => {
    const lib = tempDir('url');
    version = 1;
    const first = await glossaJson<{ ids: string[]; results: { finalUrl: string }[] }>(['import', `${base}/old`, '--library', lib]);
    expect(first.results[0]!.finalUrl).toBe(`${base}/news/bridge`);
    const again = await glossa(['import', `${base}/news/bridge`, '--library', lib]);
    expect(again.stdout).toMatch(/^already here/);
    version = 2;
    const second = await glossaJson<{ ids: string[] }>(['import', `${base}/news/bridge`, '--library', lib]);
    const shown = await glossaJson<Shown>(['show', second.ids[0]!, '--library', lib]);
    expect(shown.snapshot).toMatchObject({ captureMethod: 'url', sourceUrl: `${base}/news/bridge`, previousVersionId: first.ids[0] });
    expect(shown.versions.map((v) => v.id)).toEqual([first.ids[0], second.ids[0]]);
    expect(shown.text).toContain('Update: one lane stays closed');
  });

  it('says clearly when the address cannot be reached, and creates nothing', async () => {
    const lib = tempDir('offline');
    const run = await glossa(['import', 'http://127.0.0.1:9/nothing-listens-here', '--library', lib]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/127\.0\.0\.1/);
    expect(await glossaJson<unknown[]>(['list', '--library', lib])).toEqual([]);
  });

  it('imports a folder of pages and texts', async () => {
    const lib = tempDir('folder');
    const folder = tempDir('folder-src');
    writeFileSync(join(folder, 'a.html'), PAGE(''));
    writeFileSync(join(folder, 'b.txt'), 'A plain story\n\nIt has two paragraphs of text.');
    const { ids } = await glossaJson<{ ids: string[] }>(['import', folder, '--library', lib]);
    expect(ids).toHaveLength(2);
  });

  const ACLU = join(SHARED, 'corpora/readability-test-pages/pages/aclu');
  it.skipIf(!existsSync(ACLU))(
    'reproduces a readability-test-pages page: text and metadata match the extractor (skipped when ../shared/corpora is absent)',
    async () => {
      const dir = ACLU;
      const lib = tempDir('corpus');
      const { ids } = await glossaJson<{ ids: string[] }>(['import', join(dir, 'source.html'), '--library', lib]);
      const shown = await glossaJson<Shown>(['show', ids[0]!, '--library', lib]);
      const expected = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8'));
      expect(shown.snapshot.title).toBe(expected.title);
      expect(shown.text).toBe(extractArticle(readFileSync(join(dir, 'source.html'), 'utf8')).text);
      const audit = await glossaJson<{ ok: boolean }>(['audit', ids[0]!, '--library', lib]);
      expect(audit.ok).toBe(true);
    },
  );
});
