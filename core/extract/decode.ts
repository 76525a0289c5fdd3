/**
 * Bytes of a web page → text, the way a browser picks the encoding:
 * 1. a byte order mark (UTF-8, UTF-16LE/BE) wins;
 * 2. then the charset of the HTTP Content-Type;
 * 3. then <meta charset> or <meta http-equiv="Content-Type" content="…charset=…"> in the
 *    first 16 KB (the HTML spec scans 1 KB; saved pages often put it later);
 * 4. else UTF-8, or Windows-1252 when the bytes are not valid UTF-8.
 * Saved pages often carry a stale <meta> declaration, so the meta is checked against the bytes:
 * - meta says another encoding, but the bytes are valid UTF-8 with multi-byte sequences →
 *   UTF-8 (a page re-saved as UTF-8; real legacy-encoded text is practically never valid UTF-8);
 * - meta says UTF-8 (or nothing), but the bytes are not valid UTF-8 and hold no multi-byte
 *   sequence at all → Windows-1252 (a Latin-1 page with a wrong declaration).
 * Labels are WHATWG encoding labels (TextDecoder knows them all: Windows-125x, ISO-8859-x, Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, KOI8-R, …); an unknown
 * label is ignored.
 */

const META_SCAN_BYTES = 16 * 1024;

/** The WHATWG name TextDecoder uses for a label, or null if it does not know the label. */
export function encodingFor(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!l) return null;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? m[2]! : null;
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** Charset declared by a <meta> tag near the start of the page (read as ASCII). */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, META_SCAN_BYTES));
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  const metaRe = /<meta\b([^>]*)>/gi;
  let m: RegExpExecArray | null;
  while ((m = metaRe.exec(withoutComments))) {
    const attrs = m[1]!;
    const charset = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(attrs);
    if (charset && !/http-equiv/i.test(attrs)) return charset[1]!;
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(attrs)) {
      const content = /\bcontent\s*=\s*(["'])([^"']*)\1|\bcontent\s*=\s*([^\s>]+)/i.exec(attrs);
      const value = content ? (content[2] ?? content[3] ?? '') : '';
      const cs = charsetFromContentType(value);
      if (cs) return cs;
    }
  }
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Any well-formed multi-byte UTF-8 sequence (a lead byte followed by continuation bytes)? */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const b = bytes[i]!;
    if (b < 0xc2 || b > 0xf4) continue;
    const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) return true;
  }
  return false;
}

export interface DecodedPage {
  text: string;
  /** WHATWG encoding name used. */
  encoding: string;
  /** Where the choice came from. */
  source: 'bom' | 'http' | 'meta' | 'default' | 'fallback';
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedPage {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom, source: 'bom' };

  const http = encodingFor(charsetFromContentType(contentType));
  if (http) return { text: decodeWith(http, bytes), encoding: http, source: 'http' };

  let meta = encodingFor(charsetFromMeta(bytes));
  // The spec: a meta that claims UTF-16 on a page we could read as ASCII means UTF-8.
  if (meta === 'utf-16le' || meta === 'utf-16be') meta = 'utf-8';
  if (meta && meta !== 'utf-8') {
    // A page saved as UTF-8 that kept its old declaration (common with saved pages): bytes
    // that are valid UTF-8 and use multi-byte sequences are practically never another encoding.
    if (isValidUtf8(bytes) && hasUtf8Sequence(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', source: 'default' };
    return { text: decodeWith(meta, bytes), encoding: meta, source: 'meta' };
  }

  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', source: meta ? 'meta' : 'default' };
  if (!hasUtf8Sequence(bytes)) {
    return { text: decodeWith('windows-1252', bytes), encoding: 'windows-1252', source: 'fallback' };
  }
  // Mostly UTF-8 with some damage: keep UTF-8, damaged bytes become U+FFFD.
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', source: meta ? 'meta' : 'default' };
}

// Windows-1252's characters for bytes 0x80–0x9F (WHATWG index; five holes map to themselves).
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWith(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(bytes);
  // Node 20's TextDecoder reads windows-1252 as ISO-8859-1 (0x80–0x9F come out as C1
  // controls: “smart quotes” and € would be lost). Byte n became U+00n, so map that range.
  if (encoding === 'windows-1252') return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
  return text;
}

/** The page's text (see decodeHtml for how the encoding is chosen). */
export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string): string {
  return decodeHtml(bytes, contentType).text;
}
