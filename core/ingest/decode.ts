/**
 * Bytes of a text file → a string, or a GlossaError that names the file and says what to
 * do. Checks run cheapest first, and all of them run before anything is written, so a bad
 * file never changes the library.
 */
import { GlossaError } from '../model/index.js';

/** Largest text file Glossa imports (a long report is ~1 MiB; 16 MiB leaves room, bounds memory). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

/** Share of control characters above which a file is not text (plain text has almost none). */
const MAX_CONTROL_SHARE = 0.05;

interface Magic {
  /** Byte values, or null for "any byte". */
  bytes: (number | null)[];
  offset?: number;
  what: string;
  code?: 'BINARY_FILE' | 'UNSUPPORTED_FORMAT';
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * Well-known file signatures, so the error can say what the file looks like. Only
 * signatures no real text starts with: anything else binary is caught by the NUL and
 * control-character checks.
 */
const MAGIC: Magic[] = [
  { bytes: [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: ascii('GIF87a'), what: 'a GIF image' },
  { bytes: ascii('GIF89a'), what: 'a GIF image' },
  { bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')], what: 'a WebP image' },
  { bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WAVE')], what: 'a WAV audio file' },
  { bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('AVI ')], what: 'an AVI video' },
  { bytes: ascii('ftyp'), offset: 4, what: 'an MP4, MOV or HEIC media file' },
  { bytes: ascii('%PDF-'), what: 'a PDF document' },
  { bytes: ascii('PK\x03\x04'), what: 'a ZIP archive (Word, OpenDocument and EPUB files are ZIP archives too)' },
  { bytes: ascii('PK\x05\x06'), what: 'an empty ZIP archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Microsoft Office document (.doc, .xls, .ppt)' },
  { bytes: [0x1f, 0x8b, 0x08], what: 'a gzip-compressed file' },
  { bytes: [...ascii('BZh'), null, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], what: 'a bzip2-compressed file' },
  { bytes: [0xfd, ...ascii('7zXZ'), 0x00], what: 'an xz-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: ascii('Rar!\x1a\x07'), what: 'a RAR archive' },
  { bytes: ascii('SQLite format 3\x00'), what: 'an SQLite database' },
  { bytes: [0x7f, ...ascii('ELF')], what: 'a program (ELF executable)' },
  { bytes: [...ascii('OggS'), 0x00], what: 'an Ogg media file' },
  { bytes: [0x00, ...ascii('asm')], what: 'a WebAssembly module' },
  // RTF is text, but its markup would end up in the article: ask for plain text instead.
  { bytes: ascii('{\\rtf'), what: 'an RTF document', code: 'UNSUPPORTED_FORMAT' },
];

const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`);

function magicOf(bytes: Uint8Array): Magic | undefined {
  return MAGIC.find(({ bytes: sig, offset = 0 }) => {
    if (bytes.length < offset + sig.length) return false;
    return sig.every((b, i) => b === null || bytes[offset + i] === b);
  });
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 (WHATWG rules: no overlongs, surrogates or > U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Share of C0 control characters other than tab, newline, carriage return and form feed. */
function controlShare(codes: ArrayLike<number>): number {
  if (codes.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  return controls / codes.length;
}

/** Looks like UTF-16 saved without a byte-order mark: ASCII letters with NUL in every other byte. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) || (oddNul > pairs * 0.6 && evenNul < pairs * 0.05);
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean, name: string): string {
  const body = bytes.subarray(2);
  if (body.length % 2 !== 0) {
    throw new GlossaError(
      'BAD_ENCODING',
      `"${name}" says it is UTF-16 (it starts with a byte-order mark) but has an odd number of bytes, so it is cut short or damaged. Re-save it as UTF-8 text.`,
    );
  }
  let units = body;
  if (bigEndian) {
    units = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      units[i] = body[i + 1]!;
      units[i + 1] = body[i]!;
    }
  }
  try {
    return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(units);
  } catch {
    throw new GlossaError('BAD_ENCODING', `"${name}" says it is UTF-16 but holds invalid UTF-16 (a broken surrogate pair). Re-save it as UTF-8 text.`);
  }
}

function checkText(text: string, name: string): string {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new GlossaError(
      'BINARY_FILE',
      `"${name}" contains NUL characters (the first at character ${nul}), so it is not plain text. Import a .txt file saved as text.`,
    );
  }
  const codes = new Uint16Array(Math.min(text.length, 1 << 20));
  for (let i = 0; i < codes.length; i++) codes[i] = text.charCodeAt(i);
  if (controlShare(codes) > MAX_CONTROL_SHARE) {
    throw new GlossaError('BINARY_FILE', `"${name}" is mostly control characters, so it is not plain text. Import a .txt file saved as text.`);
  }
  if (text.trim() === '') throw new GlossaError('EMPTY_FILE', `"${name}" has only white space in it: there is no text to import.`);
  return text;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM. Throws EMPTY_FILE,
 * TOO_LARGE, BINARY_FILE, UNSUPPORTED_FORMAT (RTF) or BAD_ENCODING, each naming the file.
 * The string is returned as decoded (BOM removed); canonicalFromPlainText does the rest.
 */
export function decodeTextFile(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw new GlossaError('EMPTY_FILE', `"${name}" is empty (0 bytes): there is no text to import.`);
  if (bytes.length > MAX_TEXT_FILE_BYTES) {
    throw new GlossaError(
      'TOO_LARGE',
      `"${name}" is ${formatSize(bytes.length)}; Glossa imports text files up to ${formatSize(MAX_TEXT_FILE_BYTES)}. Split it into smaller files.`,
    );
  }

  // Byte-order marks first: UTF-16 text is full of NUL bytes and must not look binary.
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0 && bytes.length >= 4) {
    throw new GlossaError('BAD_ENCODING', `"${name}" is UTF-32 text, which Glossa does not read. Re-save it as UTF-8 text.`);
  }
  if (b0 === 0xff && b1 === 0xfe) return checkText(decodeUtf16(bytes, false, name), name);
  if (b0 === 0xfe && b1 === 0xff) return checkText(decodeUtf16(bytes, true, name), name);

  const magic = magicOf(bytes);
  if (magic) {
    throw new GlossaError(
      magic.code ?? 'BINARY_FILE',
      `"${name}" looks like ${magic.what}, not plain text. Glossa imports plain text files (.txt, .text, .md) saved as UTF-8.`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const hint = looksLikeBomlessUtf16(bytes)
      ? ' It looks like UTF-16 text saved without a byte-order mark: re-save it as UTF-8.'
      : ' It looks like a binary file; import a plain text file instead.';
    throw new GlossaError('BINARY_FILE', `"${name}" contains NUL bytes (the first at byte ${nul}), so it is not plain text.${hint}`);
  }
  if (controlShare(bytes) > MAX_CONTROL_SHARE) {
    throw new GlossaError(
      'BINARY_FILE',
      `"${name}" is ${Math.round(controlShare(bytes) * 100)}% control characters, so it looks like a binary file, not plain text. Import a plain text file instead.`,
    );
  }

  const hasBom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body) + (hasBom ? 3 : 0);
    const byte = bytes[at];
    throw new GlossaError(
      'BAD_ENCODING',
      `"${name}" is not valid UTF-8: the byte 0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')} at offset ${at} cannot start or continue a character. ` +
        'It was probably saved in an older encoding (such as Windows-1252 or Latin-1); open it in a text editor and re-save it as UTF-8.',
    );
  }
  return checkText(text, name);
}
