import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../../core/extract/extract.js';
import { parseMhtml } from '../../../core/extract/mhtml.js';
import { GlossaError } from '../../../core/model/errors.js';

// A hand-written MHTML file as Chromium writes one: quoted-printable HTML, a base64 image.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const MHTML = [
  'From: <Saved by Blink>',
  'Snapshot-Content-Location: https://paper.example/2024/05/flood.html',
  'Subject: Flood',
  'MIME-Version: 1.0',
  'Content-Type: multipart/related;',
  '\ttype="text/html";',
  '\tboundary="----MultipartBoundary--abc123----"',
  '',
  '',
  '------MultipartBoundary--abc123----',
  'Content-Type: text/html',
  'Content-ID: <frame-1@mhtml.blink>',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Location: https://paper.example/2024/05/flood.html',
  '',
  '<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3DUTF-8">=',
  '<title>River floods the old town</title></head><body><article><h1>River floods the old town</h1>=',
  '<p>The river rose two metres overnight and flooded the caf=C3=A9s of the old town, the fire servic=',
  'e said on Wednesday morning after a night of heavy rain.</p>',
  '<figure><img src=3D"https://paper.example/img/river.png" alt=3D"The river"><figcaption>The river at dawn=',
  '</figcaption></figure><p>About thirty people were taken to a school gym, where volunteers served hot dr=',
  'inks and blankets until the water began to fall in the afternoon.</p></article></body></html>',
  '------MultipartBoundary--abc123----',
  'Content-Type: image/png',
  'Content-Transfer-Encoding: base64',
  'Content-Location: https://paper.example/img/river.png',
  '',
  PNG_BASE64.slice(0, 40),
  PNG_BASE64.slice(40),
  '',
  '------MultipartBoundary--abc123------',
  '',
].join('\r\n');

describe('parseMhtml', () => {
  test('reads the HTML part (quoted-printable, UTF-8) and the resources', () => {
    const page = parseMhtml(new TextEncoder().encode(MHTML));
    expect(page.url).toBe('https://paper.example/2024/05/flood.html');
    expect(page.html).toContain('flooded the cafés of the old town, the fire service said');
    expect(page.resources).toHaveLength(1);
    const png = page.resources[0]!;
    expect(png.location).toBe('https://paper.example/img/river.png');
    expect(png.contentType).toBe('image/png');
    expect(Buffer.from(png.bytes).toString('base64')).toBe(PNG_BASE64);
    expect([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  test('the page extracts like any saved page, and its image is among the resources', () => {
    const page = parseMhtml(new TextEncoder().encode(MHTML));
    const a = extractArticle(page.html, { url: page.url });
    expect(a.title).toBe('River floods the old town');
    expect(a.text).toContain('About thirty people were taken to a school gym');
    expect(a.images.map((i) => i.src)).toEqual(['https://paper.example/img/river.png']);
    expect(page.resources.some((r) => r.location === a.images[0]!.src)).toBe(true);
  });

  test('files that are not MHTML are refused with UNSUPPORTED_FORMAT', () => {
    for (const text of [
      '<html><body>plain</body></html>',
      'Content-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--',
    ]) {
      let error: unknown;
      try {
        parseMhtml(new TextEncoder().encode(text));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GlossaError);
      expect((error as GlossaError).code).toBe('UNSUPPORTED_FORMAT');
    }
  });
});
