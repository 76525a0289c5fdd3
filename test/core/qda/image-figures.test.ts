/**
 * Figures tagged on an image in a REFI-QDA project: a PictureSource holding the picture with a
 * PictureSelection in pixels per figure (size read from the file's header), or, without the
 * picture's bytes, a Note on the article. Either way Project.xsd must still accept the project.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTarget } from '../../../core/anchor/index.js';
import { Annotation, CodeTag, type Snapshot } from '../../../core/model/index.js';
import { buildProject, KIND_CODES, readQdpx, writeQdpx, type QdpxInput } from '../../../core/qda/index.js';
import { imageSize } from '../../../core/qda/image-size.js';
import { pixelBox } from '../../../core/qda/project-write.js';
import { childNamed, childrenNamed, parseXml, type XmlElement } from '../../../core/qda/xml.js';
import { makeTarget } from '../../../core/text/selectors.js';
import { readMembers } from '../bundle/zipcraft.js';
import { JPEG_5X3, makePng, sha256 } from '../ingest/figure-images.js';
import { HAVE_REFI, makeSnapshot, validate } from './support.js';

const NOW = '2024-06-01T08:00:00.000Z';

describe('imageSize: width and height from the header bytes', () => {
  const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([7, 0, 3, 0, 0xf0, 0, 0]), Buffer.alloc(20)]);
  const bmp = Buffer.alloc(54);
  bmp.write('BM', 0, 'latin1');
  bmp.writeInt32LE(9, 18);
  bmp.writeInt32LE(-4, 22); // top-down rows
  const riff = (chunk: string, payload: number[]) => {
    const b = Buffer.alloc(40);
    b.write('RIFF', 0, 'latin1');
    b.write('WEBP', 8, 'latin1');
    b.write(chunk, 12, 'latin1');
    Buffer.from(payload).copy(b, 20);
    return b;
  };
  // VP8X: canvas width−1 and height−1 as 24-bit little-endian at 24 and 27.
  const vp8x = riff('VP8X', [0x10, 0, 0, 0, 0x3f, 0x01, 0, 0xc7, 0, 0]); // 320 × 200
  // VP8L: signature 0x2f, then 14 bits width−1 and 14 bits height−1.
  const bits = (640 - 1) | ((480 - 1) << 14);
  const vp8l = riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]);
  // VP8 (lossy): frame tag, start code 9d 01 2a, then 14-bit width and height.
  const vp8 = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02]); // 800 × 600
  const CHROMIUM_WEBP_5X3 = Buffer.from(
    'UklGRiYCAABXRUJQVlA4WAoAAAAgAAAABAAAAgAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQ',
    'base64',
  );

  it('reads PNG, JPEG (walking its segments), GIF, BMP and the three kinds of WebP', () => {
    expect(imageSize(makePng(40, 20))).toEqual({ width: 40, height: 20 });
    expect(imageSize(JPEG_5X3)).toEqual({ width: 5, height: 3 });
    expect(imageSize(gif)).toEqual({ width: 7, height: 3 });
    expect(imageSize(bmp)).toEqual({ width: 9, height: 4 });
    expect(imageSize(vp8x)).toEqual({ width: 320, height: 200 });
    expect(imageSize(vp8l)).toEqual({ width: 640, height: 480 });
    expect(imageSize(vp8)).toEqual({ width: 800, height: 600 });
    expect(imageSize(CHROMIUM_WEBP_5X3)).toEqual({ width: 5, height: 3 });
  });

  it('says null for what it cannot read, never a made-up size', () => {
    expect(imageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).toBeNull();
    expect(imageSize(makePng(40, 20).subarray(0, 20))).toBeNull();
    expect(imageSize(JPEG_5X3.subarray(0, 300))).toBeNull();
    expect(imageSize(Buffer.from('0000001c667479706176696600000000', 'hex'))).toBeNull(); // AVIF
    const zero = makePng(1, 1);
    zero.writeUInt32BE(0, 16);
    expect(imageSize(zero)).toBeNull();
  });

  it('pixel boxes: the area’s fractions of the size, at least one pixel, inside the picture', () => {
    expect(pixelBox(null, { width: 40, height: 20 })).toEqual({ firstX: 0, firstY: 0, secondX: 40, secondY: 20 });
    expect(pixelBox({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 }, { width: 40, height: 20 })).toEqual({ firstX: 4, firstY: 4, secondX: 16, secondY: 12 });
    expect(pixelBox({ x: 0.999, y: 0.999, w: 0.001, h: 0.001 }, { width: 5, height: 3 })).toEqual({ firstX: 4, firstY: 2, secondX: 5, secondY: 3 });
  });
});

describe.skipIf(!HAVE_REFI)('figures on images in a REFI-QDA project (skipped when ../shared/corpora/refi-qda is absent)', () => {
  const TEXT = 'Bridge traffic\n\nThe chart shows daily crossings.\n\nAbout 48,000 vehicles crossed each day.';
  const CHART = makePng(40, 20);
  const TAG = CodeTag.parse({ id: randomUUID(), name: 'Traffic', color: '#1f77b4', key: 't', createdAt: NOW, updatedAt: NOW });
  const snapshot: Snapshot = makeSnapshot(randomUUID(), 'Bridge traffic', TEXT, {
    images: [
      { hash: sha256(CHART), mediaType: 'image/png', alt: 'Daily crossings', caption: 'Crossings per day', offset: TEXT.indexOf('About'), sourceUrl: null },
      { hash: sha256(JPEG_5X3), mediaType: 'image/jpeg', alt: 'The deck', caption: null, offset: TEXT.length, sourceUrl: null },
    ],
  });
  const on = (i: number, rect: { x: number; y: number; w: number; h: number } | null, extra: Partial<Annotation> = {}) =>
    Annotation.parse({
      id: randomUUID(),
      snapshotId: snapshot.id,
      kind: 'figure',
      target: imageTarget(TEXT, snapshot.images, { hash: snapshot.images[i]!.hash, rect }),
      fields: { value: 48000, unit: 'vehicles' },
      tags: [TAG.id],
      comment: 'read off the chart',
      createdAt: NOW,
      updatedAt: NOW,
      ...extra,
    });
  const at = TEXT.indexOf('About 48,000');
  const claim = Annotation.parse({
    id: randomUUID(),
    snapshotId: snapshot.id,
    kind: 'claim',
    target: makeTarget(TEXT, at, at + 12),
    fields: { verdict: 'supported' },
    createdAt: NOW,
    updatedAt: NOW,
  });
  const whole = on(0, null, { links: [{ rel: 'supports', annotationId: claim.id }] });
  const area = on(0, { x: 0.1, y: 0.2, w: 0.3, h: 0.4 });
  const photo = on(1, { x: 0, y: 0, w: 0.6, h: 1 }, { kind: 'note', fields: {} });
  const input: QdpxInput = {
    snapshots: [{ snapshot, text: TEXT }],
    annotations: [claim, whole, area, photo],
    codebook: [TAG],
    speakers: [],
    now: NOW,
    images: new Map([
      [sha256(CHART), CHART],
      [sha256(JPEG_5X3), JPEG_5X3],
    ]),
  };

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glossa-qdpx-figures-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const pictureSources = (root: XmlElement) => childrenNamed(childNamed(root, 'Sources')!, 'PictureSource');

  it('writes each picture as a PictureSource with a PictureSelection in pixels per figure, and validates', async () => {
    const built = buildProject(input);
    expect(built.problems).toEqual([]);
    expect(built.selections).toBe(4);
    expect((await validate(built.xml, 'Project.xsd')).valid).toBe(true);
    const root = parseXml(built.xml, 'project.qde', 'BAD_BUNDLE');
    const [chart, deck] = pictureSources(root) as [XmlElement, XmlElement];
    expect(chart.attrs).toMatchObject({ name: 'Crossings per day', path: expect.stringMatching(/^internal:\/\/[0-9a-f-]{36}\.png$/) });
    expect(deck.attrs.path).toMatch(/\.jpg$/);
    expect(childNamed(chart, 'Description')!.text).toContain('Size: 40×20 pixels');
    const sels = childrenNamed(chart, 'PictureSelection');
    expect(sels.map((s) => [s.attrs.guid, s.attrs.firstX, s.attrs.firstY, s.attrs.secondX, s.attrs.secondY])).toEqual([
      [whole.id, '0', '0', '40', '20'],
      [area.id, '4', '4', '16', '12'],
    ]);
    const codes = childrenNamed(sels[0]!, 'Coding').map((c) => childNamed(c, 'CodeRef')!.attrs.targetGUID);
    expect(codes).toEqual([KIND_CODES.figure.guid, TAG.id]);
    expect(childNamed(sels[0]!, 'Description')!.text).toMatch(/read off the chart\n\n\[Glossa figure\]\nValue: 48000\nUnit: vehicles/);
    expect(childrenNamed(deck, 'PictureSelection')[0]!.attrs).toMatchObject({ firstX: '0', secondX: '3', secondY: '3' });
    // The figure supports the claim: a REFI link from the picture selection to the text selection.
    const link = childrenNamed(childNamed(root, 'Links')!, 'Link')[0]!;
    expect(link.attrs).toMatchObject({ name: 'supports', originGUID: whole.id, targetGUID: claim.id });
  });

  it('puts the pictures in the .qdpx byte for byte; reading it back keeps the text and names what it skipped', async () => {
    const path = join(dir, 'figures.qdpx');
    const report = await writeQdpx(input, path);
    expect(report).toMatchObject({ sources: 3, selections: 4, problems: [] });
    const members = new Map((await readMembers(path)).map((m) => [m.name, m.data as Buffer]));
    const root = parseXml(members.get('project.qde')!.toString('utf8'), 'project.qde', 'BAD_BUNDLE');
    for (const [source, bytes] of [
      [pictureSources(root)[0]!, CHART],
      [pictureSources(root)[1]!, JPEG_5X3],
    ] as const) {
      expect(members.get(`sources/${source.attrs.path!.slice('internal://'.length)}`)).toEqual(bytes);
    }
    const back = await readQdpx(path, { now: NOW });
    expect(back.snapshots.map((s) => s.text)).toEqual([TEXT]);
    expect(back.annotations.map((a) => a.id)).toEqual([claim.id]);
    expect(back.problems.join('\n')).toMatch(/2 picture sources skipped/);
  });

  it('without the pictures’ bytes, writes each figure as a note on the article, and says so', async () => {
    const built = buildProject({ ...input, images: new Map([[sha256(JPEG_5X3), JPEG_5X3.subarray(0, 100)]]) });
    expect((await validate(built.xml, 'Project.xsd')).valid).toBe(true);
    const root = parseXml(built.xml, 'project.qde', 'BAD_BUNDLE');
    expect(pictureSources(root)).toEqual([]);
    const notes = childrenNamed(childNamed(root, 'Notes')!, 'Note');
    expect(notes).toHaveLength(3);
    expect(childNamed(notes[1]!, 'PlainTextContent')!.text).toMatch(
      /^Figure on Crossings per day \(area from 10% across, 20% down, 30% wide, 40% high; image SHA-256 [0-9a-f]{64}\)\n\nread off the chart\n\n\[Glossa figure\]\nValue: 48000/,
    );
    const text = childrenNamed(childNamed(root, 'Sources')!, 'TextSource')[0]!;
    expect(childrenNamed(text, 'NoteRef').map((r) => r.attrs.targetGUID)).toEqual(notes.map((n) => n.attrs.guid));
    const problems = built.problems.join('\n');
    expect(problems).toMatch(/its bytes were not given; it was written as a note/);
    expect(problems).toMatch(/its size could not be read from its image\/jpeg header/);
    // A note is not a selection: the link from the whole-image figure goes with it (the figure is named above).
    expect(childNamed(root, 'Links')).toBeUndefined();
  });
});
