import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeTag, GlossaError } from '../../../core/model/index.js';
import { codebookToQdc, qdcToCodebook, readQdc } from '../../../core/qda/index.js';
import { HAVE_REFI, SAMPLES, validate } from './support.js';

const NOW = '2024-05-01T12:00:00.000Z';
const LATER = '2025-01-01T00:00:00.000Z';
const tag = (t: Partial<CodeTag> & { id: string; name: string }): CodeTag => CodeTag.parse({ createdAt: NOW, updatedAt: NOW, ...t });

/** A codebook that uses everything: hierarchy three deep, keys, colours in both cases, awkward text. */
const TAGS: CodeTag[] = [
  tag({
    id: '7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d01',
    name: 'Immigration',
    color: '#1F77B4',
    key: 'i',
    description: 'Anything about ICE & "sanctuary" policies.',
  }),
  tag({
    id: '7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d02',
    name: 'Detainers <ICE>',
    parentId: '7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d01',
    color: '#ff7f0e',
    key: 'd',
    description: 'Line one\nLine two\r\n\ttabbed',
  }),
  tag({ id: '7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d03', name: 'Arrests 🚓', parentId: '7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d02', color: '#2ca02c' }),
  tag({ id: '7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d04', name: 'Policing', color: '#d62728', key: '7', description: '[Glossa tag]\nKey: z' }),
  tag({ id: '7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d05', name: 'Numbers — “figures”', color: '#9467bd' }),
];

const withoutTimes = ({ createdAt: _c, updatedAt: _u, ...rest }: CodeTag) => rest;

describe.skipIf(!HAVE_REFI)('codebook → .qdc (skipped when ../shared/corpora/refi-qda is absent)', () => {
  it('validates against Codebook.xsd', async () => {
    const xml = codebookToQdc(TAGS);
    const result = await validate(xml, 'Codebook.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('fails validation when the document breaks the schema (the check can fail)', async () => {
    const xml = codebookToQdc(TAGS).replace('guid="7d1c2b8e-0f2a-4c3b-9d4e-5f6a7b8c9d01"', 'guid="not-a-guid"');
    const result = await validate(xml, 'Codebook.xsd');
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/guid/);
  });

  it('validates with ids that are not GUIDs (derived GUIDs) and with tags in a parent cycle', async () => {
    const odd = [
      tag({ id: 'immigration', name: 'Immigration' }),
      tag({ id: 'loop-a', name: 'A', parentId: 'loop-b' }),
      tag({ id: 'loop-b', name: 'B', parentId: 'loop-a' }),
      tag({ id: 'orphan', name: 'Orphan', parentId: 'gone' }),
    ];
    const xml = codebookToQdc(odd);
    expect((await validate(xml, 'Codebook.xsd')).valid).toBe(true);
    const back = qdcToCodebook(xml, NOW);
    expect(back.tags.map((t) => t.name).sort()).toEqual(['A', 'B', 'Immigration', 'Orphan']);
    expect(back.tags.every((t) => /^[0-9a-f-]{36}$/.test(t.id))).toBe(true);
  });
});

describe('.qdc round trip', () => {
  it('gives back the same tags: ids, names, hierarchy, colours, keys, descriptions', () => {
    const back = qdcToCodebook(codebookToQdc(TAGS), LATER);
    expect(back.problems).toEqual([]);
    expect(back.tags.map(withoutTimes)).toEqual(TAGS.map(withoutTimes));
    // REFI codes have no times: an import stamps them.
    expect(back.tags.every((t) => t.createdAt === LATER && t.updatedAt === LATER)).toBe(true);
  });

  it('writes the key where other tools show it, in a readable block', () => {
    const xml = codebookToQdc(TAGS);
    expect(xml).toContain('[Glossa tag]\nKey: i</Description>');
    expect(xml).toContain('origin="Glossa ');
  });

  it('refuses an empty codebook (REFI needs one code at least)', () => {
    expect(() => codebookToQdc([])).toThrow(GlossaError);
    expect(() => codebookToQdc([])).toThrow(/empty/);
  });
});

describe.skipIf(!HAVE_REFI)('sample codebooks (skipped when ../shared/corpora/refi-qda is absent)', () => {
  it('imports the spec annex codebook (braced GUIDs, categories without colour)', async () => {
    const { tags, problems } = await readQdc(resolve(SAMPLES, 'spec-annexA1-codebook.qdc'), NOW);
    expect(problems).toEqual([]);
    expect(tags.map((t) => t.name)).toEqual(['Topics', 'Economy', 'Health care', 'Values', 'Conservatives', 'Liberals']);
    expect(tags[0]!.id).toBe('5215cc69-b628-4e02-afb9-9beeaee55808');
    expect(tags[1]).toMatchObject({ color: '#ffff00', description: 'Anything about jobs or taxes or business', parentId: null, key: null });
    expect(tags[0]!.color).toBe('#6b7280');
    // What Glossa imported it writes back valid.
    expect((await validate(codebookToQdc(tags), 'Codebook.xsd')).valid).toBe(true);
  });

  it('takes the codebook out of a project.qde too', async () => {
    const { readFile } = await import('node:fs/promises');
    const xml = await readFile(resolve(SAMPLES, 'spec-annexA2-project.qde'), 'utf8');
    const { tags } = qdcToCodebook(xml, NOW);
    expect(tags).toHaveLength(14);
    expect(tags.find((t) => t.name === '"rushed"')).toBeTruthy();
    expect(tags.find((t) => t.name === 'Coke')).toMatchObject({ color: '#966450', description: 'the breakfast of champions' });
  });
});

describe('awkward and hostile codebooks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glossa-qdc-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const refused = (xml: string, message: RegExp) => {
    let error: unknown;
    try {
      qdcToCodebook(xml, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GlossaError);
    expect((error as GlossaError).code).toBe('INVALID_INPUT');
    expect((error as GlossaError).message).toMatch(message);
  };

  it('refuses text that is not XML, or XML that is not a codebook', () => {
    refused('Economy, Health care, Values', /not well-formed XML \(line 1, column/);
    refused('', /not well-formed XML|no XML element/);
    refused('<CodeBook><Codes><Code></Codes></CodeBook>', /not well-formed/);
    refused('<html><body>hi</body></html>', /root element is <html>/);
  });

  it('never expands entities: billion laughs is refused at once', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE CodeBook [',
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="&lol9;" isCodable="true"/></Codes></CodeBook>',
    ].join('\n');
    // Refused for its DOCTYPE, before any entity is expanded.
    refused(lol, /DOCTYPE/);
  });

  it('never reads external entities (XXE)', () => {
    for (const doctype of [
      '<!DOCTYPE CodeBook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE CodeBook SYSTEM "http://127.0.0.1:9/evil.dtd">',
      '<!DOCTYPE CodeBook [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>',
    ]) {
      const xml = `<?xml version="1.0"?>${doctype}<CodeBook><Codes><Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="&xxe;" isCodable="true"/></Codes></CodeBook>`;
      refused(xml, /DOCTYPE/);
    }
    // Without a DOCTYPE an unknown entity is simply an error, never a lookup.
    refused('<CodeBook><Codes><Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="&xxe;" isCodable="true"/></Codes></CodeBook>', /undefined entity/);
  });

  it('refuses absurd nesting instead of recursing without end', () => {
    const depth = 5000;
    const xml = `<CodeBook><Codes>${'<Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="x" isCodable="true">'.repeat(depth)}${'</Code>'.repeat(depth)}</Codes></CodeBook>`;
    refused(xml, /nest more than/);
  });

  it('repairs or skips bad codes and says so', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<qda:CodeBook xmlns:qda="urn:QDA-XML:codebook:1.0">
  <qda:Codes>
    <qda:Code guid="not-a-guid" name="Odd id" isCodable="true" color="#abc"/>
    <qda:Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="  " isCodable="true" color="red"/>
    <qda:Code guid="5215CC69-B628-4E02-AFB9-9BEEAEE55808" name="Duplicate" isCodable="true"/>
    <qda:Code name="No guid" isCodable="true"/>
    <qda:Code guid="{9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520}" name="${'x'.repeat(250)}" isCodable="true">
      <qda:Description>[Glossa tag]
Key: QQ</qda:Description>
    </qda:Code>
  </qda:Codes>
  <qda:Sets><qda:Set guid="c6ff6c4b-80eb-4473-a361-88daf9845d4f" name="S"/></qda:Sets>
</qda:CodeBook>`;
    const { tags, problems } = qdcToCodebook(xml, NOW);
    expect(tags.map((t) => t.name)).toEqual(['Odd id', 'Unnamed code 1', 'x'.repeat(200)]);
    expect(tags[0]).toMatchObject({ color: '#aabbcc' });
    expect(tags[1]).toMatchObject({ color: '#6b7280', id: '5215cc69-b628-4e02-afb9-9beeaee55808' });
    expect(tags[2]).toMatchObject({ key: null, description: '' });
    const all = problems.join('\n');
    for (const m of [/invalid GUID/, /without a name/, /repeats the GUID/, /no guid/, /longer than 200/, /not a single letter/, /code set/])
      expect(all).toMatch(m);
  });

  it('reads UTF-16 files with a byte order mark, and refuses a missing or huge file', async () => {
    const xml = codebookToQdc(TAGS.slice(0, 2)).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const path = join(dir, 'utf16.qdc');
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    expect((await readQdc(path, NOW)).tags.map((t) => t.name)).toEqual(['Immigration', 'Detainers <ICE>']);
    await expect(readQdc(join(dir, 'nope.qdc'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const latin1 = join(dir, 'latin1.qdc');
    await writeFile(
      latin1,
      Buffer.from('<CodeBook><Codes><Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="Caf\xe9" isCodable="true"/></Codes></CodeBook>', 'latin1'),
    );
    await expect(readQdc(latin1)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not UTF-8/) });
  });
});
