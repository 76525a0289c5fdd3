/**
 * Pictures for the figure-on-image tests: real PNGs of any size (encoded here, CRCs and all),
 * a JPEG Chromium encoded, and snapshots with images written to a real library as ingest
 * writes them (blobs first, then the record).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Annotation, Snapshot, type ImageRect, type SnapshotImage } from '../../../core/model/index.js';
import { imageTarget } from '../../../core/anchor/index.js';
import type { LibraryStore } from '../../../core/store/types.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid RGB PNG of `width`×`height`, one colour (the colour makes different pictures of one size). */
export function makePng(width: number, height: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A 5×3 JPEG as Chromium's canvas encodes it (JFIF, ICC profile, baseline SOF0). */
export const JPEG_5X3 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAUDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAXEAADAQAAAAAAAAAAAAAAAAAAAREh/8QAFQEBAQAAAAAAAAAAAAAAAAAABgj/xAAWEQEBAQAAAAAAAAAAAAAAAAABACH/2gAMAwEAAhEDEQA/AJyklZdd10AA9V1qQAML/9k=',
  'base64',
);

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export interface PictureSpec {
  bytes: Buffer;
  offset: number;
  alt?: string;
  caption?: string | null;
  mediaType?: string;
}

/** A snapshot of `text` with pictures, written to the library: blobs first, the record last. */
export async function addPictureSnapshot(
  lib: LibraryStore,
  spec: { text: string; title: string; pictures: PictureSpec[]; sourceUrl?: string | null; previousVersionId?: string | null; id?: string },
): Promise<Snapshot> {
  const images: SnapshotImage[] = [];
  for (const p of spec.pictures) {
    const hash = await lib.blobs.put(p.bytes);
    images.push({ hash, mediaType: p.mediaType ?? 'image/png', alt: p.alt ?? '', caption: p.caption ?? null, offset: p.offset, sourceUrl: null });
  }
  const blocks: { type: 'paragraph'; start: number; end: number }[] = [];
  let at = 0;
  for (const line of spec.text.split('\n')) {
    if (line) blocks.push({ type: 'paragraph', start: at, end: at + line.length });
    at += line.length + 1;
  }
  const snapshot = Snapshot.parse({
    id: spec.id ?? crypto.randomUUID(),
    title: spec.title,
    sourceUrl: spec.sourceUrl ?? null,
    capturedAt: '2024-05-06T09:00:00.000Z',
    captureMethod: 'paste',
    wordCount: spec.text.split(/\s+/).filter(Boolean).length,
    textHash: await lib.blobs.put(spec.text),
    htmlHash: await lib.blobs.put(`<article>${spec.text}</article>`),
    assetHashes: [...new Set(images.map((i) => i.hash))],
    blocks,
    images,
    previousVersionId: spec.previousVersionId ?? null,
  });
  await lib.addSnapshot(snapshot);
  return snapshot;
}

/** A figure tagged on one of the snapshot's images, as createAnnotation would store it. */
export function figureOn(snapshot: Snapshot, text: string, image: SnapshotImage, rect: ImageRect | null, extra: Partial<Annotation> = {}): Annotation {
  return Annotation.parse({
    id: crypto.randomUUID(),
    snapshotId: snapshot.id,
    kind: 'figure',
    target: imageTarget(text, snapshot.images, { hash: image.hash, rect }, image.offset),
    fields: { value: 48000, unit: 'vehicles', qualifier: 'about', measure: 'daily crossings', period: 'before closure' },
    tags: [],
    comment: 'read off the chart',
    createdAt: '2024-05-06T10:00:00.000Z',
    updatedAt: '2024-05-06T10:00:00.000Z',
    ...extra,
  });
}
