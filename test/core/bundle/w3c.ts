/**
 * The W3C Web Annotation test suite's MUST assertions (JSON Schema draft-04) as a validator.
 * Loaded from ../shared/corpora/w3c-web-annotation-tests; `W3C_DIR` is null when it is absent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { exportBundle } from '../../../core/bundle/index.js';
import type { Annotation, Snapshot } from '../../../core/model/index.js';
import { addSnapshot, seedLibrary, tempDir, withLibrary } from './library.js';
import { makeAnnotation, TEXT_A, TEXT_B } from './samples.js';
import { get, readMembers } from './zipcraft.js';
import { addPictureSnapshot, figureOn, JPEG_5X3, makePng } from '../ingest/figure-images.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SHARED = resolve(repoRoot, '../shared');
const dir = join(SHARED, 'corpora', 'w3c-web-annotation-tests');
export const W3C_DIR = existsSync(join(dir, 'annotations', 'annotationMusts.test')) ? dir : null;

export interface Failure {
  assertion: string;
  message: string;
}

export interface MustValidator {
  /** Assertion file names checked, per suite. */
  suites: Record<'annotation' | 'collection' | 'page', string[]>;
  /** The MUST assertions of one suite that the value fails (empty: conforms). */
  failures(suite: 'annotation' | 'collection' | 'page', value: unknown): Failure[];
  /** Whether the value meets one assertion of the suite by its file (a MAY or SHOULD: the feature is implemented). */
  meets(assertion: string, value: unknown): boolean;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

export function loadMustValidator(): MustValidator {
  if (!W3C_DIR) throw new Error('W3C test suite not found');
  // Formats matter: ids must be URIs, created/modified xsd:dateTime with a time zone.
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const file of readdirSync(join(W3C_DIR, 'definitions'))) {
    if (file.endsWith('.json')) ajv.addSchema(readJson(join(W3C_DIR, 'definitions', file)));
  }
  const list = (testFile: string) => (readJson(join(W3C_DIR!, testFile)).assertions as string[]).map((a) => a.trim());
  const suites = {
    annotation: list('annotations/annotationMusts.test'),
    collection: list('collections/collectionMusts.test'),
    page: list('collections/pages/pageMusts.test'),
  };
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  for (const assertion of Object.values(suites).flat()) {
    const schema = readJson(join(W3C_DIR, assertion));
    if (schema.expectedResult !== 'valid') throw new Error(`${assertion}: unexpected expectedResult ${String(schema.expectedResult)}`);
    compiled.set(assertion, ajv.compile(schema));
  }
  return {
    suites,
    meets(assertion, value) {
      if (!compiled.has(assertion)) compiled.set(assertion, ajv.compile(readJson(join(W3C_DIR!, assertion))));
      return compiled.get(assertion)!(value) as boolean;
    },
    failures(suite, value) {
      const out: Failure[] = [];
      for (const assertion of suites[suite]) {
        const validate = compiled.get(assertion)!;
        if (!validate(value)) out.push({ assertion, message: ajv.errorsText(validate.errors) });
      }
      return out;
    },
  };
}

// ---- a realistic library, exported the way a researcher would ----------------------------

/** A third article in three scripts, with NBSP, guillemets and an address that is an IRI, not a URI. */
export const TEXT_C = [
  'Выборы в Москве: «явка 40 %»',
  '',
  'Мэр заявил: «Явка составила 40\u00a0процентов — это рекорд».',
  '',
  '東京都の予算は約7兆円で、前年より3%増えた。',
  '',
  'قال المتحدث إن «الوضع مستقر».',
].join('\n');
export const URL_C = 'https://example.org/новости/выборы 2024?q=явка';

/** A fourth article with a chart and a photo that figures are tagged on. */
export const TEXT_D = ['Traffic on the bridge', '', 'The chart shows daily crossings.', '', 'About 48,000 vehicles crossed each day.'].join('\n');

export interface ExportedLibrary {
  snapshots: Snapshot[];
  /** Every annotation in the library, tombstones included. */
  annotations: Annotation[];
  texts: Map<string, string>;
  /** annotations.jsonld as the bundle holds it. */
  jsonld: Record<string, any>;
}

/**
 * seedLibrary's two articles (every kind, every field, a tombstone) plus TEXT_C's and TEXT_D's
 * (figures on images), written to a real library in a temp dir and exported as a real .glossa bundle.
 */
export async function exportRealisticLibrary(): Promise<ExportedLibrary> {
  const dir = await tempDir('glossa-w3c-');
  const bundle = join(await tempDir('glossa-w3c-out-'), 'lib.glossa');
  return withLibrary(dir, async (lib) => {
    const seeded = await seedLibrary(lib);
    const c = await addSnapshot(lib, { text: TEXT_C, title: 'Выборы в Москве', sourceUrl: URL_C });
    const first = makeAnnotation(c.id, TEXT_C, {
      kind: 'quote',
      exact: '«Явка составила 40\u00a0процентов — это рекорд»',
      fields: { speaker: 'Мэр', speakerRole: 'мэр Москвы', quoteType: 'direct', cue: 'заявил' },
      tags: ['выборы', 'явка'],
      comment: 'Проверить 👀\nсм. ЦИК',
    });
    const more = [
      first,
      makeAnnotation(c.id, TEXT_C, {
        kind: 'figure',
        exact: '約7兆円',
        fields: { value: 7e12, unit: 'JPY', qualifier: '約', measure: '東京都の予算', period: null },
        tags: ['予算'],
        origin: { type: 'suggested', detector: 'figures-v1', accepted: null },
      }),
      makeAnnotation(c.id, TEXT_C, {
        kind: 'claim',
        exact: '«الوضع مستقر»',
        fields: {
          claimant: 'المتحدث',
          verdict: 'disputed',
          evidence: [{ url: 'https://example.org/تقرير', snapshotId: c.id, annotationId: first.id, note: 'مصدر' }],
          checkworthiness: 1,
        },
        links: [{ rel: 'contradicts', annotationId: first.id }],
      }),
      makeAnnotation(c.id, TEXT_C, { kind: 'note', exact: 'рекорд', id: 'legacy:note/7 with spaces', comment: 'ünïcödé' }),
      makeAnnotation(c.id, TEXT_C, {
        kind: 'figure',
        exact: '3%',
        fields: { value: 3, unit: 'percent' },
        deletedAt: '2024-03-05T10:00:00.000Z',
        updatedAt: '2024-03-05T10:00:00.000Z',
      }),
    ];
    await lib.putAnnotations(c.id, more);
    // Figures tagged on a chart and a photo: the whole image, and an area of it.
    const d = await addPictureSnapshot(lib, {
      text: TEXT_D,
      title: 'Traffic on the bridge',
      sourceUrl: 'https://example.org/bridge',
      pictures: [
        { bytes: makePng(40, 20), offset: TEXT_D.indexOf('About'), alt: 'Daily crossings', caption: 'Crossings per day, 2015–2024' },
        { bytes: JPEG_5X3, offset: TEXT_D.length, alt: 'The deck', mediaType: 'image/jpeg' },
      ],
    });
    const [chart, photo] = d.images as [Snapshot['images'][0], Snapshot['images'][0]];
    const onImages = [
      figureOn(d, TEXT_D, chart, null, { tags: ['traffic'] }),
      figureOn(d, TEXT_D, chart, { x: 0.1, y: 0.2, w: 0.3, h: 0.4 }, { comment: 'the 2019 bar' }),
      figureOn(d, TEXT_D, photo, { x: 0.125, y: 1 / 3, w: 0.875, h: 2 / 3 }, { kind: 'claim', fields: { claimant: 'the city', verdict: 'supported' } }),
    ];
    await lib.putAnnotations(d.id, onImages);
    await exportBundle(lib, bundle);
    const members = await readMembers(bundle);
    const snapshots = [...seeded.snapshots, c, d];
    const texts = new Map([
      [seeded.snapshots[0]!.id, TEXT_A],
      [seeded.snapshots[1]!.id, TEXT_B],
      [c.id, TEXT_C],
      [d.id, TEXT_D],
    ]);
    const jsonld = JSON.parse(get(members, 'annotations.jsonld').toString('utf8')) as Record<string, any>;
    return { snapshots, annotations: [...seeded.annotations, ...more, ...onImages], texts, jsonld };
  });
}
