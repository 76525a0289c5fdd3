import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../../core/extract/extract.js';
import { MAX_DEPTH, MAX_HTML_CHARS, limitNesting } from '../../../core/extract/limits.js';
import { GlossaError } from '../../../core/model/errors.js';

const PARA = 'The council approved the budget on Tuesday after a long debate about road repairs, school meals and the price of heating in public buildings. ';

describe('limits', () => {
  test('a page nested 50,000 levels deep gives its text, not a crash', () => {
    const depth = 50_000;
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>${PARA}</p><p>${PARA}</p>${'</div>'.repeat(depth)}</body></html>`;
    const a = extractArticle(html);
    expect(a.text).toBe(`${PARA.trim()}\n\n${PARA.trim()}`);
    expect(a.blocks).toHaveLength(2);
  });

  test('deep inline nesting (50,000 <b>) is flattened too', () => {
    const depth = 50_000;
    const html = `<body><p>${'<b>'.repeat(depth)}${PARA}${'</b>'.repeat(depth)}</p></body>`;
    expect(extractArticle(html).text).toBe(PARA.trim());
  });

  test('limitNesting leaves ordinary pages alone and caps depth', () => {
    const ordinary = '<div><p>a</p><ul><li>b<li>c</ul></div>';
    expect(limitNesting(ordinary)).toBe(ordinary);
    const deep = '<div>'.repeat(MAX_DEPTH + 100) + 'x' + '</div>'.repeat(MAX_DEPTH + 100);
    const flat = limitNesting(deep);
    expect((flat.match(/<div>/g) ?? []).length).toBe(MAX_DEPTH);
    expect((flat.match(/<\/div>/g) ?? []).length).toBe(MAX_DEPTH);
    // Raw text elements are not scanned for tags.
    const script = `<script>${'<div>'.repeat(MAX_DEPTH * 2)}</script><p>y</p>`;
    expect(limitNesting(script)).toBe(script);
  });

  test('a 10 MB page extracts to a sensible article', () => {
    const filler = `<div class="teaser"><a href="/x">Related story</a></div>`;
    const body = `<article><h1>Big page</h1>${`<p>${PARA}</p>`.repeat(40)}</article>`;
    let html = `<html><head><title>Big page</title></head><body>${body}`;
    while (html.length < 10 * 1024 * 1024) html += filler.repeat(1000);
    html += '</body></html>';
    expect(html.length).toBeGreaterThan(10 * 1024 * 1024);
    const a = extractArticle(html);
    expect(a.text.split('\n\n')).toHaveLength(40);
    expect(a.text).not.toContain('Related story');
  });

  test(`a page over the size limit is refused with TOO_LARGE`, () => {
    const html = 'a'.repeat(MAX_HTML_CHARS + 1);
    let error: unknown;
    try {
      extractArticle(html);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GlossaError);
    expect((error as GlossaError).code).toBe('TOO_LARGE');
    expect((error as GlossaError).message).toMatch(/paste its text/);
  });

  test('empty pages and pages without text give clear errors', () => {
    for (const html of ['', '   \n ', '<html><body><img src="x.png"><script>1</script></body></html>']) {
      let error: unknown;
      try {
        extractArticle(html);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GlossaError);
      expect((error as GlossaError).code).toBe('EMPTY_FILE');
    }
  });

  test('a page that is not an article still gives a sensible snapshot', () => {
    const a = extractArticle('<html><body><h1>Opening hours</h1><ul><li>Mon 9–5</li><li>Tue 9–5</li></ul><p>Closed on Sundays.</p></body></html>');
    expect(a.text).toContain('Closed on Sundays.');
    expect(a.title).not.toBe('');
  });
});
