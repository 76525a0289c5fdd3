import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GlossaError } from '../model/index.js';
import { exists, fsyncDir, readWholeFile, writeFileDurable } from './durable-file.js';
import { blobFile, isSha256 } from './paths.js';
import type { BlobStore } from './types.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Content-addressed bodies under blobs/sha256/<2 hex>/<hash>. A blob's name is its hash, so
 * it is written once, deduplicated for free and checkable at any time.
 */
export class FileBlobStore implements BlobStore {
  /** Called before every write, so a library that lost its lock stops writing. */
  constructor(
    readonly root: string,
    private readonly beforeWrite: () => void = () => undefined,
  ) {}

  async put(data: Uint8Array | string): Promise<string> {
    this.beforeWrite();
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const hash = sha256(bytes);
    const file = blobFile(this.root, hash);
    if (await exists(file)) return hash;
    const created = await mkdir(dirname(file), { recursive: true });
    // A new fan-out folder is itself an entry of blobs/sha256 that must reach the disk.
    if (created) await fsyncDir(this.root);
    await writeFileDurable(file, bytes);
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    const file = blobFile(this.root, hash);
    let bytes: Buffer;
    try {
      bytes = await readWholeFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new GlossaError(
          'NOT_FOUND',
          `The stored content ${hash} is missing from the library (${file}). Restore the library from a backup or re-import the article.`,
        );
      }
      throw e;
    }
    // Cheap next to the read, and a damaged body must never be shown as the article.
    if (sha256(bytes) !== hash) {
      throw new GlossaError(
        'HASH_MISMATCH',
        `The stored content ${hash} is damaged: its bytes no longer match their hash (${file}). Restore the library from a backup or re-import the article.`,
      );
    }
    return bytes;
  }

  async getText(hash: string): Promise<string> {
    return (await this.get(hash)).toString('utf8');
  }

  async has(hash: string): Promise<boolean> {
    return exists(blobFile(this.root, hash));
  }

  async size(hash: string): Promise<number | null> {
    try {
      return (await stat(blobFile(this.root, hash))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async verify(): Promise<{ checked: number; corrupt: string[] }> {
    const files: { hash: string; file: string; fan: string }[] = [];
    for (const fan of await readdirOrEmpty(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      for (const name of await readdirOrEmpty(join(this.root, fan))) {
        // Temp files of interrupted writes are not blobs.
        if (isSha256(name)) files.push({ hash: name, file: join(this.root, fan, name), fan });
      }
    }
    const corrupt: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const { hash, file, fan } = files[next++]!;
        // A blob in the wrong fan-out folder would never be found by get().
        if (!hash.startsWith(fan) || (await hashFile(file)) !== hash) corrupt.push(hash);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return { checked: files.length, corrupt: corrupt.sort() };
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Streams, so verifying a large image does not load it whole. */
function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
