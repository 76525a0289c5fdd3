/**
 * Figures tagged on an image survive a new version of the article: captured twice through the
 * real ingest (pictures inline as data: URIs), the figure follows its picture to where it now
 * stands, and one on a picture the new version lost is listed as an orphan, never dropped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageTargetProblem } from '../../../core/anchor/index.js';
import { carryAnnotations, importPage, orphansBetween, placeTarget } from '../../../core/ingest/index.js';
import { Annotation } from '../../../core/model/index.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { makeTarget } from '../../../core/text/selectors.js';
import { figureOn, makePng, sha256 } from './figure-images.js';

const CHART = makePng(40, 20, [20, 120, 200]);
const PHOTO = makePng(30, 30, [200, 120, 20]);
const dataUri = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const URL_ = 'https://courier.example/bridge';

const filler = 'The transport department published its figures for the year in a long report. '.repeat(6);
function page(lead: string, withPhoto: boolean): Uint8Array {
  return new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Bridge reopens</title><link rel="canonical" href="${URL_}"></head><body><article>
<h1>Bridge reopens</h1>
${lead}
<p>The Harbour Bridge reopened to traffic on Monday after two years of repairs, the city said.</p>
<figure><img src="${dataUri(CHART)}" alt="Daily crossings, 2015–2024"><figcaption>Crossings per day.</figcaption></figure>
<p>About 48,000 vehicles crossed the bridge each day before it closed. ${filler}</p>
${withPhoto ? `<figure><img src="${dataUri(PHOTO)}" alt="The deck"></figure>` : ''}
<p>Repairs replaced the deck, the cables and the lighting. ${filler}</p>
</article></body></html>`);
}

let dir: string;
let lib: LibraryStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-figures-'));
  lib = await openLibrary(join(dir, 'library'));
});
afterEach(async () => {
  await lib.close();
  await rm(dir, { recursive: true, force: true });
});

async function capture(lead: string, withPhoto: boolean) {
  const outcome = await importPage(lib, { bytes: page(lead, withPhoto), format: 'html', url: URL_, method: 'url' });
  const snapshot = await lib.getSnapshot(outcome.snapshotId);
  return { outcome, snapshot, text: await lib.blobs.getText(snapshot.textHash) };
}

describe('figures on images across versions', () => {
  it('follow their picture into the new version; a lost picture makes an orphan', async () => {
    const v1 = await capture('', true);
    expect(v1.snapshot.images.map((i) => i.hash)).toEqual([sha256(CHART), sha256(PHOTO)]);
    const [chart, photo] = v1.snapshot.images as [(typeof v1.snapshot.images)[0], (typeof v1.snapshot.images)[0]];
    const whole = figureOn(v1.snapshot, v1.text, chart, null);
    const area = figureOn(v1.snapshot, v1.text, chart, { x: 0.5, y: 0.25, w: 0.5, h: 0.75 });
    const onPhoto = figureOn(v1.snapshot, v1.text, photo, { x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, { kind: 'note' as const, fields: {} });
    const quoteAt = v1.text.indexOf('About 48,000 vehicles');
    const quote = Annotation.parse({ ...whole, id: crypto.randomUUID(), kind: 'claim', fields: {}, target: makeTarget(v1.text, quoteAt, quoteAt + 21) });
    await lib.putAnnotations(v1.snapshot.id, [whole, area, onPhoto, quote]);
    for (const a of [whole, area, onPhoto]) expect(imageTargetProblem(v1.text, v1.snapshot.images, a.target)).toBeNull();

    // The new version: a paragraph added on top (every offset moves), the photo removed.
    const v2 = await capture('<p>Update: the city has now published the full repair bill, which came in under budget.</p>', false);
    expect(v2.outcome.previousVersionId).toBe(v1.snapshot.id);
    const newChart = v2.snapshot.images.find((i) => i.hash === chart.hash)!;
    expect(newChart.offset).toBeGreaterThan(chart.offset);

    // Exactly what core/api/capture.ts does after a recapture.
    const carried = await carryAnnotations(lib, v1.snapshot.id, v2.snapshot.id, (a) => placeTarget(v2.text, a.target));
    expect(carried.carried).toBe(3);
    expect(carried.orphans).toEqual([
      { id: onPhoto.id, kind: 'note', exact: '', reason: expect.stringMatching(/image .* is not in this version/), image: onPhoto.target.image },
    ]);

    const copies = await lib.listAnnotations(v2.snapshot.id);
    const copyOf = (a: Annotation) => copies.find((c) => c.links.some((l) => l.rel === 'previous-version' && l.annotationId === a.id))!;
    for (const a of [whole, area]) {
      const c = copyOf(a);
      expect(c.target.image).toEqual(a.target.image);
      expect(c.target.position).toEqual({ type: 'TextPositionSelector', start: newChart.offset, end: newChart.offset });
      expect(imageTargetProblem(v2.text, v2.snapshot.images, c.target)).toBeNull();
      expect(c.fields).toEqual(a.fields);
    }
    expect(copyOf(quote).target.quote.exact).toBe('About 48,000 vehicles');
    expect((await orphansBetween(lib, v1.snapshot.id, v2.snapshot.id)).map((a) => a.id)).toEqual([onPhoto.id]);

    // Capturing the same change again copies nothing twice.
    expect((await carryAnnotations(lib, v1.snapshot.id, v2.snapshot.id, (a) => placeTarget(v2.text, a.target))).carried).toBe(0);
  });

  it('are placed by the picture even when the caller only knows how to place text', async () => {
    const v1 = await capture('', true);
    const fig = figureOn(v1.snapshot, v1.text, v1.snapshot.images[0]!, null);
    await lib.putAnnotation(fig);
    const v2 = await capture('<p>Correction: an earlier version of this article misstated the date of the reopening.</p>', true);
    // A text-only placer (trimDebris's) is never asked about the figure.
    const asked: string[] = [];
    const carried = await carryAnnotations(lib, v1.snapshot.id, v2.snapshot.id, (a) => {
      asked.push(a.id);
      return { reason: 'text placer' };
    });
    expect(asked).toEqual([]);
    expect(carried).toEqual({ carried: 1, orphans: [] });
  });
});
