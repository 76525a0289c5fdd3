import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { auditSanitised } from '../../../core/extract/audit.js';
import { extractArticle } from '../../../core/extract/extract.js';
import { IMAGE_SRC_ATTR, sanitiseArticleHtml } from '../../../core/extract/sanitise.js';
import { GlossaError } from '../../../core/model/errors.js';
import { CORPORA, HAS_SHARED } from './shared.js';

const BASE = { baseUrl: 'https://news.example/2024/story.html' };

describe('sanitiseArticleHtml', () => {
  test('keeps article markup, links and image addresses (inert), drops everything active', () => {
    const out = sanitiseArticleHtml(
      '<h2 onclick="x()">Head</h2><p style="background:url(https://t.example/p.gif)">Text <a href="/other" target="_blank" ping="https://t.example">link</a>' +
        ' <a href="javascript:alert(1)">bad</a></p><img src="pics/a.jpg" srcset="pics/a2.jpg 2x" alt="A" onerror="alert(1)">' +
        '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="q"></form><base href="https://evil.example/">' +
        '<link rel="stylesheet" href="https://evil.example/x.css"><style>body{background:url(https://evil.example/x.png)}</style>' +
        '<meta http-equiv="refresh" content="0;url=https://evil.example"><object data="x.swf"></object><embed src="x.swf"><svg onload="alert(1)"><circle/></svg>' +
        '<video src="v.mp4" poster="p.jpg"></video><script>alert(1)</script>',
      BASE,
    );
    expect(auditSanitised(out)).toEqual([]);
    expect(out).toContain('<h2>Head</h2>');
    expect(out).toContain('<a href="https://news.example/other">link</a>');
    expect(out).toContain(`<img alt="A" ${IMAGE_SRC_ATTR}="https://news.example/2024/pics/a.jpg">`);
    expect(out).not.toMatch(/\ssrc=|srcset|style|onerror|onclick|javascript|evil\.example|<script|<iframe|<form|<base|<link|<meta|<object|<embed|<svg|<video/i);
  });

  test('image addresses: data:image kept, other schemes dropped; forged data-glossa-src on other tags dropped', () => {
    const out = sanitiseArticleHtml(
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="d"><img src="javascript:alert(1)" alt="j"><img src="file:///etc/passwd" alt="f">' +
        `<p ${IMAGE_SRC_ATTR}="https://x.example/a.png">p</p>`,
      BASE,
    );
    expect(out).toContain(`${IMAGE_SRC_ATTR}="data:image/png;base64,iVBORw0KGgo="`);
    expect(out).toContain('<img alt="j">');
    expect(out).toContain('<img alt="f">');
    expect(out).toContain('<p>p</p>');
    expect(auditSanitised(out)).toEqual([]);
  });

  test('the audit itself catches active content', () => {
    expect(auditSanitised('<p onclick="x">a</p><script>1</script><a href="javascript:x">b</a><img src="https://t/x.png">').length).toBeGreaterThanOrEqual(4);
  });

  describe.skipIf(!HAS_SHARED)('DOMPurify fixture payloads (dompurify-xss-fixtures; skipped when ../shared is absent)', () => {
    const file = path.join(CORPORA, 'dompurify-xss-fixtures/expect.json');
    const cases = HAS_SHARED ? (JSON.parse(readFileSync(file, 'utf8')) as { title: string; payload: string }[]) : [];

    test('there are payloads to check', () => {
      expect(cases.length).toBeGreaterThan(100);
    });

    test('no payload leaves script, handlers, javascript: URLs, remote loads or dangerous elements', () => {
      const failures: string[] = [];
      for (const c of cases) {
        const out = sanitiseArticleHtml(c.payload, BASE);
        const problems = auditSanitised(out);
        if (problems.length) failures.push(`${c.title}: ${problems.join('; ')}`);
        // Same checks by pattern on the serialised tags (attribute values blanked: they are
        // quoted text, like alt="<img onerror=…>", and inert), independent of the parser.
        const tags = out.replace(/"[^"]*"/g, '""');
        if (/<\s*(script|iframe|object|embed|form|base|link|style|meta|svg|math|frame)\b/i.test(tags)) failures.push(`${c.title}: dangerous element`);
        if (/<[^>]*\s(on[a-z]+|src|srcset|style|background|poster|action|formaction|ping|xlink:href)\s*=/i.test(tags))
          failures.push(`${c.title}: dangerous attribute`);
        if (/\shref="\s*(javascript|vbscript|data):/i.test(out)) failures.push(`${c.title}: script URL`);
      }
      expect(failures).toEqual([]);
    });

    test('sanitising is stable: sanitising the output again changes nothing', () => {
      for (const c of cases) {
        const once = sanitiseArticleHtml(c.payload, BASE);
        expect(sanitiseArticleHtml(once, BASE)).toBe(once);
      }
    });
  });

  describe.skipIf(!HAS_SHARED)('other hostile corpora (h5sc-html5sec, xss-payload-lists; skipped when ../shared is absent)', () => {
    /** Sanitises each page and extracts it as a page; both must come out inert. */
    function check(label: string, pages: string[], extract: boolean): string[] {
      const failures: string[] = [];
      for (const [i, page] of pages.entries()) {
        const problems = auditSanitised(sanitiseArticleHtml(page, BASE));
        if (problems.length) failures.push(`${label} #${i}: ${problems.join('; ')}`);
        if (!extract) continue;
        try {
          const a = extractArticle(page, { url: BASE.baseUrl });
          const p2 = auditSanitised(a.articleHtml);
          if (p2.length) failures.push(`${label} #${i} (extracted): ${p2.join('; ')}`);
        } catch (e) {
          if (!(e instanceof GlossaError)) failures.push(`${label} #${i}: ${(e as Error).message}`);
        }
      }
      return failures;
    }

    test('h5sc vectors with their placeholders filled', () => {
      const items = JSON.parse(readFileSync(path.join(CORPORA, 'h5sc-html5sec/items.json'), 'utf8')) as { data: string }[];
      const fills = JSON.parse(readFileSync(path.join(CORPORA, 'h5sc-html5sec/payloads.json'), 'utf8')) as Record<string, string>;
      const pages = items.map((it) => it.data.replace(/%([a-z0-9_]+)%/gi, (m, k: string) => fills[k] ?? m));
      expect(pages.length).toBeGreaterThan(100);
      expect(check('h5sc', pages, true)).toEqual([]);
    });

    test('xss-payload-lists: every payload line, and the SVG/XML files', () => {
      const lines = readFileSync(path.join(CORPORA, 'xss-payload-lists/payload-lines.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      expect(lines.length).toBeGreaterThan(5000);
      expect(check('line', lines, false)).toEqual([]);
      const dir = path.join(CORPORA, 'xss-payload-lists/payloadsallthethings/files');
      const files = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8'));
      expect(check('file', files, true)).toEqual([]);
    });
  });
});
