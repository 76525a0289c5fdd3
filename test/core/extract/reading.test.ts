/**
 * What a capture keeps for reading: direction and language of the page and of each block,
 * the standfirst, captions and credits as their own blocks, and only real pictures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { htmlToCanonical } from '../../../core/extract/canonical.js';
import { isRtlLanguage } from '../../../core/extract/direction.js';
import { extractArticle, type ExtractedArticle } from '../../../core/extract/extract.js';
import { dataImageSize, IMAGE_SRC_ATTR, isPlaceholderSrc, sanitiseArticleHtml } from '../../../core/extract/sanitise.js';
import { Block } from '../../../core/model/snapshot.js';
import { makePng } from '../ingest/figure-images.js';
import { CORPORA, HAS_SHARED } from './shared.js';

// Sample sentences written for these tests.
const HE = 'זהו משפט שכתבנו לבדיקה בלבד, והוא ארוך מספיק כדי שהכתבה תיחשב לטקסט של ממש ולא לתפריט.';
const AR = 'هذه جملة كتبناها للاختبار فقط، وهي طويلة بما يكفي لتعد فقرة حقيقية في المقال وليست قائمة.';
const EN = 'This English sentence was written for the test and is long enough to read as running text here.';
const para = (s: string, attrs = '') => `<p${attrs}>${s} ${s} ${s}</p>`;

const page = (htmlAttrs: string, body: string, head = '') =>
  `<!doctype html><html ${htmlAttrs}><head><title>T</title>${head}</head><body><div class="site"><main><article>${body}</article></main></div></body></html>`;

const view = (a: Pick<ExtractedArticle, 'text' | 'blocks'>) =>
  a.blocks.map((b) => ({ type: b.type, dir: b.dir, lang: b.lang, text: a.text.slice(b.start, b.end).slice(0, 12) }));

/** The stored HTML gives the same blocks (direction and language included) when read again. */
const expectStable = (a: ExtractedArticle) => expect(htmlToCanonical(a.articleHtml)).toEqual({ text: a.text, blocks: a.blocks });

describe('direction and language', () => {
  test('a right-to-left page: every block rtl; a block in another language keeps its own dir and lang', () => {
    const a = extractArticle(
      page('lang="he" dir="rtl"', `${para(HE)}${para(HE)}<div lang="en" dir="ltr">${para(EN)}</div>${para(HE)}<blockquote lang="ar">${AR}</blockquote>`),
    );
    expect(a.lang).toBe('he');
    expect(view(a)).toEqual([
      { type: 'paragraph', dir: 'rtl', lang: undefined, text: HE.slice(0, 12) },
      { type: 'paragraph', dir: 'rtl', lang: undefined, text: HE.slice(0, 12) },
      { type: 'paragraph', dir: 'ltr', lang: 'en', text: EN.slice(0, 12) },
      { type: 'paragraph', dir: 'rtl', lang: undefined, text: HE.slice(0, 12) },
      { type: 'quote', dir: 'rtl', lang: 'ar', text: AR.slice(0, 12) },
    ]);
    expectStable(a);
  });

  test('dir and lang set on ancestors that Readability drops are kept on the article', () => {
    const html = `<!doctype html><html lang="en"><head><title>T</title></head><body><nav><a href="/">Home</a></nav>
      <div class="wrap" dir="rtl" lang="ar"><section><div class="story">${para(AR)}${para(AR)}${para(AR)}</div></section></div></body></html>`;
    const a = extractArticle(html);
    expect(a.lang).toBe('en');
    expect(a.blocks.length).toBe(3);
    for (const b of a.blocks) expect([b.dir, b.lang]).toEqual(['rtl', 'ar']);
    expectStable(a);
  });

  test('dir="auto" resolves by the first strong character; invalid values are ignored', () => {
    const a = extractArticle(page('lang="en"', `${para(EN)}<p dir="auto">«${HE}»</p><p dir="auto">${EN} ${HE}</p><p dir="sideways">${EN}</p>${para(EN)}`));
    expect(view(a).map((b) => b.dir)).toEqual([undefined, 'rtl', 'ltr', undefined, undefined]);
    expectStable(a);
  });

  test('hostile nesting: 100 nested dir="auto" elements over a long text resolve quickly, once each', () => {
    const depth = 100;
    const inner = `${para(HE)}${para(EN).repeat(200)}`;
    const html = page('lang="en"', `${'<div dir="auto">'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`);
    const t0 = performance.now();
    const a = extractArticle(html);
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(a.blocks[0]!.dir).toBe('rtl');
    expectStable(a);
  });

  test('a page in a right-to-left language without dir reads right to left (its stylesheet is not kept)', () => {
    const a = extractArticle(page('lang="fa"', `${para(AR)}${para(AR)}`));
    expect(a.blocks.map((b) => b.dir)).toEqual(['rtl', 'rtl']);
    expect(isRtlLanguage('ur-PK')).toBe(true);
    expect(isRtlLanguage('az-Arab')).toBe(true);
    expect(isRtlLanguage('ku-Latn')).toBe(false);
    expect(isRtlLanguage('en')).toBe(false);
  });

  test('a left-to-right page with no dir or lang stores no direction or language on its blocks', () => {
    const a = extractArticle(`<html><body><article>${para(EN)}${para(EN)}</article></body></html>`);
    expect(a.lang).toBeNull();
    for (const b of a.blocks) expect(Object.keys(b).sort()).toEqual(['end', 'start', 'type']);
  });

  test('lang="" marks a block whose language is unknown; hostile lang values are not kept', () => {
    const c = htmlToCanonical(`<div lang="de"><p>eins</p><p lang="">zwei</p><p lang="&quot;><script>">drei</p><p lang="${'x'.repeat(20)}">vier</p></div>`);
    expect(c.blocks.map((b) => b.lang)).toEqual(['de', undefined, 'de', 'de']);
  });

  test('Block: dir and lang are optional and not defaulted (stored blocks keep their shape)', () => {
    expect(Block.parse({ type: 'paragraph', start: 0, end: 3 })).toEqual({ type: 'paragraph', start: 0, end: 3 });
    expect(Object.keys(Block.parse({ type: 'paragraph', start: 0, end: 3 }))).toEqual(['type', 'start', 'end']);
    expect(Block.parse({ type: 'quote', start: 0, end: 3, dir: 'rtl', lang: 'he' })).toMatchObject({ dir: 'rtl', lang: 'he' });
    expect(() => Block.parse({ type: 'quote', start: 0, end: 3, dir: 'auto' })).toThrow();
  });
});

describe('standfirst', () => {
  const lead = 'The council will close the harbour tunnel for two years, the mayor said on Tuesday.';
  const body = para('Engineers found cracks in the tunnel lining during an inspection last spring, the report says.');

  test('a standfirst marked as such (dek, standfirst) stays, even when it repeats the description', () => {
    for (const marked of [`<p class="article-dek">${lead}</p>`, `<h2 class="standfirst">${lead}</h2>`, `<h2>${lead}</h2>`]) {
      const a = extractArticle(page('lang="en"', `<h1>Tunnel to close</h1>${marked}${body}${body}`, `<meta property="og:description" content="${lead}">`));
      expect(a.text.startsWith(lead)).toBe(true);
      expect(a.description).toBe(lead);
    }
  });

  test.skipIf(!HAS_SHARED)('Breitbart (readability-test-pages): the central claim in the standfirst is kept', () => {
    const html = readFileSync(path.join(CORPORA, 'readability-test-pages/pages/breitbart/source.html'), 'utf8');
    const a = extractArticle(html);
    const block = a.blocks.find((b) => a.text.slice(b.start, b.end).includes('any un-angry Trump supporters?'));
    expect(block?.type).toBe('heading');
    expect(a.text).not.toContain('SIGN UP FOR OUR NEWSLETTER');
  });
});

describe('captions and credits', () => {
  test.skipIf(!HAS_SHARED)('nytimes-3: caption and credit are two caption blocks, the "Credit" label once', () => {
    const html = readFileSync(path.join(CORPORA, 'readability-test-pages/pages/nytimes-3/source.html'), 'utf8');
    const a = extractArticle(html);
    expect(a.text).not.toMatch(/CreditCredit|[a-z.]Credit[A-Z]/);
    const captions = a.blocks.filter((b) => b.type === 'caption').map((b) => a.text.slice(b.start, b.end));
    expect(captions).toContain('Credit Chang W. Lee/The New York Times');
    const i = captions.indexOf('Credit Chang W. Lee/The New York Times');
    expect(captions[i - 1]).toMatch(/seeped underground\.$/);
  });

  test('a credit inside a figcaption becomes its own caption block; a repeated caption is kept once', () => {
    const fig =
      '<figure><img src="https://p.example/a.jpg" alt="Tunnel"><figcaption><span>Cars queue at the tunnel.</span>' +
      '<span class="credit"><span>Photo</span><span class="sr-only">Photo</span><span>Jane Roe/Agency</span></span></figcaption></figure>' +
      '<p class="caption">Cars queue at the tunnel.</p>';
    const a = extractArticle(page('lang="en"', `${para(EN)}${fig}${para(EN)}`), { url: 'https://news.example/a' });
    const caps = a.blocks.filter((b) => b.type === 'caption').map((b) => a.text.slice(b.start, b.end));
    expect(caps).toEqual(['Cars queue at the tunnel.', 'Photo Jane Roe/Agency']);
    expect(a.images.map((i) => i.caption)).toEqual(['Cars queue at the tunnel. Photo Jane Roe/Agency']);
    expectStable(a);
  });
});

describe('images: pixels and lazy-load stand-ins', () => {
  const BASE = { baseUrl: 'https://news.example/a/' };
  const GIF_1X1 = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

  test('1×1 and 2-pixel images (attributes or inline style) are removed', () => {
    const out = sanitiseArticleHtml(
      '<p>a<img src="https://t.example/p" width="1" height="1">b</p><img src="/x.png" style="width: 1px; height:1px"><img src="/line.png" height="2px" width="600"><img src="/ok.jpg" width="640" height="480" alt="ok">',
      BASE,
    );
    expect(out).toBe(`<p>ab</p><img width="640" height="480" alt="ok" ${IMAGE_SRC_ATTR}="https://news.example/ok.jpg">`);
  });

  test('data: images: sized from their header; 2 pixels or less, or SVG, are stand-ins', () => {
    const gif = (w: number, h: number) => {
      const b = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
      b.writeUInt16LE(w, 6);
      b.writeUInt16LE(h, 8);
      return `data:image/gif;base64,${b.toString('base64')}`;
    };
    expect(dataImageSize(GIF_1X1)).toEqual({ width: 1, height: 1 });
    expect(dataImageSize(`data:image/png;base64,${makePng(40, 20).toString('base64')}`)).toEqual({ width: 40, height: 20 });
    expect(isPlaceholderSrc(GIF_1X1)).toBe(true);
    expect(isPlaceholderSrc(gif(300, 2))).toBe(true);
    expect(isPlaceholderSrc(gif(300, 200))).toBe(false);
    expect(isPlaceholderSrc(`data:image/png;base64,${makePng(2, 2).toString('base64')}`)).toBe(true);
    expect(isPlaceholderSrc("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E")).toBe(true);
    expect(isPlaceholderSrc('data:image/png;base64,!!!')).toBe(false);
    expect(isPlaceholderSrc('https://cdn.example/photos/blank-slate-exhibition.jpg')).toBe(false);
    expect(isPlaceholderSrc('https://cdn.example/img/blank.gif')).toBe(true);
  });

  test('a lazy stand-in gives way to the real address (data-src, data-srcset, srcset); with none it is removed', () => {
    const out = sanitiseArticleHtml(
      `<img src="${GIF_1X1}" data-src="/real.jpg" alt="r"><img src="/img/blank.gif" data-lazy-srcset="/big.jpg 2x, /small.jpg 1x" alt="s">` +
        `<img src="${GIF_1X1}" alt="gone"><img src="/static/lazy-placeholder.png" alt="gone too"><img data-original="/o.webp" alt="o">`,
      BASE,
    );
    expect(out).toBe(
      `<img alt="r" ${IMAGE_SRC_ATTR}="https://news.example/real.jpg"><img alt="s" ${IMAGE_SRC_ATTR}="https://news.example/big.jpg">` +
        `<img alt="o" ${IMAGE_SRC_ATTR}="https://news.example/o.webp">`,
    );
  });

  test('a picture the browser loaded keeps its own src over a lazy attribute; inline pictures of real size stay', () => {
    const png = `data:image/png;base64,${makePng(40, 20).toString('base64')}`;
    const out = sanitiseArticleHtml(`<img src="Page_files/a.jpg" data-src="https://cdn.example/a.jpg"><img src="${png}">`, BASE);
    expect(out).toBe(`<img ${IMAGE_SRC_ATTR}="https://news.example/a/Page_files/a.jpg"><img ${IMAGE_SRC_ATTR}="${png}">`);
  });

  test('extraction lists no pixel among the article images', () => {
    const a = extractArticle(
      page('lang="en"', `${para(EN)}<img src="https://t.example/pixel.gif" width="1" height="1"><figure><img src="/a.jpg" alt="A"></figure>${para(EN)}`),
      { url: 'https://news.example/story' },
    );
    expect(a.images.map((i) => i.src)).toEqual(['https://news.example/a.jpg']);
  });
});
