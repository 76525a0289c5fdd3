import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Annotation, GlossaError } from '../../../core/model/index.js';
import { readQdpx, writeQdpx } from '../../../core/qda/index.js';
import { makeTarget } from '../../../core/text/selectors.js';
import { get, patchFile, readMembers, renameEntry, replace, writeZip, zeros, type Member } from '../bundle/zipcraft.js';
import { makeSnapshot } from './support.js';

const NOW = '2024-06-01T08:00:00.000Z';
const TEXT = 'Police 🚓 said “no”. Arrests rose to 1,200 people.';
const snapshot = makeSnapshot(randomUUID(), 'Short', TEXT);
const at = (exact: string) => makeTarget(TEXT, TEXT.indexOf(exact), TEXT.indexOf(exact) + exact.length);
const annotation = (exact: string, kind: Annotation['kind']) =>
  Annotation.parse({ id: randomUUID(), snapshotId: snapshot.id, kind, target: at(exact), fields: {}, createdAt: NOW, updatedAt: NOW });
const ANNOTATIONS = [annotation('“no”', 'quote'), annotation('1,200 people', 'figure')];
const SOURCE = `sources/${snapshot.id}.txt`;

let dir: string;
let members: Member[];
let qde: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-qdpx-hostile-'));
  const base = join(dir, 'base.qdpx');
  await writeQdpx({ snapshots: [{ snapshot, text: TEXT }], annotations: ANNOTATIONS, codebook: [], speakers: [], now: NOW }, base);
  members = await readMembers(base);
  qde = get(members, 'project.qde').toString('utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
async function craft(list: Member[], patch?: (buf: Buffer) => void): Promise<string> {
  const path = join(dir, `crafted-${++n}.qdpx`);
  await writeZip(path, list);
  if (patch) await patchFile(path, patch);
  return path;
}
const withQde = (xml: string) => replace(members, 'project.qde', Buffer.from(xml, 'utf8'));

async function refused(path: string, code: GlossaError['code'], message: RegExp): Promise<void> {
  const error = await readQdpx(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GlossaError);
  expect((error as GlossaError).code).toBe(code);
  expect((error as GlossaError).message).toMatch(message);
}

describe('files that are not REFI-QDA projects', () => {
  it('a missing file, an empty file, random bytes, a truncated zip', async () => {
    await refused(join(dir, 'nope.qdpx'), 'NOT_FOUND', /no file/);
    const empty = join(dir, 'empty.qdpx');
    await writeFile(empty, '');
    await refused(empty, 'BAD_BUNDLE', /empty file/);
    const random = join(dir, 'random.qdpx');
    await writeFile(random, randomBytes(4096));
    await refused(random, 'BAD_BUNDLE', /not a zip archive/);
    const good = await craft(members);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(good);
    const cut = join(dir, 'cut.qdpx');
    await writeFile(cut, bytes.subarray(0, bytes.length - 30));
    await refused(cut, 'BAD_BUNDLE', /REFI-QDA project/);
  });

  it('a zip without project.qde', async () => {
    await refused(await craft(members.filter((m) => m.name !== 'project.qde')), 'BAD_BUNDLE', /no project\.qde/);
  });

  it('a project.qde that is not XML, or not a project', async () => {
    await refused(await craft(withQde('this is not xml')), 'BAD_BUNDLE', /not well-formed XML/);
    await refused(await craft(withQde('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')), 'BAD_BUNDLE', /root element is <CodeBook>/);
    await refused(await craft(replace(members, 'project.qde', Buffer.from([0xc3, 0x28, 0x3c]))), 'BAD_BUNDLE', /not UTF-8/);
  });
});

describe('entity attacks in project.qde', () => {
  it('billion laughs is refused without expanding anything', async () => {
    const bomb = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`),
      ']>',
    ].join('\n');
    // Refused for its DOCTYPE, before any entity is expanded.
    await refused(
      await craft(withQde(qde.replace('<?xml version="1.0" encoding="UTF-8"?>', bomb).replace('name="Glossa export"', 'name="&bbbbbbbbb;"'))),
      'BAD_BUNDLE',
      /DOCTYPE/,
    );
  });

  it('an external entity (XXE) is never read', async () => {
    const xxe = qde
      .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
      .replace('name="Glossa export"', 'name="&xxe;"');
    await refused(await craft(withQde(xxe)), 'BAD_BUNDLE', /DOCTYPE/);
  });
});

describe('archives that try to escape or explode', () => {
  it('an entry named with ../ is refused', async () => {
    const path = await craft([...members, { name: 'xx/evil.txt', data: Buffer.from('pwned') }], (buf) => renameEntry(buf, 'xx/evil.txt', '../evil.txt'));
    await refused(path, 'BAD_BUNDLE', /outside the bundle/);
  });

  it('a folder entry is tolerated (other tools write them), but not one named with ../', async () => {
    const folder = await craft([...members, { name: 'abcdefgh', data: Buffer.alloc(0) }], (buf) => renameEntry(buf, 'abcdefgh', 'sources/'));
    expect((await readQdpx(folder)).annotations).toHaveLength(2);
    const escape = await craft([...members, { name: 'abcdefgh', data: Buffer.alloc(0) }], (buf) => renameEntry(buf, 'abcdefgh', '../evil/'));
    await refused(escape, 'BAD_BUNDLE', /folder entry/);
  });

  it('a text that inflates past what it declares (zip bomb) is refused', async () => {
    const bomb: Member = { name: SOURCE, data: zeros(8 * 1024 * 1024) };
    const path = await craft([...members.filter((m) => m.name !== SOURCE), bomb]);
    await refused(path, 'BAD_BUNDLE', /zip bomb|inflate/);
  });

  it('a text larger than the cap is left out, not read', async () => {
    const path = await craft(members);
    const back = await readQdpx(path, { limits: { maxSourceBytes: 10 } });
    expect(back.snapshots).toEqual([]);
    expect(back.problems.join('\n')).toMatch(/more than the 0 MB Glossa reads/);
  });
});

describe('projects whose parts are missing or wrong', () => {
  it('a missing source file: the source and its selections are skipped, and named', async () => {
    const back = await readQdpx(await craft(members.filter((m) => m.name !== SOURCE)));
    expect(back.snapshots).toEqual([]);
    expect(back.annotations).toEqual([]);
    expect(back.problems.join('\n')).toMatch(/Source "Short" was skipped with its selections: its text file sources\/.* is missing/);
  });

  it('text paths that point outside the project are never followed', async () => {
    for (const [path, message] of [
      ['internal://../../../etc/passwd', /does not name a file in the project's sources folder/],
      ['internal://sub/dir.txt', /does not name a file/],
      ['absolute:///etc/passwd', /outside the project \(absolute:\/\/\)/],
      ['relative:///notes.txt', /outside the project \(relative:\/\/\)/],
      ['/etc/passwd', /not an internal:\/\/ path/],
    ] as const) {
      const back = await readQdpx(await craft(withQde(qde.replace(`internal://${snapshot.id}.txt`, path))));
      expect(back.snapshots).toEqual([]);
      expect(back.problems.join('\n')).toMatch(message);
    }
  });

  it('positions out of range, reversed, empty or not numbers: that selection is skipped, the rest kept', async () => {
    const [quote] = ANNOTATIONS;
    for (const [start, end] of [
      ['0', '9999'],
      ['-1', '3'],
      ['10', '5'],
      ['4', '4'],
      ['x', '5'],
      ['1.5', '3'],
      ['99999999999999999999', '3'],
    ]) {
      const xml = qde.replace(
        new RegExp(`(guid="${quote!.id}"[^>]*?)startPosition="\\d+" endPosition="\\d+"`),
        `$1startPosition="${start}" endPosition="${end}"`,
      );
      expect(xml).not.toBe(qde);
      const back = await readQdpx(await craft(withQde(xml)));
      expect(back.annotations.map((a) => a.id)).toEqual([ANNOTATIONS[1]!.id]);
      expect(back.problems.join('\n')).toMatch(/is not a span inside the source's \d+ characters/);
    }
  });

  it('a text that is not UTF-8 comes in with replacement characters, and a warning', async () => {
    const latin1 = Buffer.from(TEXT.replace('🚓', 'é'), 'latin1');
    const back = await readQdpx(await craft(replace(members, SOURCE, latin1)));
    expect(back.snapshots[0]!.text).toContain('\ufffd');
    expect(back.problems.join('\n')).toMatch(/not UTF-8/);
  });

  it('codings of unknown codes, duplicate GUIDs, links to nowhere: dropped and named', async () => {
    const [quote, figure] = ANNOTATIONS;
    let xml = qde.replace(`guid="${figure!.id}"`, `guid="${quote!.id}"`);
    xml = xml.replace('<CodeRef targetGUID="', '<CodeRef targetGUID="00000000-0000-4000-8000-000000000000" data-x="');
    xml = xml.replace(
      '</Sources>',
      '</Sources><Links><Link guid="11111111-1111-4111-8111-111111111111" originGUID="22222222-2222-4222-8222-222222222222" targetGUID="33333333-3333-4333-8333-333333333333"/></Links><Sets><Set guid="44444444-4444-4444-8444-444444444444" name="S"/></Sets>',
    );
    const back = await readQdpx(await craft(withQde(xml)));
    expect(back.annotations).toHaveLength(1);
    const all = back.problems.join('\n');
    expect(all).toMatch(/repeats the GUID/);
    expect(all).toMatch(/1 coding named a code that is not in the codebook/);
    expect(all).toMatch(/1 link between elements other than text selections/);
    expect(all).toMatch(/sets are not carried/);
  });
});
