/**
 * Hostile and broken bundles: each is refused with a message that names the problem, and
 * the library folder is byte-for-byte what it was (every file hashed before and after).
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, verifyBundle } from '../../../core/bundle/index.js';
import { GlossaError, type Snapshot } from '../../../core/model/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { makeTarget } from '../../../core/text/selectors.js';
import { addSnapshot, cleanTemp, hashTree, seedLibrary, tempDir, withLibrary, type Seeded } from './library.js';
import {
  editManifest,
  get,
  markEncrypted,
  patchFile,
  pointAt,
  readMembers,
  relist,
  renameEntry,
  replace,
  setDeclaredSize,
  writeZip,
  zeros,
  type Member,
} from './zipcraft.js';

let base: string;
let members: Member[];
let seeded: Seeded;
let A: Snapshot;
let B: Snapshot;
let work: string;

beforeAll(async () => {
  const dir = await tempDir();
  work = await tempDir();
  base = join(work, 'base.glossa');
  seeded = await withLibrary(dir, seedLibrary);
  [A, B] = seeded.snapshots as [Snapshot, Snapshot];
  await withLibrary(dir, (lib) => exportBundle(lib, base));
  members = await readMembers(base);
});
afterAll(cleanTemp);

let n = 0;
async function craft(list: Member[], patch?: (buf: Buffer) => void): Promise<string> {
  const path = join(work, `hostile-${++n}.glossa`);
  await writeZip(path, list);
  if (patch) await patchFile(path, patch);
  return path;
}

interface Expectation {
  code: 'BAD_BUNDLE' | 'HASH_MISMATCH';
  message: RegExp;
  /** The member verifyBundle must name (null: the archive as a whole). */
  member?: string | null;
  /** Runs in the target library before the import (e.g. to plant a colliding id). */
  setup?: (lib: LibraryStore) => Promise<unknown>;
  /** The bundle is fine on its own and clashes only with this library, so verifyBundle passes it. */
  clashOnly?: boolean;
}

/** Imports into a library that already holds an article; asserts the refusal and that nothing changed. */
async function expectRefused(path: string, want: Expectation): Promise<void> {
  const dir = await tempDir();
  await withLibrary(dir, async (lib) => {
    await addSnapshot(lib, { text: 'Already here\n\nAn article the researcher captured before.', title: 'Already here' });
    await want.setup?.(lib);
  });
  const before = await hashTree(dir);
  const error = await withLibrary(dir, (lib) => importBundle(lib, path)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the import must fail').toBeInstanceOf(GlossaError);
  expect((error as GlossaError).code).toBe(want.code);
  expect((error as GlossaError).message).toMatch(want.message);
  expect((error as GlossaError).message).toMatch(/nothing in your library changed/);
  expect(await hashTree(dir)).toEqual(before);

  const report = await verifyBundle(path);
  if (want.clashOnly) return void expect(report.ok).toBe(true);
  expect(report.ok).toBe(false);
  expect(report.counts).toBeNull();
  expect(report.problems.length).toBeGreaterThan(0);
  if (want.member !== undefined) expect(report.problems.map((p) => p.member)).toContain(want.member);
}

const html = () => `snapshots/${A.id}/article.html`;

describe('bundles that lie about their contents', () => {
  it('a member whose SHA-256 differs from the manifest', async () => {
    const tampered = Buffer.from(get(members, html()).toString('utf8').replace('NYPD', 'FBI!'));
    await expectRefused(await craft(replace(members, html(), tampered)), { code: 'HASH_MISMATCH', message: /article\.html.*SHA-256/, member: html() });
  });

  it('a member whose size differs from the manifest', async () => {
    const longer = Buffer.concat([get(members, html()), Buffer.from('<script>x</script>')]);
    await expectRefused(await craft(replace(members, html(), longer)), { code: 'HASH_MISMATCH', message: /bytes but the manifest says/, member: html() });
  });

  it('canonical text that does not hash to the snapshot textHash (even with a matching manifest)', async () => {
    const name = `snapshots/${B.id}/text.txt`;
    const list = relist(replace(members, name, Buffer.from(get(members, name).toString('utf8').replace('4.5', '9.9'))), [name]);
    await expectRefused(await craft(list), { code: 'HASH_MISMATCH', message: /textHash/, member: name });
  });

  it('an annotation whose selector does not match the canonical text', async () => {
    const doc = JSON.parse(get(members, 'annotations.jsonld').toString('utf8'));
    const item = doc.first.items.find((i: { target: { source: string } }) => i.target.source.endsWith(B.id));
    item.target.selector[1].start += 1;
    item.target.selector[1].end += 1;
    const list = relist(replace(members, 'annotations.jsonld', Buffer.from(JSON.stringify(doc))), ['annotations.jsonld']);
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /does not match the canonical text/, member: 'annotations.jsonld' });
  });

  it('a snapshot id that exists in the library with different content', async () => {
    await expectRefused(base, {
      code: 'BAD_BUNDLE',
      message: new RegExp(`Snapshot ${A.id}.*different content`),
      setup: (lib) => addSnapshot(lib, { id: A.id, text: 'Another article\n\nentirely.', title: 'Not the same' }),
      clashOnly: true,
    });
  });

  it('a bundle from a newer format version', async () => {
    const list = editManifest(members, (m) => {
      m.version = 4;
    });
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /newer Glossa.*Update Glossa/, member: 'manifest.json' });
  });
});

describe('bundles with broken or missing parts', () => {
  it('broken JSON', async () => {
    const name = `snapshots/${A.id}/snapshot.json`;
    const list = relist(replace(members, name, Buffer.from('{"id": "')), [name]);
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /not valid JSON/, member: name });
  });

  it('a schema-invalid snapshot', async () => {
    const name = `snapshots/${A.id}/snapshot.json`;
    const snap = JSON.parse(get(members, name).toString('utf8'));
    const list = relist(replace(members, name, Buffer.from(JSON.stringify({ ...snap, captureMethod: 'telepathy' }))), [name]);
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /not a valid snapshot.*captureMethod/, member: name });
  });

  it('a schema-invalid annotation', async () => {
    const doc = JSON.parse(get(members, 'annotations.jsonld').toString('utf8'));
    doc.first.items[0]['glossa:fields'] = { verdict: 'probably' };
    const list = relist(replace(members, 'annotations.jsonld', Buffer.from(JSON.stringify(doc))), ['annotations.jsonld']);
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /annotation #1 .*not a valid Glossa annotation/, member: 'annotations.jsonld' });
  });

  it('a member listed in the manifest but missing from the archive', async () => {
    const name = `snapshots/${B.id}/text.txt`;
    await expectRefused(await craft(members.filter((m) => m.name !== name)), { code: 'BAD_BUNDLE', message: /missing from the archive/, member: name });
  });

  it('no manifest at all', async () => {
    await expectRefused(await craft(members.filter((m) => m.name !== 'manifest.json')), {
      code: 'BAD_BUNDLE',
      message: /no manifest\.json/,
      member: 'manifest.json',
    });
  });

  it('an extra member the manifest does not list', async () => {
    const list = [...members, { name: 'readme.txt', data: Buffer.from('hello') }];
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /not listed in the manifest/, member: 'readme.txt' });
  });

  it('a truncated archive', async () => {
    const bytes = await readFile(base);
    for (const keep of [Math.floor(bytes.length * 0.6), bytes.length - 10]) {
      const path = join(work, `truncated-${keep}.glossa`);
      await writeFile(path, bytes.subarray(0, keep));
      await expectRefused(path, { code: 'BAD_BUNDLE', message: /not a zip archive, or it was cut short/, member: null });
    }
  });

  it('an empty file', async () => {
    const path = join(work, 'empty.glossa');
    await writeFile(path, '');
    await expectRefused(path, { code: 'BAD_BUNDLE', message: /empty file/, member: null });
  });

  it('random bytes', async () => {
    const path = join(work, 'random.glossa');
    await writeFile(path, randomBytes(64 * 1024));
    await expectRefused(path, { code: 'BAD_BUNDLE', message: /not a zip archive/, member: null });
  });
});

describe('bundles that try to escape, link or explode', () => {
  it.each([
    ['../', 'xx/evil.txt', '../evil.txt', /outside the bundle/],
    ['an absolute path', 'Xetc/passwd', '/etc/passwd', /absolute path/],
    ['a drive letter', 'Cx/evil.txt', 'C:/evil.txt', /drive letter/],
    ['backslashes', 'ab/evil.txt', 'ab\\evil.txt', /backslashes/],
    ['.. behind backslashes', 'snap/xx/evil', 'snap\\..\\evil', /backslashes/],
  ])('an entry name with %s', async (_what, placeholder, hostile, message) => {
    const path = await craft([...members, { name: placeholder, data: Buffer.from('pwned') }], (buf) => renameEntry(buf, placeholder, hostile));
    await expectRefused(path, { code: 'BAD_BUNDLE', message, member: hostile });
  });

  it('a symbolic link entry', async () => {
    const list = members.map((m) => (m.name === html() ? { ...m, mode: 0o120777 } : m));
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /symbolic link/, member: html() });
  });

  it('duplicate names', async () => {
    const list = [...members, { name: 'annotations.csv', data: get(members, 'annotations.csv') }];
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /appears twice/, member: 'annotations.csv' });
  });

  it('names that differ only in letter case', async () => {
    const list = [...members, { name: 'Annotations.CSV', data: get(members, 'annotations.csv') }];
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /letter case/, member: 'Annotations.CSV' });
  });

  it('an encrypted entry', async () => {
    const path = await craft(members, (buf) => markEncrypted(buf, html()));
    await expectRefused(path, { code: 'BAD_BUNDLE', message: /encrypted/, member: html() });
  });

  it('two entries sharing one compressed stream (overlapping data)', async () => {
    const other = `snapshots/${B.id}/article.html`;
    const path = await craft(members, (buf) => pointAt(buf, other, html()));
    await expectRefused(path, { code: 'BAD_BUNDLE', message: /different name in its local header|overlaps/, member: other });
  });

  it('a zip bomb: 200 MB of zeros that declares 1,000 bytes', async () => {
    const list = editManifest(
      members.map((m) => (m.name === html() ? { ...m, data: zeros(200 * 1024 * 1024) } : m)),
      (m) => {
        m.files[html()] = { sha256: '0'.repeat(64), size: 1000 };
      },
    );
    const path = await craft(list, (buf) => setDeclaredSize(buf, html(), 1000));
    await expectRefused(path, { code: 'BAD_BUNDLE', message: /inflates to more than the 1000 bytes it declares/, member: html() });
  });

  it('a zip bomb by ratio: 20 MB of zeros, honestly declared', async () => {
    const list = members.map((m) => (m.name === html() ? { ...m, data: zeros(20 * 1024 * 1024) } : m));
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /-fold, which only a zip bomb does/, member: html() });
  });

  it('a member larger than the per-member cap', async () => {
    const list = members.map((m) => (m.name === html() ? { ...m, data: zeros(300 * 1024 * 1024) } : m));
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /300 MB uncompressed, more than the 256 MB/, member: html() });
  });

  it('members that together exceed the total cap', async () => {
    // 5 MB of noise (no ratio to catch), honestly declared, against a 1 MB total cap given to the reader.
    const noise = randomBytes(5 * 1024 * 1024);
    const list = relist(replace(members, html(), noise), [html()]);
    const path = await craft(list);
    const dir = await tempDir();
    await withLibrary(dir, async () => undefined);
    const before = await hashTree(dir);
    const error = await withLibrary(dir, (lib) => importBundle(lib, path, { limits: { maxTotalBytes: 1024 * 1024 } })).then(
      () => null,
      (e: GlossaError) => e,
    );
    expect(error?.code).toBe('BAD_BUNDLE');
    expect(error?.message).toMatch(/would unpack to 5 MB, more than the 1 MB Glossa accepts/);
    expect(await hashTree(dir)).toEqual(before);
  });
});

describe('verifyBundle', () => {
  it('throws only when the path cannot be read at all', async () => {
    await expect(verifyBundle(join(work, 'does-not-exist.glossa'))).rejects.toThrow(/ENOENT/);
  });

  it('lists every bad member, not just the first', async () => {
    const one = `snapshots/${A.id}/article.html`;
    const two = `snapshots/${B.id}/article.html`;
    const list = replace(replace(members, one, Buffer.from('x')), two, Buffer.from('y'));
    const report = await verifyBundle(await craft(list));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.member).sort()).toEqual([one, two].sort());
    expect(report.problems.every((p) => p.code === 'HASH_MISMATCH')).toBe(true);
  });
});

describe('version 2 members that lie or break', () => {
  const jsonOf = (name: string) => JSON.parse(get(members, name).toString('utf8'));
  const withJson = (name: string, value: unknown) => relist(replace(members, name, Buffer.from(JSON.stringify(value))), [name]);

  it('history.json that is not JSON, or not the documented shape', async () => {
    await expectRefused(await craft(relist(replace(members, 'history.json', Buffer.from('{"history":')), ['history.json'])), {
      code: 'BAD_BUNDLE',
      message: /history\.json" is not valid JSON/,
      member: 'history.json',
    });
    await expectRefused(await craft(withJson('history.json', { history: { x: ['not a revision'] }, conflicts: [] })), {
      code: 'BAD_BUNDLE',
      message: /history\.json is malformed/,
      member: 'history.json',
    });
  });

  it('a history for an annotation the bundle does not have', async () => {
    await expectRefused(await craft(withJson('history.json', { history: { 'no-such-annotation': ['0'.repeat(32)] }, conflicts: [] })), {
      code: 'BAD_BUNDLE',
      message: /no-such-annotation has a history but is not in annotations\.jsonld/,
      member: 'history.json',
    });
  });

  it('a kept version that does not anchor in the text, or repeats the current one', async () => {
    const [first] = seeded.annotations;
    const moved = {
      ...first!,
      comment: 'kept',
      target: { ...first!.target, position: { ...first!.target.position, start: first!.target.position.start + 1 } },
    };
    const history = (conflicts: unknown[]) => ({ history: {}, conflicts });
    const counted = (list: Member[], n: number) => editManifest(list, (m) => void ((m.counts as { conflicts: number }).conflicts = n));
    await expectRefused(await craft(counted(withJson('history.json', history([{ annotation: moved, history: [] }])), 1)), {
      code: 'BAD_BUNDLE',
      message: /kept version #1 .* does not match the canonical text/,
      member: 'history.json',
    });
    await expectRefused(await craft(counted(withJson('history.json', history([{ annotation: first, history: [] }])), 1)), {
      code: 'BAD_BUNDLE',
      message: /repeats another version/,
      member: 'history.json',
    });
  });

  it('a manifest whose counts do not match the content', async () => {
    const list = editManifest(members, (m) => void ((m.counts as { conflicts: number }).conflicts = 3));
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /counts 3 conflicts but the bundle holds 0/, member: 'manifest.json' });
  });

  it('a codebook with a broken entry, a repeated id, a missing parent or a cycle', async () => {
    const at = '2024-03-01T00:00:00.000Z';
    const tag = (id: string, parentId: string | null) => ({
      id,
      name: id,
      parentId,
      color: '#1f77b4',
      key: null,
      description: '',
      createdAt: at,
      updatedAt: at,
    });
    const counted = (list: Member[], n: number) => editManifest(list, (m) => void ((m.counts as { tags: number }).tags = n));
    const cases: [unknown[], RegExp][] = [
      [[{ ...tag('a', null), color: 'red' }], /Entry 1 of codebook\.json is not valid.*color/],
      [[tag('a', null), tag('a', null)], /codebook\.json lists a twice/],
      [[tag('a', 'nowhere')], /placed under nowhere, which the codebook does not have/],
      [[tag('a', 'b'), tag('b', 'a')], /placed under one of its own sub-tags/],
    ];
    for (const [codebook, message] of cases) {
      await expectRefused(await craft(counted(withJson('codebook.json', codebook), codebook.length)), { code: 'BAD_BUNDLE', message, member: 'codebook.json' });
    }
  });

  it('a speaker that is not a valid record', async () => {
    const list = editManifest(withJson('speakers.json', [{ id: 's', name: '' }]), (m) => void ((m.counts as { speakers: number }).speakers = 1));
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /Entry 1 of speakers\.json is not valid/, member: 'speakers.json' });
  });

  it('no history.json at all', async () => {
    const list = editManifest(
      members.filter((m) => m.name !== 'history.json'),
      (m) => void delete m.files['history.json'],
    );
    await expectRefused(await craft(list), { code: 'BAD_BUNDLE', message: /The bundle has no history\.json/, member: 'history.json' });
  });

  it('a version 2 member in a bundle that says it is version 1', async () => {
    const list = editManifest(members, (m) => void (m.version = 1));
    await expectRefused(await craft(list), {
      code: 'BAD_BUNDLE',
      message: /lists "history\.json", which is not a member a version 1 bundle can have/,
      member: 'history.json',
    });
  });

  it('an image the snapshot shows but does not list among its assets', async () => {
    const name = `snapshots/${B.id}/snapshot.json`;
    const snap = jsonOf(name);
    const image = { hash: 'a'.repeat(64), mediaType: 'image/png', alt: '', caption: null, offset: 0, sourceUrl: null };
    await expectRefused(await craft(withJson(name, { ...snap, images: [image] })), {
      code: 'BAD_BUNDLE',
      message: /shows image aaaaaaaaaaaa…, which is not one of its assets/,
      member: name,
    });
  });

  it('an annotation id that belongs to another article in this library', async () => {
    const [first] = seeded.annotations;
    await expectRefused(base, {
      code: 'BAD_BUNDLE',
      message: new RegExp(`Annotation ${first!.id} in the bundle .* has the id of a different annotation in this library`),
      setup: async (lib) => {
        const other = lib.listSnapshots()[0]!;
        const text = await lib.blobs.getText((await lib.getSnapshot(other.id)).textHash);
        await lib.putAnnotation({ ...first!, snapshotId: other.id, target: makeTarget(text, 0, 7) });
      },
      clashOnly: true,
    });
  });
});
