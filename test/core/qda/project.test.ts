import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { Annotation, CodeTag, Speaker } from '../../../core/model/index.js';
import { buildProject, KIND_CODES, readQdpx, writeQdpx, type QdpxInput } from '../../../core/qda/index.js';
import { childrenNamed, parseXml, type XmlElement } from '../../../core/qda/xml.js';
import { makeTarget } from '../../../core/text/selectors.js';
import { HAVE_NYPD, NYPD_TXT, loadGold } from '../../shared-fixtures.js';
import { TEXT_A, TEXT_B, annotationsForA, annotationsForB } from '../bundle/samples.js';
import { readMembers, writeZip } from '../bundle/zipcraft.js';
import { HAVE_REFI, SAMPLES, carried, codePointSlice, makeSnapshot, validate } from './support.js';

const NOW = '2024-06-01T08:00:00.000Z';
const stamp = { createdAt: NOW, updatedAt: NOW };
const withoutTimes = <T extends { createdAt: string; updatedAt: string }>({ createdAt: _c, updatedAt: _u, ...rest }: T) => rest;

const TAGS = {
  immigration: CodeTag.parse({ id: randomUUID(), name: 'Immigration', color: '#1f77b4', key: 'i', description: 'ICE, detainers, sanctuary', ...stamp }),
  policing: CodeTag.parse({ id: randomUUID(), name: 'Policing', color: '#d62728', key: null, ...stamp }),
  numbers: CodeTag.parse({ id: randomUUID(), name: 'Numbers', color: '#9467bd', key: 'n', ...stamp }),
  budget: CodeTag.parse({ id: randomUUID(), name: 'Budget', color: '#8c564b', key: null, ...stamp }),
};
TAGS.policing.parentId = TAGS.immigration.id;
const CODEBOOK = Object.values(TAGS);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-qdpx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every PlainTextSelection under the project's sources, with its source. */
function selections(root: XmlElement): { source: XmlElement; sel: XmlElement }[] {
  const sources = childrenNamed(root, 'Sources').flatMap((s) => childrenNamed(s, 'TextSource'));
  return sources.flatMap((source) => childrenNamed(source, 'PlainTextSelection').map((sel) => ({ source, sel })));
}

/** What the .qdpx holds, member by member. */
async function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Map((await readMembers(path)).map((m) => [m.name, m.data as Buffer]));
}

describe.skipIf(!HAVE_NYPD || !HAVE_REFI)(
  'the sample article and its gold tagging as a REFI-QDA project (skipped when ../shared/fixtures or ../shared/corpora/refi-qda is absent)',
  () => {
    const text = HAVE_NYPD ? readFileSync(NYPD_TXT, 'utf8') : '';
    const gold = HAVE_NYPD ? loadGold() : [];
    const snapshot = makeSnapshot(randomUUID(), 'NYPD got more than 1,500 ICE detainer requests in 2017', text, {
      sourceUrl: 'https://example.org/nypd-ice-2017',
      siteName: 'Example News',
      byline: 'A. Reporter',
      publishedAt: '2018-01-31',
    });
    const speakers = new Map<string, Speaker>();
    for (const name of new Set(gold.map((g) => g.speaker).filter((s): s is string => Boolean(s)))) {
      speakers.set(
        name,
        Speaker.parse({
          id: randomUUID(),
          name,
          role: gold.find((g) => g.speaker === name && g.speakerRole)?.speakerRole ?? null,
          aliases: name === 'ICE' ? ['Immigration and Customs Enforcement'] : [],
          ...stamp,
        }),
      );
    }
    const annotations: Annotation[] = gold.map((g, i) =>
      Annotation.parse({
        id: randomUUID(),
        snapshotId: snapshot.id,
        kind: g.kind,
        target: makeTarget(text, g.start, g.end),
        fields:
          g.kind === 'quote'
            ? { speaker: speakers.get(g.speaker!)!.id, speakerRole: g.speakerRole, quoteType: g.type, cue: g.cue }
            : g.kind === 'figure'
              ? { value: g.value, unit: g.unit, qualifier: g.qualifier, measure: g.measure }
              : { claimant: g.claimant, verdict: 'unverified' },
        tags: g.kind === 'figure' ? [TAGS.numbers.id] : i % 2 === 0 ? [TAGS.immigration.id, TAGS.policing.id] : [TAGS.immigration.id],
        comment: (g as { note?: string }).note ?? '',
        createdAt: NOW,
        updatedAt: `2024-06-0${1 + (i % 9)}T09:00:00.000Z`,
      }),
    );
    const input: QdpxInput = {
      snapshots: [{ snapshot, text }],
      annotations,
      codebook: CODEBOOK,
      speakers: [...speakers.values()],
      user: { name: 'Ada Researcher' },
      name: 'NYPD and ICE',
      now: NOW,
    };

    it('writes a project.qde that validates against Project.xsd, and the text as sources/<guid>.txt', async () => {
      const path = join(dir, 'nypd.qdpx');
      const report = await writeQdpx(input, path);
      expect(report).toMatchObject({ sources: 1, selections: gold.length, problems: [] });
      expect(report.bytes).toBeGreaterThan(1000);
      const members = await unzip(path);
      expect([...members.keys()].sort()).toEqual(['project.qde', `sources/${snapshot.id}.txt`]);
      expect(members.get(`sources/${snapshot.id}.txt`)!.equals(Buffer.from(text, 'utf8'))).toBe(true);

      const xml = members.get('project.qde')!.toString('utf8');
      const result = await validate(xml, 'Project.xsd');
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);

      // Every selection's positions name exactly the gold text, counted in code points.
      const root = parseXml(xml, 'project.qde', 'BAD_BUNDLE');
      const sels = selections(root);
      expect(sels).toHaveLength(gold.length);
      for (const { sel } of sels) {
        const a = annotations.find((x) => x.id === sel.attrs.guid)!;
        expect(codePointSlice(text, Number(sel.attrs.startPosition), Number(sel.attrs.endPosition))).toBe(a.target.quote.exact);
      }
      // Quotes carry their kind's code and their speaker's; fields are readable in the description.
      const oleg = sels.find(({ sel }) => sel.attrs.guid === annotations[0]!.id)!.sel;
      const refs = childrenNamed(oleg, 'Coding').map((c) => c.children[0]!.attrs.targetGUID);
      expect(refs).toContain(KIND_CODES.quote.guid);
      expect(refs).toContain(speakers.get('Oleg Chernyavsky')!.id);
      expect(childrenNamed(oleg, 'Description')[0]!.text).toContain(
        '[Glossa quote]\nSpeaker: Oleg Chernyavsky\nSpeaker role: NYPD legislative affairs director\nQuote type: direct\nCue: said',
      );
    });

    it('reads back the same text, annotations, codebook and speakers', async () => {
      const path = join(dir, 'nypd-back.qdpx');
      await writeQdpx(input, path);
      const back = await readQdpx(path, { now: '2030-01-01T00:00:00.000Z' });
      expect(back.problems).toEqual([]);
      expect(back.name).toBe('NYPD and ICE');
      expect(back.snapshots).toEqual([
        {
          guid: snapshot.id,
          title: snapshot.title,
          text,
          description: '',
          sourceUrl: snapshot.sourceUrl,
          siteName: 'Example News',
          byline: 'A. Reporter',
          publishedAt: '2018-01-31',
          capturedAt: snapshot.capturedAt,
          sourceFile: null,
        },
      ]);
      const ids = new Set(annotations.map((a) => a.id));
      const sortById = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      expect(sortById(back.annotations)).toEqual(sortById(annotations.map((a) => carried(a, ids))));
      expect(back.codebook.map(withoutTimes)).toEqual(CODEBOOK.map(withoutTimes));
      expect(sortById(back.speakers).map(withoutTimes)).toEqual(sortById([...speakers.values()]).map(withoutTimes));
    });
  },
);

describe.skipIf(!HAVE_REFI)('texts with emoji, every field, links and tombstones (skipped when ../shared/corpora/refi-qda is absent)', () => {
  const a = makeSnapshot(randomUUID(), 'NYPD says it will not help ICE', TEXT_A, {
    sourceUrl: 'https://example.org/a',
    description: 'Standfirst\nwith two lines',
  });
  const b = makeSnapshot(randomUUID(), 'Budget hearing', TEXT_B);
  const retag = (x: Annotation): Annotation => ({
    ...x,
    tags: x.tags.map((t) => TAGS[t as keyof typeof TAGS].id),
  });
  const annotations = [...annotationsForA(a.id), ...annotationsForB(b.id)].map(retag);
  const input: QdpxInput = {
    snapshots: [
      { snapshot: a, text: TEXT_A },
      { snapshot: b, text: TEXT_B },
    ],
    annotations,
    codebook: CODEBOOK,
    speakers: [],
    now: NOW,
  };

  it('converts UTF-16 offsets to code points, so positions after an emoji still name the same text', async () => {
    const built = buildProject(input);
    expect(built.problems).toEqual([]);
    expect((await validate(built.xml, 'Project.xsd')).valid).toBe(true);
    const root = parseXml(built.xml, 'project.qde', 'BAD_BUNDLE');
    const emoji = annotations.find((x) => x.target.quote.exact.includes('👩🏽‍⚕️'))!;
    const sel = selections(root).find(({ sel }) => sel.attrs.guid === emoji.id)!.sel;
    const start = Number(sel.attrs.startPosition);
    // One emoji (🚓, a surrogate pair) comes earlier in the text: one code point fewer than UTF-16 units.
    expect(start).toBe(emoji.target.position.start - 1);
    // 👩🏽‍⚕️ is 4 code points (👩, 🏽, ZWJ, ⚕) + VS16 = 5 but 7 UTF-16 units.
    expect(Number(sel.attrs.endPosition) - start).toBe([...emoji.target.quote.exact].length);
    expect(codePointSlice(TEXT_A, start, Number(sel.attrs.endPosition))).toBe(emoji.target.quote.exact);
    for (const { source, sel: s } of selections(root)) {
      const text = source.attrs.guid === a.id ? TEXT_A : TEXT_B;
      const ann = annotations.find((x) => x.id === s.attrs.guid)!;
      expect(codePointSlice(text, Number(s.attrs.startPosition), Number(s.attrs.endPosition))).toBe(ann.target.quote.exact);
    }
  });

  it('round-trips every field, comment, origin, link and time; deleted annotations do not travel', async () => {
    const path = join(dir, 'samples.qdpx');
    const report = await writeQdpx(input, path);
    const live = annotations.filter((x) => x.deletedAt === null);
    expect(report.selections).toBe(live.length);
    const back = await readQdpx(path, { now: NOW });
    expect(back.problems).toEqual([]);
    expect(back.snapshots.map((s) => [s.guid, s.title, s.text, s.description, s.sourceUrl])).toEqual([
      [a.id, a.title, TEXT_A, 'Standfirst\nwith two lines', 'https://example.org/a'],
      [b.id, b.title, TEXT_B, '', null],
    ]);
    const ids = new Set(live.map((x) => x.id));
    const sortById = (xs: Annotation[]) => [...xs].sort((p, q) => p.id.localeCompare(q.id));
    expect(sortById(back.annotations)).toEqual(sortById(live.map((x) => carried(x, ids))));
    // Numbers come back as the same doubles.
    expect(
      back.annotations
        .map((x) => x.fields.value)
        .filter((v) => v !== undefined)
        .sort(),
    ).toEqual([1200, 30.5, 4.5e9].sort());
  });

  it('writes the same project.qde for the same input (stable GUIDs)', () => {
    expect(buildProject(input).xml).toBe(buildProject(input).xml);
  });

  it('leaves out, and names, annotations it cannot place', async () => {
    const [first, second, third] = annotations.filter((x) => x.deletedAt === null);
    const broken: Annotation[] = [
      { ...first!, snapshotId: randomUUID() },
      { ...second!, target: { ...second!.target, quote: { ...second!.target.quote, exact: 'something else' } } },
      { ...third!, tags: ['no-such-tag'] },
      {
        ...first!,
        id: randomUUID(),
        target: { ...first!.target, position: { type: 'TextPositionSelector', start: TEXT_A.indexOf('🚓') + 1, end: TEXT_A.indexOf('🚓') + 4 } },
      },
    ];
    const built = buildProject({ ...input, annotations: broken });
    expect(built.selections).toBe(1);
    const all = built.problems.join('\n');
    expect(all).toMatch(/not in this export/);
    expect(all).toMatch(/no longer matches/);
    expect(all).toMatch(/not in the codebook/);
    expect(all).toMatch(/not a span of whole characters/);
    expect((await validate(built.xml, 'Project.xsd')).valid).toBe(true);
  });

  it('writes a valid project with nothing in it but the codebook', async () => {
    const built = buildProject({ snapshots: [], annotations: [], codebook: [], speakers: [] });
    expect((await validate(built.xml, 'Project.xsd')).valid).toBe(true);
  });
});

describe.skipIf(!HAVE_REFI)('projects made by other tools (skipped when ../shared/corpora/refi-qda is absent)', () => {
  it('imports a blank ATLAS.ti project', async () => {
    const back = await readQdpx(resolve(SAMPLES, 'blank-atlas-project.qdpx'));
    expect(back).toMatchObject({ name: 'blank-atlas-project', snapshots: [], annotations: [], codebook: [], problems: [] });
    expect(back.origin).toMatch(/ATLAS\.ti/);
  });

  it('imports an ATLAS.ti project with a code hierarchy', async () => {
    const back = await readQdpx(resolve(SAMPLES, 'target-atlas-project.qdpx'), { now: NOW });
    expect(back.problems).toEqual([]);
    expect(back.codebook.map((t) => [t.name, t.parentId])).toEqual([
      ['Commits', null],
      ['2022-05-10T02:05:59Z 19e4dce', 'a182cd3a-d83c-4d8c-bc80-26d9103ec6d6'],
      ['2022-02-11T10:39:25Z cdbfd92', 'a182cd3a-d83c-4d8c-bc80-26d9103ec6d6'],
    ]);
  });

  it('imports the spec annex project, naming each source file it lacks and what Glossa cannot hold', async () => {
    const path = join(dir, 'annex.qdpx');
    await writeZip(path, [{ name: 'project.qde', data: await readFile(resolve(SAMPLES, 'spec-annexA2-project.qde')) }]);
    const back = await readQdpx(path, { now: NOW });
    expect(back.codebook).toHaveLength(14);
    expect(back.snapshots).toEqual([]);
    const all = back.problems.join('\n');
    expect(all).toMatch(/Source "Mabel.txt" was skipped with its selections: its text file sources\/B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt is missing/);
    expect(all).toMatch(/picture source/);
    expect(all).toMatch(/audio source|video source/);
  });

  it('imports the annex project with its texts present: ATLAS selections, codes and comments', async () => {
    const qde = await readFile(resolve(SAMPLES, 'spec-annexA2-project.qde'), 'utf8');
    const mabel = 'I’m a single mum 👶 with an 8 month old and a toddler and breakfast is mayhem. '.repeat(8);
    const path = join(dir, 'annex-with-text.qdpx');
    // As other tools write it: a folder entry for sources/, and a byte order mark before the text.
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(qde), 'project.qde');
    zip.addEmptyDirectory('sources/');
    zip.addBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mabel)]), 'sources/B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt');
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(path));
    const back = await readQdpx(path, { now: NOW });
    const source = back.snapshots.find((s) => s.title === 'Mabel.txt')!;
    expect(source.text).toBe(mabel); // byte order mark dropped: positions count from the first character
    const [selection] = back.annotations.filter((x) => x.snapshotId === source.guid);
    expect(selection!.kind).toBe('note');
    // startPosition 0, endPosition 410 in code points: the pairs of 👶 make it longer in UTF-16.
    expect(selection!.target.position).toEqual({
      type: 'TextPositionSelector',
      start: 0,
      end: 410 + [...mabel].slice(0, 410).filter((c) => c.length === 2).length,
    });
    expect(selection!.tags.map((t) => back.codebook.find((c) => c.id === t)!.name).sort()).toEqual(['bacon and eggs', 'cornflakes', 'happiness']);
    expect(selection!.createdAt).toBe('2018-03-27T19:04:19Z');
  });
});
