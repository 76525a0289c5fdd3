/**
 * An image's width and height in pixels, read from the header bytes of PNG, JPEG, GIF, WebP
 * and BMP files (no decoding, no dependency). REFI-QDA picture selections are in pixels, and
 * Glossa keeps image areas as fractions, so the size turns one into the other. The size is
 * the one stored in the file: an EXIF rotation a browser applies is not taken into account.
 */

export interface ImageSize {
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
const i32le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

const sized = (width: number, height: number): ImageSize | null =>
  Number.isSafeInteger(width) && Number.isSafeInteger(height) && width > 0 && height > 0 ? { width, height } : null;

function png(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') return null;
  return sized(u32be(b, 16), u32be(b, 20));
}

function gif(b: Uint8Array): ImageSize | null {
  return b.length < 10 ? null : sized(u16le(b, 6), u16le(b, 8));
}

/** The first start-of-frame segment's size; markers are walked by their lengths, never scanned for. */
function jpeg(b: Uint8Array): ImageSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return sized(u16be(b, i + 7), u16be(b, i + 5));
    if (marker === 0xda || marker === 0xd9) return null; // image data before any frame header
    i += 2 + length;
  }
  return null;
}

function webp(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8X') return sized(u24le(b, 24) + 1, u24le(b, 27) + 1);
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return sized(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  return null;
}

function bmp(b: Uint8Array): ImageSize | null {
  // Negative height: rows stored top-down; the size is the same.
  return b.length < 26 ? null : sized(i32le(b, 18), Math.abs(i32le(b, 22)));
}

/** Width and height of the picture in `bytes`, or null for a format or header this does not read (AVIF, SVG, damaged files). */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const b = bytes;
  if (b.length < 10) return null;
  if (b[0] === 0x89 && ascii(b, 1, 4) === 'PNG') return png(b);
  if (b[0] === 0xff && b[1] === 0xd8) return jpeg(b);
  if (ascii(b, 0, 4) === 'GIF8') return gif(b);
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return webp(b);
  if (b[0] === 0x42 && b[1] === 0x4d) return bmp(b);
  return null;
}

/** File extension for a sniffed media type (the name of the picture inside a .qdpx). */
export function extensionOf(mediaType: string): string {
  const ext: Record<string, string> = {
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'image/bmp': 'bmp',
    'image/avif': 'avif',
  };
  return ext[mediaType] ?? 'bin';
}
