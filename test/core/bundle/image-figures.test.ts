/**
 * Figures tagged on an image in every sharing format of core/bundle: the bundle's JSON-LD
 * (lossless, and verified, imported and merged between real libraries), W3C import (Glossa's
 * own and another tool's image targets), and the CSV's image columns.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTarget } from '../../../core/anchor/index.js';
import { IMAGE_COLUMNS } from '../../../core/bundle/csv.js';
import {
  annotationFromJsonLd,
  annotationsToCsv,
  annotationToJsonLd,
  CSV_COLUMNS,
  exportBundle,
  importBundle,
  verifyBundle,
} from '../../../core/bundle/index.js';
import { parseW3CAnnotations, planW3CImport, type W3CCandidate } from '../../../core/bundle/w3c-import.js';
import { Annotation, type Snapshot } from '../../../core/model/index.js';
import { makeTarget } from '../../../core/text/selectors.js';
import { addPictureSnapshot, figureOn, JPEG_5X3, makePng } from '../ingest/figure-images.js';
import { cleanTemp, tempDir, withLibrary } from './library.js';
import { get, readMembers } from './zipcraft.js';

afterAll(cleanTemp);

const TEXT = ['Bridge traffic', '', 'The chart shows daily crossings.', '', 'About 48,000 vehicles crossed each day.', '', 'The deck was replaced.'].join('\n');
const CHART = makePng(40, 20);
const byId = (list: Annotation[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));

interface Fixture {
  dir: string;
  snapshot: Snapshot;
  annotations: Annotation[];
  bundle: string;
}

async function library(): Promise<Fixture> {
  const dir = await tempDir('glossa-figures-');
  const bundle = join(await tempDir('glossa-figures-out-'), 'figures.glossa');
  return withLibrary(dir, async (lib) => {
    const snapshot = await addPictureSnapshot(lib, {
      text: TEXT,
      title: 'Bridge traffic',
      sourceUrl: 'https://courier.example/bridge',
      pictures: [
        { bytes: CHART, offset: TEXT.indexOf('About'), alt: 'Daily crossings', caption: 'Crossings per day' },
        { bytes: JPEG_5X3, offset: TEXT.indexOf('The deck'), alt: 'The deck', mediaType: 'image/jpeg' },
      ],
    });
    const [chart, photo] = snapshot.images as [Snapshot['images'][0], Snapshot['images'][0]];
    const at = TEXT.indexOf('48,000');
    const annotations = [
      figureOn(snapshot, TEXT, chart, null, { tags: ['traffic'] }),
      figureOn(snapshot, TEXT, chart, { x: 0.1, y: 0.2, w: 0.3, h: 0.4 }),
      figureOn(
        snapshot,
        TEXT,
        photo,
        { x: 1 / 3, y: 0.000123, w: 2 / 3, h: 0.5 },
        { kind: 'note', fields: {}, deletedAt: '2024-05-07T00:00:00.000Z', updatedAt: '2024-05-07T00:00:00.000Z' },
      ),
      Annotation.parse({ ...figureOn(snapshot, TEXT, chart, null), id: crypto.randomUUID(), target: makeTarget(TEXT, at, at + 6) }),
    ];
    await lib.putAnnotations(snapshot.id, annotations);
    await exportBundle(lib, bundle);
    return { dir, snapshot, annotations, bundle };
  });
}

describe('JSON-LD: a figure on an image', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await library();
  });

  it('reads back exactly as it was written (every field, the area to the last bit)', () => {
    for (const a of fx.annotations) {
      const ld = JSON.parse(JSON.stringify(annotationToJsonLd(a, fx.snapshot)));
      expect(annotationFromJsonLd(ld)).toEqual(a);
    }
  });

  it('refuses an image target that names another snapshot, a bad hash or a pixel area', () => {
    const ld = JSON.parse(JSON.stringify(annotationToJsonLd(fx.annotations[1]!, fx.snapshot)));
    const withImage = (patch: Record<string, unknown>) => ({ ...ld, target: [ld.target[0], { ...ld.target[1], ...patch }] });
    expect(() => annotationFromJsonLd(withImage({ scope: 'urn:glossa:snapshot:other' }))).toThrow(/scope/);
    expect(() => annotationFromJsonLd(withImage({ source: { id: 'urn:sha256:ABC', type: 'Image' } }))).toThrow(/SHA-256/);
    expect(() => annotationFromJsonLd(withImage({ selector: { ...ld.target[1].selector, value: 'xywh=1,2,3,4' } }))).toThrow(/xywh=percent/);
    expect(() => annotationFromJsonLd(withImage({ selector: { ...ld.target[1].selector, value: 'xywh=percent:50,0,60,10' } }))).toThrow(/rect/);
  });

  it('the CSV appends image columns when there are figures on images: hash and area as fractions', async () => {
    expect(IMAGE_COLUMNS).toEqual(['imageHash', 'imageX', 'imageY', 'imageW', 'imageH']);
    const members = await readMembers(fx.bundle);
    const rows = parse(get(members, 'annotations.csv'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS, ...IMAGE_COLUMNS]);
    const row = (a: Annotation) => rows.find((r) => r.id === a.id)!;
    const [whole, area, deleted, text] = fx.annotations as [Annotation, Annotation, Annotation, Annotation];
    expect(row(whole)).toMatchObject({
      kind: 'figure',
      exact: '',
      start: String(whole.target.position.start),
      imageHash: whole.target.image!.hash,
      imageX: '',
      imageW: '',
      value: '48000',
    });
    expect(row(area)).toMatchObject({ imageHash: CHART_HASH(fx), imageX: '0.1', imageY: '0.2', imageW: '0.3', imageH: '0.4' });
    expect(row(text)).toMatchObject({ exact: '48,000', imageHash: '', imageX: '' });
    expect(rows.find((r) => r.id === deleted.id)).toBeUndefined();
    const withDeleted = parse(annotationsToCsv([fx.snapshot], fx.annotations, { includeDeleted: true }), { columns: true }) as Record<string, string>[];
    expect(Object.keys(withDeleted[0]!)).toEqual([...CSV_COLUMNS, 'deleted', ...IMAGE_COLUMNS]);
    expect(withDeleted.find((r) => r.id === deleted.id)).toMatchObject({ imageX: String(1 / 3), imageY: '0.000123', deleted: deleted.deletedAt });
    // Without figures on images the CSV is exactly what it was before they existed; the columns can be asked for.
    const textOnly = [text];
    expect(annotationsToCsv([fx.snapshot], textOnly).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(annotationsToCsv([fx.snapshot], textOnly, { imageColumns: true }).split('\r\n')[0]).toBe([...CSV_COLUMNS, ...IMAGE_COLUMNS].join(','));
    expect(annotationsToCsv([fx.snapshot], fx.annotations, { imageColumns: false }).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  });
});

const CHART_HASH = (fx: Fixture) => fx.snapshot.images[0]!.hash;

describe('a bundle with figures on images between real libraries', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await library();
  });

  it('verifies, imports into an empty library unchanged, and a second import changes nothing', async () => {
    expect((await verifyBundle(fx.bundle)).ok).toBe(true);
    const dir = await tempDir();
    const report = await withLibrary(dir, (lib) => importBundle(lib, fx.bundle));
    expect(report.annotations).toMatchObject({ added: 3, addedDeleted: 1, conflicts: [] });
    await withLibrary(dir, async (lib) => {
      expect(await lib.getSnapshot(fx.snapshot.id)).toEqual(fx.snapshot);
      expect(byId(await lib.listAnnotations(fx.snapshot.id, { includeDeleted: true }))).toEqual(byId(fx.annotations));
      for (const i of fx.snapshot.images) expect(await lib.blobs.has(i.hash)).toBe(true);
    });
    expect((await withLibrary(dir, (lib) => importBundle(lib, fx.bundle))).changed).toBe(false);
  });

  it('merges an edited area back: newer wins, the area comes over exactly', async () => {
    const dir = await tempDir();
    await withLibrary(dir, (lib) => importBundle(lib, fx.bundle));
    const area = fx.annotations[1]!;
    const edited: Annotation = {
      ...area,
      target: { ...area.target, image: { hash: area.target.image!.hash, rect: { x: 0.55, y: 0.05, w: 0.45, h: 0.9 } } },
      updatedAt: '2024-06-01T00:00:00.000Z',
    };
    const back = join(await tempDir(), 'back.glossa');
    await withLibrary(dir, async (lib) => {
      await lib.putAnnotation(edited);
      await exportBundle(lib, back);
    });
    const report = await withLibrary(fx.dir, (lib) => importBundle(lib, back));
    expect(report.annotations).toMatchObject({ updated: 1, conflicts: [] });
    expect(await withLibrary(fx.dir, (lib) => lib.getAnnotation(fx.snapshot.id, area.id))).toEqual(edited);
  });

  it('refuses a bundle whose figure names an image its snapshot does not have', async () => {
    const bad = join(await tempDir(), 'bad.glossa');
    await withLibrary(fx.dir, async (lib) => {
      const stray = fx.annotations[0]!;
      await lib.putAnnotation({ ...stray, id: crypto.randomUUID(), target: { ...stray.target, image: { hash: 'c'.repeat(64), rect: null } } });
      await exportBundle(lib, bad);
    });
    const report = await verifyBundle(bad);
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).toMatch(/no image cccccccccccc/);
  });
});

describe('W3C import of figures on images', () => {
  let fx: Fixture;
  let items: ReturnType<typeof parseW3CAnnotations>['items'];
  let candidate: W3CCandidate;
  beforeAll(async () => {
    fx = await library();
    const members = await readMembers(fx.bundle);
    const parsed = parseW3CAnnotations(get(members, 'annotations.jsonld'));
    expect(parsed.problems).toEqual([]);
    items = parsed.items;
    candidate = { snapshotId: fx.snapshot.id, text: TEXT, sourceUrl: fx.snapshot.sourceUrl, images: fx.snapshot.images };
  });

  it('takes Glossa’s own back onto the same snapshot, equal to what was exported', () => {
    const images = new Map(items.filter((i) => i.image).map((i) => [i.annotation.id, i.image]));
    expect(images).toEqual(new Map(fx.annotations.filter((a) => a.target.image).map((a) => [a.id, a.target.image])));
    const plan = planW3CImport(items, [candidate]);
    expect(plan.unmatched).toEqual([]);
    expect(byId(plan.matched)).toEqual(byId(fx.annotations));
    // Without the snapshot's images, only the very place written for will do.
    const { images: _i, ...textOnly } = candidate;
    expect(byId(planW3CImport(items, [textOnly]).matched)).toEqual(byId(fx.annotations));
  });

  it('finds the snapshot of another library by the picture, where the image now stands', () => {
    const elsewhere: W3CCandidate = {
      snapshotId: 'other-library-copy',
      text: `Preface.\n\n${TEXT}`,
      sourceUrl: null,
      images: fx.snapshot.images.map((i) => ({ ...i, offset: i.offset + 10 })),
    };
    const plan = planW3CImport(
      items.filter((i) => i.image),
      [elsewhere],
    );
    expect(plan.unmatched).toEqual([]);
    for (const a of plan.matched) {
      expect(a.snapshotId).toBe('other-library-copy');
      const original = fx.annotations.find((o) => o.id === a.id)!;
      expect(a.target.image).toEqual(original.target.image);
      expect(a.target.position.start).toBe(original.target.position.start + 10);
    }
    const gone = planW3CImport(
      items.filter((i) => i.image),
      [{ ...elsewhere, images: [] }],
    );
    expect(gone.matched).toEqual([]);
    expect(gone.unmatched[0]!.reason).toMatch(/does not say which page|no snapshot/);
  });

  it('reads another tool’s image target (urn:sha256 + media fragment) as a note on that image', () => {
    const hash = CHART_HASH(fx);
    const foreign = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://annotations.example/1',
      type: 'Annotation',
      bodyValue: 'The 2019 bar looks wrong',
      target: {
        source: `urn:sha256:${hash}`,
        scope: `urn:glossa:snapshot:${fx.snapshot.id}`,
        selector: { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: 'xywh=percent:25,10,50,80' },
      },
    };
    const pixels = {
      ...foreign,
      id: 'https://annotations.example/2',
      target: { ...foreign.target, selector: { type: 'FragmentSelector', value: 'xywh=10,10,5,5' } },
    };
    const parsed = parseW3CAnnotations([foreign, pixels]);
    expect(parsed.problems).toEqual([expect.stringMatching(/^\[1\]: skipped: .*xywh=percent.*pixel/)]);
    const plan = planW3CImport(parsed.items, [candidate]);
    expect(plan.unmatched).toEqual([]);
    expect(plan.matched).toHaveLength(1);
    expect(plan.matched[0]).toMatchObject({ kind: 'note', comment: 'The 2019 bar looks wrong', snapshotId: fx.snapshot.id });
    expect(plan.matched[0]!.target).toEqual(imageTarget(TEXT, fx.snapshot.images, { hash, rect: { x: 0.25, y: 0.1, w: 0.5, h: 0.8 } }));
    // No scope, no address: the picture alone says where it belongs.
    const bare = parseW3CAnnotations({ ...foreign, target: { ...foreign.target, scope: undefined } });
    expect(planW3CImport(bare.items, [candidate]).matched).toHaveLength(1);
  });
});
