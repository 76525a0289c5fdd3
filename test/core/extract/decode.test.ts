import { describe, expect, test } from 'vitest';
import { decodeHtml, decodeHtmlBytes } from '../../../core/extract/decode.js';
import { extractArticle } from '../../../core/extract/extract.js';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const bytes = (...parts: (string | number[])[]): Uint8Array => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? ascii(p) : p)));

// Hand-assembled encodings (no encoder involved):
// Windows-1252: é = E9, – = 96, “ = 93, ” = 94, € = 80.
const CAFE_1252 = [0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x80, 0x35, 0x94];
// Shift_JIS: 日本語 = 93 FA 96 7B 8C EA; 記事 = 8B 4C 8E 96; こんにちは = 82 B1 82 F1 82 C9 82 BF 82 CD.
const NIHONGO_SJIS = [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea];
const KIJI_SJIS = [0x8b, 0x4c, 0x8e, 0x96];
const KONNICHIWA_SJIS = [0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd];

describe('decodeHtmlBytes', () => {
  test('Windows-1252 page declared with <meta charset>', () => {
    const page = bytes('<html><head><meta charset="windows-1252"><title>t</title></head><body><p>', CAFE_1252, '</p></body></html>');
    const d = decodeHtml(page);
    expect(d.encoding).toBe('windows-1252');
    expect(d.source).toBe('meta');
    expect(d.text).toContain('<p>café – “€5”</p>');
  });

  test('ISO-8859-1 label means Windows-1252 (WHATWG), via http-equiv Content-Type', () => {
    const page = bytes('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>', CAFE_1252, '</p>');
    expect(decodeHtmlBytes(page)).toContain('café – “€5”');
  });

  test('Shift_JIS page with a meta charset decodes and extracts', () => {
    const para = [...KONNICHIWA_SJIS, ...ascii('. '), ...NIHONGO_SJIS, ...KIJI_SJIS];
    const page = bytes(
      '<html lang="ja"><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>',
      KIJI_SJIS,
      '</title></head><body><article><p>',
      para,
      '</p></article></body></html>',
    );
    const d = decodeHtml(page);
    expect(d.encoding).toBe('shift_jis');
    expect(d.text).toContain('<p>こんにちは. 日本語記事</p>');
    const a = extractArticle(d.text);
    expect(a.text).toBe('こんにちは. 日本語記事');
    expect(a.lang).toBe('ja');
  });

  test('the HTTP charset wins over the meta; a BOM wins over both', () => {
    const page = bytes('<meta charset="utf-8"><p>', CAFE_1252, '</p>');
    expect(decodeHtml(page, 'text/html; charset=windows-1252').text).toContain('café');
    const bom = bytes([0xef, 0xbb, 0xbf], '<meta charset="windows-1252"><p>caf', [0xc3, 0xa9], '</p>');
    const d = decodeHtml(bom, 'text/html; charset=shift_jis');
    expect(d.source).toBe('bom');
    expect(d.text).toBe('<meta charset="windows-1252"><p>café</p>');
  });

  test('UTF-16 with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'<p>é</p>'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeHtmlBytes(le)).toBe('<p>é</p>');
  });

  test('no declaration: UTF-8 when valid, Windows-1252 when not', () => {
    expect(decodeHtml(bytes('<p>caf', [0xc3, 0xa9], '</p>'))).toMatchObject({ encoding: 'utf-8', source: 'default', text: '<p>café</p>' });
    expect(decodeHtml(bytes('<p>', CAFE_1252, '</p>'))).toMatchObject({ encoding: 'windows-1252', source: 'fallback', text: '<p>café – “€5”</p>' });
  });

  test('a stale meta charset on a page re-saved as UTF-8 is overruled by the bytes', () => {
    const page = bytes('<meta charset="gb2312"><p>caf', [0xc3, 0xa9], ' ', [0xe6, 0x97, 0xa5], '</p>');
    expect(decodeHtml(page)).toMatchObject({ encoding: 'utf-8', text: '<meta charset="gb2312"><p>café 日</p>' });
  });

  test('declared UTF-8 with a few damaged bytes stays UTF-8 (damage becomes U+FFFD)', () => {
    const page = bytes('<meta charset="utf-8"><p>caf', [0xc3, 0xa9], ' ', [0xff], '</p>');
    expect(decodeHtmlBytes(page)).toBe('<meta charset="utf-8"><p>café \ufffd</p>');
  });

  test('unknown labels are ignored', () => {
    expect(decodeHtml(bytes('<meta charset="no-such-encoding"><p>x</p>')).encoding).toBe('utf-8');
  });
});
