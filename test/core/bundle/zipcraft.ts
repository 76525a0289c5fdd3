/**
 * Crafting hostile bundles: read a valid bundle's members, change them, write them back with
 * yazl, and patch raw bytes where yazl (rightly) refuses to write something (`..`, absolute
 * paths, lying sizes).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

export interface Member {
  name: string;
  /** Bytes, or a stream factory for members too big to hold (zip bombs). */
  data: Buffer | (() => Readable);
  compress?: boolean;
  /** Unix mode, e.g. 0o120777 for a symbolic link. */
  mode?: number;
}

export async function readMembers(path: string): Promise<Member[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const out: Member[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  zip.close();
  return out;
}

export async function writeZip(path: string, members: Member[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const m of members) {
    const opts = { compress: m.compress ?? true, ...(m.mode !== undefined ? { mode: m.mode } : {}) };
    if (Buffer.isBuffer(m.data)) zip.addBuffer(m.data, m.name, opts);
    else zip.addReadStream(m.data(), m.name, opts);
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export const get = (members: Member[], name: string): Buffer => {
  const m = members.find((x) => x.name === name);
  if (!m || !Buffer.isBuffer(m.data)) throw new Error(`no member ${name}`);
  return m.data;
};

export const replace = (members: Member[], name: string, data: Buffer): Member[] => members.map((m) => (m.name === name ? { ...m, data } : m));

type ManifestLike = { version: number; files: Record<string, { sha256: string; size: number }>; [k: string]: unknown };

/** Edits manifest.json (parsed) in place in the member list. */
export function editManifest(members: Member[], edit: (m: ManifestLike) => void): Member[] {
  const manifest = JSON.parse(get(members, 'manifest.json').toString('utf8')) as ManifestLike;
  edit(manifest);
  return replace(members, 'manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
}

/** Makes the manifest agree with the members' current bytes, so a later check (not the hash) is what fails. */
export const relist = (members: Member[], names: string[]): Member[] =>
  editManifest(members, (m) => {
    for (const name of names) {
      const data = get(members, name);
      m.files[name] = { sha256: sha256(data), size: data.length };
    }
  });

/** A stream of `bytes` zero bytes, without holding them. */
export function zeros(bytes: number): () => Readable {
  const chunk = Buffer.alloc(1024 * 1024);
  return () =>
    Readable.from(
      (function* () {
        for (let left = bytes; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      })(),
    );
}

// ---- raw patching ---------------------------------------------------------------------

interface RawEntry {
  /** Offset of the central directory header. */
  cd: number;
  /** Offset of the local file header. */
  local: number;
  name: string;
  nameLength: number;
}

function rawEntries(buf: Buffer): RawEntry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    out.push({ cd: at, local: buf.readUInt32LE(at + 42), name: buf.toString('utf8', at + 46, at + 46 + nameLength), nameLength });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

function entry(buf: Buffer, name: string): RawEntry {
  const e = rawEntries(buf).find((x) => x.name === name);
  if (!e) throw new Error(`no entry ${name}`);
  return e;
}

/** Renames an entry in both headers; the new name must have the same length in bytes. */
export function renameEntry(buf: Buffer, from: string, to: string): void {
  const e = entry(buf, from);
  const bytes = Buffer.from(to, 'utf8');
  if (bytes.length !== e.nameLength) throw new Error('renameEntry needs names of equal length');
  bytes.copy(buf, e.cd + 46);
  bytes.copy(buf, e.local + 30);
}

/** Makes an entry lie about its uncompressed size (central directory and local header). */
export function setDeclaredSize(buf: Buffer, name: string, size: number): void {
  const e = entry(buf, name);
  buf.writeUInt32LE(size, e.cd + 24);
  if (buf.readUInt32LE(e.local + 22) !== 0) buf.writeUInt32LE(size, e.local + 22);
}

/** Sets the "encrypted" bit of an entry's general purpose flags (central directory). */
export function markEncrypted(buf: Buffer, name: string): void {
  const e = entry(buf, name);
  buf.writeUInt16LE(buf.readUInt16LE(e.cd + 8) | 0x1, e.cd + 8);
}

/** Points an entry's central directory record at another entry's local header and data (overlap). */
export function pointAt(buf: Buffer, name: string, other: string): void {
  const target = entry(buf, other);
  const e = entry(buf, name);
  buf.writeUInt32LE(target.local, e.cd + 42);
  for (const field of [16, 20, 24]) buf.writeUInt32LE(buf.readUInt32LE(target.cd + field), e.cd + field);
}

export async function patchFile(path: string, patch: (buf: Buffer) => void): Promise<void> {
  const buf = await readFile(path);
  patch(buf);
  await writeFile(path, buf);
}
