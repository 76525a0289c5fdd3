/**
 * Glossa's own pack reader against git's: a pack git wrote (with deltas, after gc) is indexed
 * to the very bytes of git's .idx, and its objects read as `git cat-file` prints them. Then
 * hostile packs: cut short, altered, lying about sizes, deltas reaching outside their base.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactPacks } from '../../../core/sync/compact.js';
import { ObjectReader, UnsafeName } from '../../../core/sync/object-reader.js';
import { applyDelta, BadPack, indexPack, objectId, packIndex, type PackLimits } from '../../../core/sync/pack.js';

const LIMITS: PackLimits = { maxObjectBytes: 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024, maxObjects: 10_000 };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'buffer',
    env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@x' },
  });

let dir: string;
let pack: Buffer;
let gitIdx: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-pack-'));
  git(dir, 'init', '-q', '-b', 'main');
  // Versions of one growing file, so gc stores most of them as deltas of one another.
  const lines: string[] = [];
  for (let v = 0; v < 12; v++) {
    for (let i = 0; i < 40; i++) lines.push(`version ${v} line ${i}: the council approved a budget of ${v * 40 + i} euros.`);
    await writeFile(join(dir, 'annotations.json'), JSON.stringify({ lines }, null, 2));
    await writeFile(join(dir, `note-${v}.txt`), `note ${v}\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `version ${v}`);
  }
  git(dir, 'gc', '-q', '--aggressive');
  const packDir = join(dir, '.git', 'objects', 'pack');
  const name = (await readdir(packDir)).find((n) => n.endsWith('.pack'))!;
  pack = await readFile(join(packDir, name));
  gitIdx = await readFile(join(packDir, name.replace(/\.pack$/, '.idx')));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a pack git wrote', () => {
  it('holds deltas (so resolving them is what is tested)', () => {
    const out = execFileSync('sh', ['-c', 'git verify-pack -v .git/objects/pack/*.idx'], { cwd: dir }).toString();
    expect(out).toMatch(/chain length = [1-9]/);
  });

  it('is indexed to the same bytes as git index-pack writes', () => {
    const indexed = indexPack(pack, LIMITS);
    expect(packIndex(indexed).equals(gitIdx)).toBe(true);
  });

  it('gives every object as git cat-file does', () => {
    const indexed = indexPack(pack, LIMITS);
    for (const [oid, object] of indexed.objects) {
      expect(git(dir, 'cat-file', '-t', oid).toString().trim()).toBe(object.type);
      expect(object.body.equals(git(dir, 'cat-file', object.type, oid))).toBe(true);
    }
  });

  it('is read back from disk by the object reader, trees parsed as git lists them', () => {
    const reader = new ObjectReader(join(dir, '.git'));
    const head = git(dir, 'rev-parse', 'HEAD').toString().trim();
    const { tree, parents } = reader.commit(head);
    expect(parents).toEqual([git(dir, 'rev-parse', 'HEAD~1').toString().trim()]);
    const listed = git(dir, 'ls-tree', tree)
      .toString()
      .trim()
      .split('\n')
      .map((l) => {
        const [meta, path] = l.split('\t');
        const [mode, type, oid] = meta!.split(' ');
        return { mode, type, oid, path };
      });
    expect(reader.tree(tree)).toEqual(listed);
    const file = listed.find((e) => e.path === 'annotations.json')!;
    expect(reader.blob(file.oid!).equals(git(dir, 'cat-file', 'blob', file.oid!))).toBe(true);
  });
});

/** A pack of plain objects, with a right header count and checksum unless told otherwise. */
function craft(objects: { code: number; size?: number; body: Buffer; extra?: Buffer }[]): Buffer {
  const parts: Buffer[] = [Buffer.from('PACK'), Buffer.alloc(4), Buffer.alloc(4)];
  parts[1]!.writeUInt32BE(2);
  parts[2]!.writeUInt32BE(objects.length);
  for (const o of objects) {
    let size = o.size ?? o.body.length;
    const bytes = [(o.code << 4) | (size & 0x0f)];
    size = Math.floor(size / 16);
    while (size > 0) {
      bytes[bytes.length - 1]! |= 0x80;
      bytes.push(size & 0x7f);
      size = Math.floor(size / 128);
    }
    parts.push(Buffer.from(bytes), o.extra ?? Buffer.alloc(0), deflateSync(o.body));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

describe('a hostile pack is refused', () => {
  const blob = Buffer.from('hello, world\n');

  it('accepts the crafted baseline (so each refusal below is about its one fault)', () => {
    const indexed = indexPack(craft([{ code: 3, body: blob }]), LIMITS);
    expect([...indexed.objects.keys()]).toEqual([objectId('blob', blob)]);
  });

  const cases: [string, () => Buffer, RegExp][] = [
    ['cut short', () => craft([{ code: 3, body: blob }]).subarray(0, 30), /checksum|does not start/],
    [
      'altered after its checksum was made',
      () => {
        const p = craft([{ code: 3, body: blob }]);
        p[14] = p[14]! ^ 0xff;
        return p;
      },
      /checksum/,
    ],
    [
      'an object larger than its header says (an inflation bomb)',
      () => craft([{ code: 3, size: 5, body: Buffer.alloc(100_000) }]),
      /not the 5|does not inflate/,
    ],
    ['an object over the size limit', () => craft([{ code: 3, body: Buffer.alloc(LIMITS.maxObjectBytes + 1) }]), /over the limit/],
    ['an unknown object type', () => craft([{ code: 5, body: blob }]), /unknown type 5/],
    [
      'a delta naming no object before it',
      () => craft([{ code: 6, body: Buffer.from([5, 5, 0x90, 5]), extra: Buffer.from([0x40]) }]),
      /names no object before it/,
    ],
    [
      'a delta on a base neither the pack nor the library has',
      () => craft([{ code: 7, body: Buffer.from([5, 5, 0x90, 5]), extra: Buffer.alloc(20, 0xab) }]),
      /neither the pack nor this library has/,
    ],
    ['more objects than a library may hold', () => craft(Array.from({ length: 3 }, () => ({ code: 3, body: blob }))), /3 objects/],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      const limits = name.startsWith('more objects') ? { ...LIMITS, maxObjects: 2 } : LIMITS;
      expect(() => indexPack(make(), limits)).toThrow(BadPack);
      expect(() => indexPack(make(), limits)).toThrow(message);
    });
  }

  it('a delta that copies from outside its base', () => {
    // base 4 bytes, result 8 bytes: copy offset 2 length 8 (past the base's end).
    expect(() => applyDelta(Buffer.from('abcd'), Buffer.from([4, 8, 0x91, 2, 8]), 100)).toThrow(/outside its base/);
    expect(applyDelta(Buffer.from('abcd'), Buffer.from([4, 6, 0x91, 1, 2, 4, 0x78, 0x79, 0x7a, 0x21]), 100).toString()).toBe('bcxyz!');
  });

  it('a tree naming ".." or a path with a slash', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'glossa-tree-'));
    try {
      git(repo, 'init', '-q', '--bare');
      const oid = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: 'x' }).toString().trim();
      for (const name of ['..', 'a/b']) {
        const body = Buffer.concat([Buffer.from(`100644 ${name}\0`), Buffer.from(oid, 'hex')]);
        const id = objectId('tree', body);
        const file = join(repo, 'objects', id.slice(0, 2), id.slice(2));
        execFileSync('mkdir', ['-p', join(repo, 'objects', id.slice(0, 2))]);
        await writeFile(file, deflateSync(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body])));
        expect(() => new ObjectReader(repo).tree(id)).toThrow(UnsafeName);
      }
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});

describe('packs from many fetches', () => {
  it('are merged into one past the limit, every object still readable and git fsck clean', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'glossa-compact-'));
    try {
      git(repo, 'init', '-q', '-b', 'main');
      // One pack per commit, as one fetch per sync leaves them.
      for (let i = 0; i < 6; i++) {
        await writeFile(join(repo, `article-${i}.json`), JSON.stringify({ i, text: `the ferry carried ${i * 17} passengers` }));
        git(repo, 'add', '-A');
        git(repo, 'commit', '-q', '-m', `commit ${i}`);
        git(repo, 'repack', '-d', '-q');
      }
      const gitdir = join(repo, '.git');
      const packs = async () => (await readdir(join(gitdir, 'objects', 'pack'))).filter((n) => n.endsWith('.pack'));
      expect(await packs()).toHaveLength(6);
      const all = git(repo, 'rev-list', '--objects', '--all')
        .toString()
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[0]!);
      expect(await compactPacks(gitdir, 6)).toBe(0);
      expect(await compactPacks(gitdir, 4)).toBe(6);
      expect(await packs()).toHaveLength(1);
      const reader = new ObjectReader(gitdir);
      for (const oid of all) {
        const object = reader.read(oid);
        expect(object.body.equals(git(repo, 'cat-file', object.type, oid))).toBe(true);
      }
      git(repo, 'fsck', '--full', '--strict');
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
