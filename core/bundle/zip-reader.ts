import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { DEFAULT_LIMITS, sizeText, unsafeNameReason, type BundleLimits } from './format.js';
import { BundleFault, problem, type BundleProblem } from './problems.js';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;

export interface ZipMember {
  name: string;
  entry: yauzl.Entry;
}

export interface MemberRead {
  sha256: string;
  size: number;
  /** The bytes, when asked to keep them. */
  bytes?: Buffer;
}

/**
 * Bundles up to this size are read into memory once and inflated there: thousands of small
 * members then cost no file round trip each. Larger ones are streamed from the file.
 */
const IN_MEMORY_BYTES = 256 * 1024 * 1024;
const damaged = (what: string, detail: string) =>
  `${what}: it is not a zip archive, or it was cut short while being copied or downloaded (${detail.replace(/\.$/, '')}). Ask the sender to export it again.`;

/**
 * A zip opened for reading with every structural check done up front: names, types,
 * duplicates, encryption, declared sizes and ratios, local headers, overlapping data.
 * Members are then read whole into memory or hashed as a stream, with the size caps
 * enforced on the inflated bytes themselves.
 */
export class SafeZip {
  readonly members = new Map<string, ZipMember>();
  /** Structural problems found while listing; readers must not trust members if non-empty. */
  readonly problems: BundleProblem[] = [];
  private inflatedTotal = 0;
  private readonly counted = new Set<string>();
  /** Where each member's data starts (from its local header), when the archive is in memory. */
  private readonly dataStart = new Map<string, number>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly limits: BundleLimits,
    private readonly buffer: Buffer | null,
  ) {}

  /** Throws the fs error when the file cannot be read; BundleFault when it is not a usable zip. */
  static async open(path: string, limits: Partial<BundleLimits> = {}): Promise<SafeZip> {
    const info = await stat(path);
    if (!info.isFile()) throw new BundleFault(problem(null, `${path} is not a file.`));
    if (info.size === 0) throw new BundleFault(problem(null, 'The bundle is an empty file (0 bytes). Ask the sender to export it again.'));
    let zip: yauzl.ZipFile;
    const buffer = info.size <= IN_MEMORY_BYTES ? await readFile(path) : null;
    try {
      // decodeStrings off: names are decoded and judged here, so every bad entry gets its own message.
      const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
      zip = buffer ? await yauzl.fromBufferPromise(buffer, options) : await yauzl.openPromise(path, options);
    } catch (e) {
      throw new BundleFault(problem(null, damaged('The file cannot be opened as a Glossa bundle', (e as Error).message)));
    }
    const reader = new SafeZip(zip, { ...DEFAULT_LIMITS, ...limits }, buffer);
    try {
      await reader.list();
      if (reader.problems.length === 0) await reader.checkLocalHeaders();
    } catch (e) {
      reader.close();
      if (e instanceof BundleFault) throw e;
      throw new BundleFault(problem(null, damaged("The bundle's table of contents is damaged", (e as Error).message)));
    }
    return reader;
  }

  private async list(): Promise<void> {
    const { limits } = this;
    if (this.zip.entryCount > limits.maxEntries) {
      throw new BundleFault(problem(null, `The bundle has ${this.zip.entryCount} members, more than the ${limits.maxEntries} Glossa accepts.`));
    }
    const folded = new Set<string>();
    let declaredTotal = 0;
    for await (const entry of this.zip.eachEntry()) {
      const raw = entry.fileNameRaw;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
      const bad = (reason: string) => this.problems.push(problem(name, `Bundle member "${name}" ${reason}.`));
      const unsafe = unsafeNameReason(name);
      if (unsafe) {
        bad(`${unsafe}; a bundle written by Glossa never does that, so it was refused as unsafe`);
        continue;
      }
      if (this.members.has(name)) {
        bad('appears twice in the archive; a bundle must name each member once');
        continue;
      }
      const key = name.normalize('NFC').toLowerCase();
      if (folded.has(key)) {
        bad('differs from another member only in letter case or Unicode form, which would clash on many disks');
        continue;
      }
      folded.add(key);
      const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (type === S_IFLNK) {
        bad('is a symbolic link; bundles hold plain files only');
        continue;
      }
      if (type === S_IFDIR || (entry.externalFileAttributes & DOS_DIRECTORY) !== 0) {
        bad('is a folder entry; bundles hold plain files only');
        continue;
      }
      if (type !== 0 && type !== S_IFREG) {
        bad('is a special file (device, pipe or socket); bundles hold plain files only');
        continue;
      }
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
        bad('is encrypted; Glossa bundles are never encrypted');
        continue;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        bad(`uses compression method ${entry.compressionMethod}; Glossa reads stored and deflated members only`);
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        bad(`is ${sizeText(entry.uncompressedSize)} uncompressed, more than the ${sizeText(limits.maxEntryBytes)} Glossa accepts for one member`);
        continue;
      }
      if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
        bad(`would inflate ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}-fold, which only a zip bomb does`);
        continue;
      }
      declaredTotal += entry.uncompressedSize;
      this.members.set(name, { name, entry });
    }
    if (declaredTotal > limits.maxTotalBytes) {
      this.problems.push(
        problem(null, `The bundle would unpack to ${sizeText(declaredTotal)}, more than the ${sizeText(limits.maxTotalBytes)} Glossa accepts.`),
      );
    }
  }

  /**
   * The local header must repeat the central directory's name, and no member's data may
   * overlap another's (overlap is how the densest zip bombs reuse one compressed stream).
   */
  private async checkLocalHeaders(): Promise<void> {
    const spans: { name: string; start: number; end: number }[] = [];
    for (const { name, entry } of this.members.values()) {
      const header = await this.zip.readLocalFileHeaderPromise(entry);
      if (!header.fileName.equals(entry.fileNameRaw)) {
        this.problems.push(problem(name, `Bundle member "${name}" has a different name in its local header; the archive was tampered with.`));
      }
      spans.push({ name, start: entry.relativeOffsetOfLocalHeader, end: header.fileDataStart + entry.compressedSize });
      this.dataStart.set(name, header.fileDataStart);
    }
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i]!.start < spans[i - 1]!.end) {
        const name = spans[i]!.name;
        this.problems.push(
          problem(name, `Bundle member "${name}" overlaps the data of "${spans[i - 1]!.name}"; the archive was crafted, not written by Glossa.`),
        );
      }
    }
  }

  /**
   * Inflates one member, hashing as it goes. Stops at the first byte past the member's
   * declared size, the per-member cap, the ratio cap or the total cap.
   */
  async read(name: string, opts: { keep: boolean }): Promise<MemberRead> {
    const member = this.members.get(name);
    if (!member) throw new BundleFault(problem(name, `Bundle member "${name}" is missing.`));
    const { entry } = member;
    const { limits } = this;
    const firstRead = !this.counted.has(name);
    this.counted.add(name);
    const start = this.dataStart.get(name);
    if (this.buffer && start !== undefined) return this.readInMemory(name, entry, start, firstRead, opts.keep);
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    const fault = (reason: string) => new BundleFault(problem(name, `Bundle member "${name}" ${reason}.`));
    let stream;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (e) {
      throw fault(`cannot be read (${(e as Error).message}); the bundle is damaged`);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (firstRead) this.inflatedTotal += chunk.length;
        if (size > entry.uncompressedSize)
          throw fault(`inflates to more than the ${entry.uncompressedSize} bytes it declares (a zip bomb or a damaged bundle)`);
        if (size > limits.maxEntryBytes) throw fault(`inflates to more than the ${sizeText(limits.maxEntryBytes)} Glossa accepts for one member`);
        if (size > limits.ratioFloorBytes && size > entry.compressedSize * limits.maxRatio) {
          throw fault(`inflates more than ${limits.maxRatio}-fold, which only a zip bomb does`);
        }
        if (this.inflatedTotal > limits.maxTotalBytes) throw fault(`takes the bundle past the ${sizeText(limits.maxTotalBytes)} Glossa accepts in total`);
        hash.update(chunk);
        if (opts.keep) chunks.push(chunk);
      }
    } catch (e) {
      if (e instanceof BundleFault) throw e;
      const msg = (e as Error).message;
      if (/too many bytes/.test(msg)) throw fault(`inflates to more than the ${entry.uncompressedSize} bytes it declares (a zip bomb or a damaged bundle)`);
      throw fault(`cannot be read (${msg}); the bundle is damaged`);
    }
    if (size !== entry.uncompressedSize) throw fault(`is ${size} bytes but declares ${entry.uncompressedSize}; the bundle is damaged`);
    return { sha256: hash.digest('hex'), size, ...(opts.keep ? { bytes: Buffer.concat(chunks, size) } : {}) };
  }

  /**
   * The in-memory path: inflated in one call that cannot produce more than the declared size
   * (a member that would is a bomb or damaged), so the caps checked on declared sizes when
   * listing hold for the bytes themselves.
   */
  private readInMemory(name: string, entry: yauzl.Entry, start: number, firstRead: boolean, keep: boolean): MemberRead {
    const fault = (reason: string) => new BundleFault(problem(name, `Bundle member "${name}" ${reason}.`));
    const end = start + entry.compressedSize;
    if (end > this.buffer!.length) throw fault('runs past the end of the file; the bundle is damaged');
    const raw = this.buffer!.subarray(start, end);
    let bytes: Buffer;
    if (entry.compressionMethod === 0) {
      bytes = raw;
    } else {
      try {
        // One byte of room past the declared size tells "more than declared" from "exactly".
        bytes = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
          throw fault(`inflates to more than the ${entry.uncompressedSize} bytes it declares (a zip bomb or a damaged bundle)`);
        }
        throw fault(`cannot be read (${(e as Error).message}); the bundle is damaged`);
      }
      if (bytes.length > entry.uncompressedSize)
        throw fault(`inflates to more than the ${entry.uncompressedSize} bytes it declares (a zip bomb or a damaged bundle)`);
    }
    if (bytes.length !== entry.uncompressedSize) throw fault(`is ${bytes.length} bytes but declares ${entry.uncompressedSize}; the bundle is damaged`);
    if (firstRead) this.inflatedTotal += bytes.length;
    if (this.inflatedTotal > this.limits.maxTotalBytes) throw fault(`takes the bundle past the ${sizeText(this.limits.maxTotalBytes)} Glossa accepts in total`);
    return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, ...(keep ? { bytes } : {}) };
  }

  /** Entries the archive declares, bad ones included. */
  get entryCount(): number {
    return this.zip.entryCount;
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}
