/**
 * Reading git objects (loose and packed) with Node's zlib, for the paths a sync walks: the
 * remote's trees and files (remote-tree.ts) and commits. Objects a fetch just brought are
 * handed over already inflated. Trees are parsed here, and names git itself would never write
 * ("", ".", "..", anything with "/" or NUL) are refused as the remote's hostility.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { applyDelta, BadPack, entryHeader, inflateAt, KINDS, OFS_DELTA, readPackIndex, REF_DELTA, type GitObject, type ObjectKind } from './pack.js';

export interface TreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

/** A tree entry named as no git writes one: refused (".." would climb out of the library). */
export class UnsafeName extends Error {
  constructor(readonly entry: string) {
    super(`“${entry.slice(0, 80)}” is not a name a file may have`);
    this.name = 'UnsafeName';
  }
}

export class MissingObject extends Error {
  constructor(readonly oid: string) {
    super(`The object ${oid} is not in this repository.`);
    this.name = 'MissingObject';
  }
}

const LOOSE_KINDS = new Set<ObjectKind>(['commit', 'tree', 'blob', 'tag']);
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

interface Pack {
  file: string;
  offsets: Map<string, number>;
  data: Buffer | null;
  /** Delta bases already resolved, by offset: a chain of deltas is not inflated again for each of its objects. */
  bases: Map<number, GitObject>;
}

/** Bases kept per pack before the cache starts over (a bound on memory, not a tuning). */
const MAX_BASES = 4096;

export class ObjectReader {
  private readonly cache = new Map<string, GitObject>();
  private packs: Pack[] | null = null;

  constructor(private readonly gitdir: string) {}

  /** Objects a fetch brought, already inflated. */
  adopt(objects: ReadonlyMap<string, GitObject>): void {
    for (const [oid, o] of objects) this.cache.set(oid, o);
  }

  read(oid: string): GitObject {
    const hit = this.cache.get(oid);
    if (hit) return hit;
    const object = this.loose(oid) ?? this.packed(oid);
    if (!object) throw new MissingObject(oid);
    // Trees and commits are read again (a folder's tree by several walks); bodies once.
    if (object.type !== 'blob') this.cache.set(oid, object);
    return object;
  }

  has(oid: string): boolean {
    if (this.cache.has(oid)) return true;
    try {
      this.read(oid);
      return true;
    } catch (e) {
      if (e instanceof MissingObject) return false;
      throw e;
    }
  }

  blob(oid: string): Buffer {
    return this.expect(oid, 'blob').body;
  }

  tree(oid: string): TreeEntry[] {
    const body = this.expect(oid, 'tree').body;
    const out: TreeEntry[] = [];
    for (let i = 0; i < body.length;) {
      const space = body.indexOf(0x20, i);
      const nul = body.indexOf(0, space + 1);
      if (space < 0 || nul < 0 || nul + 21 > body.length) throw new BadPack(`the tree ${oid} is malformed.`);
      const mode = body.toString('latin1', i, space);
      const path = body.toString('utf8', space + 1, nul);
      if (path === '' || path === '.' || path === '..' || path.includes('/') || path.includes('\\')) throw new UnsafeName(path);
      const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
      out.push({ mode: mode === '40000' ? '040000' : mode, path, oid: body.toString('hex', nul + 1, nul + 21), type });
      i = nul + 21;
    }
    return out;
  }

  commit(oid: string): { tree: string; parents: string[] } {
    const text = this.expect(oid, 'commit').body.toString('utf8');
    const head = text.slice(0, text.indexOf('\n\n') >>> 0);
    const tree = /^tree ([0-9a-f]{40})$/m.exec(head)?.[1];
    if (!tree) throw new BadPack(`the commit ${oid} names no tree.`);
    return { tree, parents: [...head.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1]!) };
  }

  /** The commits in the history of `oid` (itself included); the walk stops early once it meets `until`. */
  history(oid: string, until?: string): Set<string> {
    const seen = new Set<string>();
    const stack = [oid];
    while (stack.length) {
      const c = stack.pop()!;
      if (seen.has(c)) continue;
      seen.add(c);
      if (c === until) break;
      stack.push(...this.commit(c).parents);
    }
    return seen;
  }

  /** Whether `ancestor` is `oid` or in its history. */
  reaches(oid: string, ancestor: string): boolean {
    return this.history(oid, ancestor).has(ancestor);
  }

  private expect(oid: string, type: ObjectKind): GitObject {
    const object = this.read(oid);
    if (object.type !== type) throw new BadPack(`${oid} is a ${object.type}, where a ${type} was expected.`);
    return object;
  }

  private loose(oid: string): GitObject | null {
    let raw: Buffer;
    try {
      raw = inflateSync(readFileSync(join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2))));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const nul = raw.indexOf(0);
    const [type, size] = raw.toString('latin1', 0, nul).split(' ');
    if (!LOOSE_KINDS.has(type as ObjectKind) || Number(size) !== raw.length - nul - 1) throw new BadPack(`the stored object ${oid} is damaged.`);
    return { type: type as ObjectKind, body: raw.subarray(nul + 1) };
  }

  private packed(oid: string): GitObject | null {
    for (const pack of this.listPacks()) {
      const offset = pack.offsets.get(oid);
      if (offset !== undefined) return this.at(pack, offset);
    }
    return null;
  }

  private listPacks(): Pack[] {
    if (this.packs) return this.packs;
    const dir = join(this.gitdir, 'objects', 'pack');
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // No packs yet.
    }
    this.packs = names
      .filter((n) => n.endsWith('.idx') && names.includes(n.replace(/\.idx$/, '.pack')))
      .map((n) => ({ file: join(dir, n.replace(/\.idx$/, '.pack')), offsets: readPackIndex(readFileSync(join(dir, n))), data: null, bases: new Map() }));
    return this.packs;
  }

  private at(pack: Pack, offset: number): GitObject {
    const data = (pack.data ??= readFileSync(pack.file));
    const { code, size, data: at, baseOffset, baseId } = entryHeader(data, offset, data.length - 20);
    if (code === OFS_DELTA) {
      let base = pack.bases.get(baseOffset);
      if (!base) {
        base = this.at(pack, baseOffset);
        if (pack.bases.size >= MAX_BASES) pack.bases.clear();
        pack.bases.set(baseOffset, base);
      }
      return { type: base.type, body: applyDelta(base.body, inflateAt(data, at, size).bytes, NO_LIMIT) };
    }
    if (code === REF_DELTA) {
      const base = this.read(baseId);
      return { type: base.type, body: applyDelta(base.body, inflateAt(data, at, size).bytes, NO_LIMIT) };
    }
    const type = KINDS[code];
    if (!type) throw new BadPack(`an object in ${pack.file} has the unknown type ${code}.`);
    return { type, body: inflateAt(data, at, size).bytes };
  }
}
