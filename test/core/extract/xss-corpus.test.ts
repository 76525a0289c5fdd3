/**
 * Hostile pages through the real import path: importBytes (what the importFiles op calls per
 * file) → the article HTML as stored in the library must pass auditSanitised, and the record
 * must carry no script address or SVG image.
 *
 * sanitise.test.ts already runs every corpus payload through sanitiseArticleHtml (and the h5sc
 * vectors and SVG/XML files through extractArticle); this adds what it leaves out: the DOMPurify
 * fixtures, h5sc vectors and h5sc attachments imported and stored as pages. The 5,883 payload
 * lines go through the same path in test/e2e/xss.spec.ts, which imports every payload before
 * opening it in the reader, so they are not imported a second time here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { auditSanitised } from '../../../core/extract/index.js';
import { importBytes } from '../../../core/ingest/index.js';
import { openLibrary } from '../../../core/store/index.js';
import { HAVE_XSS_CORPORA, loadPayloads, pagesFor, XSS_SKIP_REASON } from '../../e2e/xss-payloads.js';

if (!HAVE_XSS_CORPORA) console.warn(`[xss-corpus] ${XSS_SKIP_REASON}`);

describe.skipIf(!HAVE_XSS_CORPORA)('hostile pages through importBytes (skipped when ../shared is absent)', () => {
  test('DOMPurify fixtures, h5sc vectors and attachments, SVG/XML files: stored article HTML is inert', async () => {
    const pages = pagesFor(loadPayloads().filter((p) => p.source !== 'list-line'));
    expect(pages.length).toBeGreaterThan(250);

    const temp = await mkdtemp(join(tmpdir(), 'glossa-xss-corpus-'));
    const library = await openLibrary(join(temp, 'library'));
    const failures: string[] = [];
    const refused: string[] = [];
    let stored = 0;
    try {
      for (const page of pages) {
        let outcome;
        try {
          outcome = await importBytes(library, { name: page.name, data: page.data });
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (!code) failures.push(`${page.payload.ref}: the importer crashed: ${(e as Error).message}`);
          // A whole document may hold no text at all; a wrapped payload has its article around it.
          else if (!page.payload.whole || code !== 'EMPTY_FILE') failures.push(`${page.payload.ref}: refused ${code}: ${(e as Error).message}`);
          else refused.push(page.payload.ref);
          continue;
        }
        expect(outcome.duplicate, page.payload.ref).toBe(false);
        const snapshot = await library.getSnapshot(outcome.snapshotId);
        const problems = auditSanitised(await library.blobs.getText(snapshot.htmlHash));
        for (const image of snapshot.images) if (image.mediaType.includes('svg')) problems.push(`image stored as ${image.mediaType}`);
        for (const url of [snapshot.sourceUrl, snapshot.canonicalUrl, ...snapshot.images.map((i) => i.sourceUrl)]) {
          if (url !== null && !/^https?:\/\//i.test(url)) problems.push(`address ${JSON.stringify(url)} in the record`);
        }
        const text = await library.blobs.getText(snapshot.textHash);
        if (page.marker && !text.includes(page.marker)) problems.push('the article text around the payload was lost');
        if (problems.length) failures.push(`${page.payload.ref}: ${problems.join('; ')}`);
        stored++;
      }
    } finally {
      await library.close();
      await rm(temp, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    expect(stored + refused.length).toBe(pages.length);
    // Only whole documents without text are refused; their inline twins are all stored.
    expect(stored).toBeGreaterThan(pages.length - 30);
  });
});
