/**
 * Git packfiles, read and indexed with Node's own zlib (isomorphic-git inflates with pako in
 * JavaScript, which cost a first sync of a 1,000-article library about two seconds).
 *
 * A pack comes from the remote, so it is hostile input: every length, type, delta and checksum
 * is checked, each object's inflated size must be the size its header declares (no zip bomb
 * inflates past it), and the whole is bounded by the sync limits.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export type ObjectKind = 'commit' | 'tree' | 'blob' | 'tag';

export interface GitObject {
  type: ObjectKind;
  body: Buffer;
}

export interface PackLimits {
  /** Largest object, inflated. */
  maxObjectBytes: number;
  /** All objects together, inflated. */
  maxTotalBytes: number;
  maxObjects: number;
}

/** A pack that is not what git sends: refused whole, nothing of it is kept. */
export class BadPack extends Error {
  constructor(message: string) {
    super(`The remote sent a damaged or hostile pack: ${message}`);
    this.name = 'BadPack';
  }
}

export const KINDS: Record<number, ObjectKind> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
export const OFS_DELTA = 6;
export const REF_DELTA = 7;

export const objectId = (type: ObjectKind, body: Uint8Array): string => createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');

/** Inflates one zlib stream starting at `at`; returns the bytes and how much of the input it used. */
export function inflateAt(data: Buffer, at: number, size: number): { bytes: Buffer; used: number } {
  let result;
  try {
    // maxOutputLength: a stream that inflates past its declared size stops there.
    result = inflateSync(data.subarray(at), { info: true, maxOutputLength: Math.max(size, 1) }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
  } catch (e) {
    throw new BadPack(`an object at byte ${at} does not inflate (${(e as Error).message}).`);
  }
  if (result.buffer.length !== size) throw new BadPack(`an object at byte ${at} is ${result.buffer.length} bytes, not the ${size} its header says.`);
  return { bytes: result.buffer, used: result.engine.bytesWritten };
}

/** Git's delta: a copy/insert program that turns `base` into the object. */
export function applyDelta(base: Buffer, delta: Buffer, maxBytes: number): Buffer {
  let i = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      if (i >= delta.length) throw new BadPack('a delta ends inside its header.');
      byte = delta[i++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  if (varint() !== base.length) throw new BadPack('a delta names a base of another size.');
  const size = varint();
  if (size > maxBytes) throw new BadPack(`a delta makes an object of ${size} bytes, over the limit.`);
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let b = 0; b < 4; b++) if (op & (1 << b)) offset += delta[i++]! * 2 ** (8 * b);
      for (let b = 0; b < 3; b++) if (op & (1 << (4 + b))) length += delta[i++]! * 2 ** (8 * b);
      if (length === 0) length = 0x10000;
      if (offset + length > base.length || o + length > size || i > delta.length) throw new BadPack('a delta copies from outside its base.');
      base.copy(out, o, offset, offset + length);
      o += length;
    } else if (op > 0) {
      if (i + op > delta.length || o + op > size) throw new BadPack('a delta inserts past its end.');
      delta.copy(out, o, i, i + op);
      i += op;
      o += op;
    } else throw new BadPack('a delta holds a reserved instruction.');
  }
  if (o !== size) throw new BadPack('a delta makes fewer bytes than it says.');
  return out;
}

/** An object's header in a pack: its type code, inflated size, where its zlib data starts, and its delta base. */
export interface EntryHeader {
  code: number;
  size: number;
  data: number;
  /** An ofs-delta's base, by where it starts in the pack (-1 otherwise). */
  baseOffset: number;
  /** A ref-delta's base, by id ('' otherwise). */
  baseId: string;
}

export function entryHeader(pack: Buffer, start: number, end: number): EntryHeader {
  let at = start;
  let byte = pack[at++]!;
  const code = (byte >> 4) & 7;
  let size = byte & 0x0f;
  let shift = 4;
  while (byte & 0x80) {
    if (at >= end || shift > 49) throw new BadPack(`an object header at byte ${start} is malformed.`);
    byte = pack[at++]!;
    size += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  }
  let baseOffset = -1;
  let baseId = '';
  if (code === OFS_DELTA) {
    // Git's offset encoding: each further byte adds one before shifting, so no offset has two spellings.
    byte = pack[at++]!;
    let back = byte & 0x7f;
    while (byte & 0x80) {
      if (at >= end) throw new BadPack(`a delta at byte ${start} is malformed.`);
      byte = pack[at++]!;
      back = (back + 1) * 128 + (byte & 0x7f);
    }
    if (back <= 0 || back > start) throw new BadPack(`a delta at byte ${start} names no object before it.`);
    baseOffset = start - back;
  } else if (code === REF_DELTA) {
    if (at + 20 > end) throw new BadPack(`a delta at byte ${start} is cut short.`);
    baseId = pack.toString('hex', at, at + 20);
    at += 20;
  }
  return { code, size, data: at, baseOffset, baseId };
}

export interface IndexedPack {
  /** The pack's own checksum (its last 20 bytes), which names its files. */
  checksum: string;
  /** Each object with where it starts in the pack and the CRC-32 of its packed bytes (for the .idx). */
  entries: { oid: string; offset: number; crc: number }[];
  /** Every object, inflated and resolved: the sync reads them next, so they are kept. */
  objects: Map<string, GitObject>;
}

/**
 * Reads a whole pack: every object inflated, deltas resolved (against objects earlier in the
 * pack, or already here through `external`), ids computed. Throws BadPack on anything amiss.
 */
export function indexPack(pack: Buffer, limits: PackLimits, external: (oid: string) => GitObject | null = () => null): IndexedPack {
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK') throw new BadPack('it does not start as a pack.');
  const version = pack.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new BadPack(`its version is ${version}.`);
  const count = pack.readUInt32BE(8);
  if (count > limits.maxObjects) throw new BadPack(`it holds ${count} objects, over the ${limits.maxObjects} a library may have.`);
  const end = pack.length - 20;
  const checksum = pack.subarray(end).toString('hex');
  if (createHash('sha1').update(pack.subarray(0, end)).digest('hex') !== checksum)
    throw new BadPack('its checksum does not match (it was cut short or altered).');

  const byOffset = new Map<number, GitObject>();
  const objects = new Map<string, GitObject>();
  const entries: IndexedPack['entries'] = [];
  const pendingRef: { at: number; base: string; delta: Buffer; crcStart: number; crcEnd: number }[] = [];
  let total = 0;
  let at = 12;
  const keep = (offset: number, crcStart: number, crcEnd: number, object: GitObject) => {
    const oid = objectId(object.type, object.body);
    byOffset.set(offset, object);
    objects.set(oid, object);
    entries.push({ oid, offset, crc: crc32(pack.subarray(crcStart, crcEnd)) });
  };
  for (let n = 0; n < count; n++) {
    if (at >= end) throw new BadPack('it ends before its last object.');
    const start = at;
    const { code, size, data, baseOffset, baseId } = entryHeader(pack, start, end);
    at = data;
    if (size > limits.maxObjectBytes) throw new BadPack(`an object of ${size} bytes is over the limit.`);
    if (code === OFS_DELTA && !byOffset.has(baseOffset)) throw new BadPack(`a delta at byte ${start} names no object before it.`);
    if (code !== OFS_DELTA && code !== REF_DELTA && !KINDS[code]) throw new BadPack(`an object at byte ${start} has the unknown type ${code}.`);
    const { bytes, used } = inflateAt(pack, at, size);
    at += used;
    if (at > end) throw new BadPack(`an object at byte ${start} runs into the checksum.`);
    let object: GitObject;
    if (code === OFS_DELTA) {
      const base = byOffset.get(baseOffset)!;
      object = { type: base.type, body: applyDelta(base.body, bytes, limits.maxObjectBytes) };
    } else if (code === REF_DELTA) {
      const base = objects.get(baseId) ?? external(baseId);
      if (!base) {
        // Its base may come later in the pack (git never sends that, but it is allowed).
        pendingRef.push({ at: start, base: baseId, delta: bytes, crcStart: start, crcEnd: at });
        continue;
      }
      object = { type: base.type, body: applyDelta(base.body, bytes, limits.maxObjectBytes) };
    } else object = { type: KINDS[code]!, body: bytes };
    total += object.body.length;
    if (total > limits.maxTotalBytes) throw new BadPack('what it holds is over the size a library may have.');
    keep(start, start, at, object);
  }
  if (at !== end) throw new BadPack('it holds bytes after its last object.');
  // Deltas whose base came later: resolved in rounds until none is left or none resolves.
  while (pendingRef.length) {
    const before = pendingRef.length;
    for (let i = pendingRef.length - 1; i >= 0; i--) {
      const p = pendingRef[i]!;
      const base = objects.get(p.base) ?? external(p.base);
      if (!base) continue;
      const object = { type: base.type, body: applyDelta(base.body, p.delta, limits.maxObjectBytes) };
      total += object.body.length;
      if (total > limits.maxTotalBytes) throw new BadPack('what it holds is over the size a library may have.');
      keep(p.at, p.crcStart, p.crcEnd, object);
      pendingRef.splice(i, 1);
    }
    if (pendingRef.length === before) throw new BadPack(`a delta names ${pendingRef[0]!.base}, which neither the pack nor this library has.`);
  }
  return { checksum, entries, objects };
}

/** The pack's .idx (version 2), which git, isomorphic-git and Glossa look objects up in. */
export function packIndex(indexed: Pick<IndexedPack, 'checksum' | 'entries'>): Buffer {
  const sorted = [...indexed.entries].sort((a, b) => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
  const n = sorted.length;
  const large = sorted.filter((e) => e.offset >= 0x80000000);
  const out = Buffer.alloc(8 + 256 * 4 + n * 28 + large.length * 8 + 40);
  out.write('\xfftOc', 0, 'latin1');
  out.writeUInt32BE(2, 4);
  let p = 8;
  for (let fan = 0, i = 0; fan < 256; fan++) {
    while (i < n && parseInt(sorted[i]!.oid.slice(0, 2), 16) <= fan) i++;
    out.writeUInt32BE(i, p);
    p += 4;
  }
  for (const e of sorted) p += out.write(e.oid, p, 'hex');
  for (const e of sorted) p = out.writeUInt32BE(e.crc >>> 0, p);
  let big = 0;
  for (const e of sorted) p = out.writeUInt32BE(e.offset < 0x80000000 ? e.offset : (0x80000000 | big++) >>> 0, p);
  for (const e of large) p = out.writeBigUInt64BE(BigInt(e.offset), p);
  p += out.write(indexed.checksum, p, 'hex');
  createHash('sha1').update(out.subarray(0, p)).digest().copy(out, p);
  return out;
}

/** An .idx read back: object id → offset in its pack. */
export function readPackIndex(idx: Buffer): Map<string, number> {
  if (idx.length < 8 + 1024 + 40 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) throw new BadPack('a pack index is not version 2.');
  const n = idx.readUInt32BE(8 + 255 * 4);
  const ids = 8 + 1024;
  const offsets = ids + n * 24;
  const large = offsets + n * 4;
  if (idx.length < large + 40) throw new BadPack('a pack index is cut short.');
  const out = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const oid = idx.toString('hex', ids + i * 20, ids + i * 20 + 20);
    const raw = idx.readUInt32BE(offsets + i * 4);
    out.set(oid, raw & 0x80000000 ? Number(idx.readBigUInt64BE(large + (raw & 0x7fffffff) * 8)) : raw);
  }
  return out;
}

const KIND_CODES: Record<ObjectKind, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

/**
 * A pack of whole objects (no deltas: Glossa's files are small and mostly new), with what its
 * .idx needs. Deflated fast (level 1): packs are written on every push and compaction.
 */
export function writePack(objects: Iterable<[string, GitObject]>): { pack: Buffer; indexed: Pick<IndexedPack, 'checksum' | 'entries'> } {
  const parts: Buffer[] = [Buffer.alloc(12)];
  const entries: IndexedPack['entries'] = [];
  let offset = 12;
  for (const [oid, { type, body }] of objects) {
    // Type and size: 3 bits of type and 4 of size in the first byte, then 7 bits per byte.
    let size = body.length;
    const head = [(KIND_CODES[type] << 4) | (size & 0x0f)];
    size = Math.floor(size / 16);
    while (size > 0) {
      head[head.length - 1]! |= 0x80;
      head.push(size & 0x7f);
      size = Math.floor(size / 128);
    }
    const entry = Buffer.concat([Buffer.from(head), deflateSync(body, { level: 1 })]);
    entries.push({ oid, offset, crc: crc32(entry) });
    parts.push(entry);
    offset += entry.length;
  }
  parts[0]!.write('PACK', 0, 'latin1');
  parts[0]!.writeUInt32BE(2, 4);
  parts[0]!.writeUInt32BE(entries.length, 8);
  const body = Buffer.concat(parts);
  const checksum = createHash('sha1').update(body).digest();
  return { pack: Buffer.concat([body, checksum]), indexed: { checksum: checksum.toString('hex'), entries } };
}
