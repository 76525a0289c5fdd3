/**
 * The article's images as blobs, so they show offline. An image address is resolved, in
 * order, from: inline data: URIs; the resources saved with the page (MHTML parts, a browser's
 * "<name>_files" folder, files dropped together); and — only for URL captures, which are
 * online by definition — the network. Images that cannot be had are reported, not faked.
 */
import { GlossaError, type SnapshotImage } from '../model/index.js';
import type { ExtractedImage } from '../extract/index.js';
import { sha256 } from './commit.js';

/** A stored picture is at most this big; larger ones are left out and reported. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** More images than this in one article is a gallery page: the rest are left out and reported. */
export const MAX_IMAGES = 200;

export type ImageFetcher = (url: string, signal?: AbortSignal) => Promise<Uint8Array>;

/** Files saved with a page, by the address the page uses for them. */
export class PageResources {
  private readonly byKey = new Map<string, Uint8Array>();

  /** `address`: an absolute URL (MHTML Content-Location, cid:…) or a relative path ("Page_files/a.jpg"). */
  add(address: string, bytes: Uint8Array): void {
    for (const key of keysOf(address)) if (!this.byKey.has(key)) this.byKey.set(key, bytes);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Bytes for an image address as the sanitiser resolved it (absolute, or data:). */
  find(address: string): Uint8Array | undefined {
    for (const key of keysOf(address)) {
      const hit = this.byKey.get(key);
      if (hit) return hit;
    }
    return undefined;
  }
}

/**
 * Keys an address is known by: itself, and its last two and last one path segments,
 * decoded — a saved page's "Page_files/a%20b.jpg" resolves against the page's canonical
 * URL to "https://site/news/Page_files/a%20b.jpg", which must still find the file.
 */
function keysOf(address: string): string[] {
  const keys = [address];
  let path = address;
  try {
    const u = new URL(address);
    if (u.protocol === 'cid:') return keys;
    path = u.pathname;
  } catch {
    /* relative path */
  }
  const segments = path
    .split(/[\\/]/)
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (segments.length >= 2) keys.push(`//${segments.slice(-2).join('/')}`);
  return keys;
}

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['image/avif', (b) => ascii(b, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 12))],
  ['image/bmp', (b) => b[0] === 0x42 && b[1] === 0x4d],
];

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/**
 * The media type from the bytes themselves (never from a header or a file name). SVG is
 * refused: it is a document that can carry script, and the reader shows pictures only.
 */
export function sniffImage(bytes: Uint8Array): string | null {
  for (const [type, test] of SIGNATURES) if (bytes.length >= 12 && test(bytes)) return type;
  return null;
}

function dataUriBytes(uri: string): Uint8Array | null {
  const m = /^data:([^,]*?),(.*)$/is.exec(uri);
  if (!m) return null;
  const isBase64 = /;base64$/i.test(m[1]!);
  try {
    return isBase64 ? new Uint8Array(Buffer.from(m[2]!, 'base64')) : new Uint8Array(Buffer.from(decodeURIComponent(m[2]!), 'latin1'));
  } catch {
    return null;
  }
}

export interface StoredImages {
  images: SnapshotImage[];
  assets: Map<string, Uint8Array>;
  /** Images not kept, with why: shown to the researcher after import, and their places kept for the reader. */
  missing: { src: string; reason: string; alt: string; caption: string | null; offset: number; sourceUrl: string | null }[];
}

export async function collectImages(
  found: ExtractedImage[],
  sources: { resources?: PageResources; fetch?: ImageFetcher; signal?: AbortSignal },
): Promise<StoredImages> {
  const images: SnapshotImage[] = [];
  const assets = new Map<string, Uint8Array>();
  const missing: StoredImages['missing'] = [];
  // Addresses under the .invalid stand-in base are the page's own relative paths, not sources.
  const sourceOf = (src: string) => (/^https?:/i.test(src) && !/^https?:\/\/[^/]*\.invalid\//i.test(src) ? src : null);
  const notKept = (img: ExtractedImage, src: string, reason: string) =>
    missing.push({ src, reason, alt: img.alt, caption: img.caption, offset: img.offset, sourceUrl: sourceOf(img.src) });
  for (const [i, img] of found.entries()) {
    if (sources.signal?.aborted) throw new GlossaError('CANCELLED', 'The capture was cancelled; nothing was saved.');
    if (i >= MAX_IMAGES) {
      notKept(img, img.src, `more than ${MAX_IMAGES} images in one article`);
      continue;
    }
    let bytes: Uint8Array | null | undefined = null;
    let reason = 'not saved with the page';
    if (img.src.startsWith('data:')) {
      bytes = dataUriBytes(img.src);
      reason = 'unreadable inline image';
    } else {
      bytes = sources.resources?.find(img.src);
      if (!bytes && sources.fetch) {
        try {
          bytes = await sources.fetch(img.src, sources.signal);
        } catch (e) {
          if (e instanceof GlossaError && e.code === 'CANCELLED') throw e;
          reason = e instanceof Error ? e.message : String(e);
        }
      }
    }
    if (!bytes) {
      notKept(img, shorten(img.src), reason);
      continue;
    }
    if (bytes.length > MAX_IMAGE_BYTES) {
      notKept(img, shorten(img.src), `larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
      continue;
    }
    const mediaType = sniffImage(bytes);
    if (!mediaType) {
      notKept(img, shorten(img.src), 'not a PNG, JPEG, GIF, WebP, AVIF or BMP picture');
      continue;
    }
    const hash = sha256(bytes);
    assets.set(hash, bytes);
    images.push({
      hash,
      mediaType,
      alt: img.alt,
      caption: img.caption,
      offset: img.offset,
      sourceUrl: sourceOf(img.src),
    });
  }
  return { images, assets, missing };
}

const shorten = (src: string) => (src.length > 120 ? `${src.slice(0, 117)}…` : src);
