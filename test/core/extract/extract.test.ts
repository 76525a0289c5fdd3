import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { auditSanitised } from '../../../core/extract/audit.js';
import { htmlToCanonical } from '../../../core/extract/canonical.js';
import { decodeHtmlBytes } from '../../../core/extract/decode.js';
import { bodyText, extractArticle, type ExtractedArticle } from '../../../core/extract/extract.js';
import { IMAGE_SRC_ATTR } from '../../../core/extract/sanitise.js';
import { GlossaError } from '../../../core/model/errors.js';
import { CORPORA, FIXTURES, HAS_SHARED } from './shared.js';

function expectConsistent(a: ExtractedArticle): void {
  // The text is exactly what htmlToCanonical gives for the stored HTML.
  expect(htmlToCanonical(a.articleHtml)).toEqual({ text: a.text, blocks: a.blocks });
  let previousEnd = -1;
  for (const b of a.blocks) {
    expect(b.start).toBeGreaterThan(previousEnd);
    expect(b.end).toBeLessThanOrEqual(a.text.length);
    const slice = a.text.slice(b.start, b.end);
    expect(slice.length).toBeGreaterThan(0);
    expect(slice).toBe(slice.trim());
    previousEnd = b.end;
  }
  expect(auditSanitised(a.articleHtml)).toEqual([]);
}

describe('extractArticle on a hand-written news page', () => {
  const a = extractArticle(readFileSync(path.join(FIXTURES, 'article-og.html'), 'utf8'));

  test('keeps the article text and structure, drops page furniture', () => {
    const body = a.blocks.map((b) => [b.type, a.text.slice(b.start, b.end).slice(0, 20)]);
    expect(body).toEqual([
      ['paragraph', 'The harbour tunnel o'],
      ['caption', 'The first cars enter'],
      ['paragraph', '“We are relieved, fr'],
      ['heading', 'Traffic expected to '],
      ['paragraph', 'Engineers expect the'],
      ['quote', 'The delays were caus'],
      ['paragraph', 'Local businesses on '],
    ]);
    for (const gone of ['Home', 'Share on Twitter', 'Advertisement', 'Old bridge to close', 'tracking', '©', 'By Maria Lopes', '4 March 2024']) {
      expect(a.text).not.toContain(gone);
    }
    expect(bodyText(a)).not.toContain('The first cars enter');
    expectConsistent(a);
  });

  test('images are listed with absolute addresses and captions, and kept inert in the HTML', () => {
    const caption = 'The first cars enter the tunnel on Monday. Photo: Jo Smith';
    expect(a.images).toEqual([
      { src: 'https://courier.example/news/images/tunnel.jpg', alt: 'Cars entering the tunnel', caption, offset: a.text.indexOf(caption) },
    ]);
    // Drawn just before its caption, which is a caption block of the text.
    expect(a.blocks.find((b) => b.start === a.images[0]!.offset)?.type).toBe('caption');
    expect(a.articleHtml).toContain(`${IMAGE_SRC_ATTR}="https://courier.example/news/images/tunnel.jpg"`);
    expect(a.articleHtml).not.toMatch(/\ssrc=|onerror/);
  });

  test('the article was found (not the page-text fallback)', () => {
    expect(a.method).toBe('article');
  });

  test('same page, same result (deterministic)', () => {
    const again = extractArticle(readFileSync(path.join(FIXTURES, 'article-og.html'), 'utf8'));
    expect(again).toEqual(a);
  });

  test('input that is not text is refused clearly', () => {
    expect(() => extractArticle(42 as unknown as string)).toThrow(GlossaError);
  });
});

describe.skipIf(!HAS_SHARED)('extractArticle on real pages (shared corpora; skipped when ../shared is absent)', () => {
  test('article-extraction-benchmark: every page extracts, text = htmlToCanonical(articleHtml), blocks valid, HTML inert', () => {
    const dir = path.join(CORPORA, 'article-extraction-benchmark/html');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html.gz'));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const a = extractArticle(decodeHtmlBytes(gunzipSync(readFileSync(path.join(dir, f)))), { url: 'https://example.org/article' });
      expect(a.text.length, f).toBeGreaterThan(0);
      expectConsistent(a);
      for (const img of a.images) expect(img.src).toMatch(/^(https?:\/\/|data:image\/)/);
    }
  });

  test('readability-test-pages: every page extracts or is refused with a GlossaError', () => {
    const dir = path.join(CORPORA, 'readability-test-pages/pages');
    for (const name of readdirSync(dir)) {
      const html = decodeHtmlBytes(readFileSync(path.join(dir, name, 'source.html')));
      try {
        expectConsistent(extractArticle(html, { url: 'http://fakehost/test/page.html' }));
      } catch (e) {
        if (!(e instanceof GlossaError)) throw e;
      }
    }
  });

  test('every DOMPurify fixture payload imported as a page yields inert HTML (or a clear refusal)', () => {
    const cases = JSON.parse(readFileSync(path.join(CORPORA, 'dompurify-xss-fixtures/expect.json'), 'utf8')) as { payload: string }[];
    let extracted = 0;
    for (const c of cases) {
      for (const page of [
        c.payload,
        `<html><head><title>x</title></head><body><article><p>${'Some words of text here. '.repeat(10)}</p>${c.payload}</article></body></html>`,
      ]) {
        try {
          const a = extractArticle(page, { url: 'https://example.org/' });
          expect(auditSanitised(a.articleHtml)).toEqual([]);
          extracted++;
        } catch (e) {
          expect(e).toBeInstanceOf(GlossaError);
        }
      }
    }
    expect(extracted).toBeGreaterThan(cases.length);
  });
});
