import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { MAX_TEXT_FILE_BYTES, decodeTextFile, firstInvalidUtf8 } from '../../../core/ingest/decode.js';
import { HAVE_NYPD, NYPD_TXT, prng } from '../text/shared.js';
import { PNG_BYTES, randomBytes, utf16 } from './samples.js';

function refusal(bytes: Uint8Array, name = 'article.txt'): GlossaError {
  try {
    decodeTextFile(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return e as GlossaError;
  }
  throw new Error('expected the file to be refused');
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeTextFile', () => {
  it('decodes UTF-8, and removes a UTF-8 BOM', () => {
    expect(decodeTextFile(enc('“Hi”\u00a0😀'), 'a.txt')).toBe('“Hi”\u00a0😀');
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Title')]), 'a.txt')).toBe('Title');
  });

  it('decodes UTF-16 LE and BE with a BOM (their NUL bytes are not "binary")', () => {
    const text = 'Title\r\n\r\n“Quoted”\u00a0text 😀 café';
    expect(decodeTextFile(utf16(text, 'le'), 'win.txt')).toBe(text);
    expect(decodeTextFile(utf16(text, 'be'), 'mac.txt')).toBe(text);
  });

  it('refuses an empty file and a file of only white space with EMPTY_FILE naming the file', () => {
    const empty = refusal(new Uint8Array(0), 'nothing.txt');
    expect(empty.code).toBe('EMPTY_FILE');
    expect(empty.message).toMatch(/"nothing\.txt" is empty \(0 bytes\)/);
    const blank = refusal(enc(' \r\n\t\n\u00a0 '), 'blank.txt');
    expect(blank.code).toBe('EMPTY_FILE');
    expect(blank.message).toMatch(/"blank\.txt".*only white space/);
    expect(refusal(utf16('  \n', 'le'), 'blank16.txt').code).toBe('EMPTY_FILE');
  });

  it('refuses a PNG with BINARY_FILE saying it looks like a PNG image', () => {
    const err = refusal(PNG_BYTES, 'photo.txt');
    expect(err.code).toBe('BINARY_FILE');
    expect(err.message).toMatch(/"photo\.txt" looks like a PNG image/);
  });

  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a], /PDF document/],
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], /ZIP archive.*Word/],
    [[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], /JPEG image/],
    [[0x1f, 0x8b, 0x08, 0x00, 0x00], /gzip/],
  ])('names other binary formats: %j', (bytes, what) => {
    const err = refusal(new Uint8Array([...bytes, ...enc('text after the header')]));
    expect(err.code).toBe('BINARY_FILE');
    expect(err.message).toMatch(what);
  });

  it('refuses RTF (text, but markup) with UNSUPPORTED_FORMAT', () => {
    const err = refusal(enc('{\\rtf1\\ansi Hello}'), 'saved-by-textedit.txt');
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/RTF/);
  });

  it('refuses random bytes as BINARY_FILE, with or without NUL bytes', () => {
    const bytes = randomBytes(prng(1), 4096);
    expect(refusal(bytes).code).toBe('BINARY_FILE');
    expect(refusal(bytes).message).toMatch(/NUL bytes \(the first at byte \d+\)/);
    const noNul = bytes.map((b) => (b === 0 ? 1 : b));
    const err = refusal(noNul);
    expect(err.code).toBe('BINARY_FILE');
    expect(err.message).toMatch(/control characters/);
  });

  it('says a file looks like UTF-16 without a BOM when it does', () => {
    const bytes = utf16('Plain ASCII saved as UTF-16 without a byte-order mark', 'le').subarray(2);
    const err = refusal(bytes);
    expect(err.code).toBe('BINARY_FILE');
    expect(err.message).toMatch(/UTF-16 text saved without a byte-order mark/);
  });

  it('refuses a 50 MB text with TOO_LARGE giving the limit and the size', () => {
    const big = new Uint8Array(50 * 1000 * 1000).fill(0x61);
    const err = refusal(big, 'huge.txt');
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toContain('"huge.txt" is 47.7 MiB');
    expect(err.message).toContain('up to 16.0 MiB');
    // The limit itself is accepted.
    expect(decodeTextFile(new Uint8Array(MAX_TEXT_FILE_BYTES).fill(0x61), 'edge.txt')).toHaveLength(MAX_TEXT_FILE_BYTES);
  });

  it('refuses invalid UTF-8 with BAD_ENCODING naming the byte offset and suggesting UTF-8', () => {
    const latin1 = new Uint8Array([...enc('Caf'), 0xe9, ...enc(' au lait')]);
    const err = refusal(latin1, 'menu.txt');
    expect(err.code).toBe('BAD_ENCODING');
    expect(err.message).toMatch(/"menu\.txt" is not valid UTF-8: the byte 0xE9 at offset 3/);
    expect(err.message).toMatch(/re-save it as UTF-8/);
    // After a BOM the offset still counts from the start of the file.
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...latin1]);
    expect(refusal(withBom).message).toMatch(/offset 6/);
  });

  it('refuses a damaged UTF-16 file with BAD_ENCODING', () => {
    const odd = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]);
    expect(refusal(odd).code).toBe('BAD_ENCODING');
    const loneSurrogate = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]);
    expect(refusal(loneSurrogate).code).toBe('BAD_ENCODING');
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00])).message).toMatch(/UTF-32/);
  });

  it.skipIf(!HAVE_NYPD)('decodes the NYPD sample as it is (skipped when ../shared/fixtures/nypd-ice-2017 is absent)', () => {
    const bytes = readFileSync(NYPD_TXT);
    expect(decodeTextFile(bytes, 'nypd-ice-2017.txt')).toBe(bytes.toString('utf8'));
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with TextDecoder (fatal) on random byte strings', () => {
    const rand = prng(5);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const pool = [0x41, 0x80, 0xbf, 0xc2, 0xc0, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff];
    for (let n = 0; n < 2000; n++) {
      const bytes = new Uint8Array(Array.from({ length: Math.floor(rand() * 8) }, () => pool[Math.floor(rand() * pool.length)]!));
      let valid = true;
      try {
        decoder.decode(bytes);
      } catch {
        valid = false;
      }
      const at = firstInvalidUtf8(bytes);
      expect(at === -1).toBe(valid);
      // Everything before the reported offset decodes.
      if (!valid) expect(() => decoder.decode(bytes.subarray(0, at))).not.toThrow();
    }
  });
});
