import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * A small streaming ZIP writer (PKWARE APPNOTE) for bundles: plain files only, stored or
 * deflated, UTF-8 names, sizes known before each entry is written (no data descriptors),
 * ZIP64 end records when the entry count or offsets need them.
 *
 * Why not yazl: a bundle has thousands of small members, and the export spends its time
 * waiting on one member at a time. Here up to `window` members are read and deflated at once
 * (zlib runs on the thread pool), CRCs are native, and output goes out in large writes —
 * while members still land in the file in order, with a bounded number of them in memory.
 */
export interface ZipEntry {
  name: string;
  /** Deflate (text, JSON, HTML) or store (images, already compressed). */
  compress: boolean;
  /** The member's bytes; called ahead of the member being written (see addAll). */
  produce: () => Promise<Buffer>;
  /**
   * Produce and compress this one from the start, whatever its place: for a large member
   * written last, whose work then overlaps everything before it instead of trailing it.
   */
  eager?: boolean;
}

const deflateRaw = promisify(zlib.deflateRaw);
const FLUSH_BYTES = 4 * 1024 * 1024;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const REGULAR_FILE = (0o100644 << 16) >>> 0;
const UTF8_NAMES = 0x0800;

function dosTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

interface Written {
  name: Buffer;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private offset = 0;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly written: Written[] = [];
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly out: FileHandle,
    mtime: Date,
  ) {
    this.stamp = dosTime(mtime);
  }

  /**
   * Writes `entries` in order, producing and compressing ahead: up to `window` members, and
   * no more once `aheadBytes` of produced members wait to be written (a slow large member
   * first lets many small ones get ready behind it, without holding the whole bundle).
   * `onEntry` is told each member's uncompressed bytes once it is in the file.
   */
  async addAll(
    entries: readonly ZipEntry[],
    opts: { window?: number; aheadBytes?: number; onEntry?: (entry: ZipEntry, bytes: Buffer) => void } = {},
  ): Promise<void> {
    const window = Math.max(1, opts.window ?? 64);
    const aheadBytes = opts.aheadBytes ?? 64 * 1024 * 1024;
    let waiting = 0;
    const prepared: Promise<{ bytes: Buffer; payload: Buffer; crc: number }>[] = [];
    const prepare = (entry: ZipEntry) =>
      entry.produce().then(async (bytes) => {
        waiting += bytes.length;
        return { bytes, crc: zlib.crc32(bytes), payload: entry.compress ? await deflateRaw(bytes) : bytes };
      });
    const begin = (i: number) => {
      const p = prepare(entries[i]!);
      // Rejections are taken when the entry's turn comes; until then they must not go unhandled.
      p.catch(() => undefined);
      prepared[i] = p;
    };
    entries.forEach((e, i) => e.eager && begin(i));
    let next = 0;
    let done = 0;
    const fill = () => {
      while (next < entries.length && next - done < window && (waiting < aheadBytes || next === done)) {
        if (!prepared[next]) begin(next);
        next++;
      }
    };
    fill();
    try {
      while (done < entries.length) {
        const { bytes, payload, crc } = await prepared[done]!;
        const entry = entries[done]!;
        // A compressed member larger than its input is stored instead (as zip tools do).
        const stored = !entry.compress || payload.length >= bytes.length;
        await this.entry(entry.name, stored ? bytes : payload, bytes.length, crc, stored ? 0 : 8);
        delete prepared[done];
        waiting -= bytes.length;
        done++;
        opts.onEntry?.(entry, bytes);
        fill();
      }
    } finally {
      // Let producers still running settle before the caller closes what they read from.
      await Promise.allSettled(prepared.filter(Boolean));
    }
  }

  private async entry(nameText: string, payload: Buffer, size: number, crc: number, method: 0 | 8): Promise<void> {
    if (size >= MAX32 || payload.length >= MAX32) throw new Error(`${nameText} is too large for a bundle member (4 GB or more)`);
    const name = Buffer.from(nameText, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(payload.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    this.written.push({ name, method, crc, compressedSize: payload.length, size, offset: this.offset });
    await this.push(header, name, payload);
  }

  private async push(...chunks: Buffer[]): Promise<void> {
    for (const c of chunks) {
      this.pending.push(c);
      this.pendingBytes += c.length;
      this.offset += c.length;
    }
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunks = this.pending.splice(0);
    this.pendingBytes = 0;
    await this.out.writev(chunks);
  }

  /** Central directory and end records (ZIP64 ones when needed), then everything still buffered. */
  async finish(): Promise<number> {
    const start = this.offset;
    for (const w of this.written) {
      const zip64 = w.offset >= MAX32;
      const extra = zip64 ? Buffer.alloc(12) : Buffer.alloc(0);
      if (zip64) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8, 2);
        extra.writeBigUInt64LE(BigInt(w.offset), 4);
      }
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE((3 << 8) | (zip64 ? 45 : 20), 4); // made by: Unix
      record.writeUInt16LE(zip64 ? 45 : 20, 6);
      record.writeUInt16LE(UTF8_NAMES, 8);
      record.writeUInt16LE(w.method, 10);
      record.writeUInt16LE(this.stamp.time, 12);
      record.writeUInt16LE(this.stamp.date, 14);
      record.writeUInt32LE(w.crc >>> 0, 16);
      record.writeUInt32LE(w.compressedSize, 20);
      record.writeUInt32LE(w.size, 24);
      record.writeUInt16LE(w.name.length, 28);
      record.writeUInt16LE(extra.length, 30);
      record.writeUInt32LE(REGULAR_FILE, 38);
      record.writeUInt32LE(zip64 ? MAX32 : w.offset, 42);
      await this.push(record, w.name, extra);
    }
    const size = this.offset - start;
    const count = this.written.length;
    if (count >= MAX16 || start >= MAX32 || size >= MAX32) {
      const at = this.offset;
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE((3 << 8) | 45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(at), 8);
      locator.writeUInt32LE(1, 16);
      await this.push(record, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, MAX16), 8);
    end.writeUInt16LE(Math.min(count, MAX16), 10);
    end.writeUInt32LE(Math.min(size, MAX32), 12);
    end.writeUInt32LE(Math.min(start, MAX32), 16);
    await this.push(end);
    await this.flush();
    return this.offset;
  }
}
