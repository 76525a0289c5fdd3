/**
 * Figures on images through the API table, as the window and the CLI call it: tag the whole
 * image and an area, edit the area with undo, refuse moving a text span that is not there, and
 * export / import them in every open format.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMAGE_COLUMNS } from '../../../core/bundle/csv.js';
import { importPage } from '../../../core/ingest/index.js';
import type { Annotation } from '../../../core/model/index.js';
import { openSession, rejects, type Session } from '../api/helpers.js';
import { makePng, sha256 } from '../ingest/figure-images.js';
import { readMembers } from './zipcraft.js';

const CHART = makePng(40, 20, [10, 90, 200]);
const PAGE = `<!doctype html><html lang="en"><head><title>Bridge traffic</title></head><body><article><h1>Bridge traffic</h1>
<p>The transport department counted crossings every day for nine years, and published the totals.</p>
<figure><img src="data:image/png;base64,${CHART.toString('base64')}" alt="Daily crossings"><figcaption>Crossings per day</figcaption></figure>
<p>About 48,000 vehicles crossed the bridge each day before it closed. ${'The report gives the figures by month and by lane. '.repeat(8)}</p></article></body></html>`;

describe('figures on images through the API', () => {
  let s: Session;
  let snapshotId: string;
  let offset: number;
  beforeEach(async () => {
    s = await openSession();
    snapshotId = (await importPage(s.library, { bytes: new TextEncoder().encode(PAGE), format: 'html', name: 'bridge.html', method: 'file' })).snapshotId;
    offset = (await s.library.getSnapshot(snapshotId)).images[0]!.offset;
  });
  afterEach(() => s.close());

  const tag = (rect: { x: number; y: number; w: number; h: number } | null, kind = 'figure') =>
    s.call('createAnnotation', {
      snapshotId,
      kind,
      start: offset,
      end: offset,
      image: { hash: sha256(CHART), rect },
      fields: { value: 48000, unit: 'vehicles' },
    }) as Promise<{ value: Annotation; inverse: { op: string; input: unknown } }>;

  it('tags the whole image and an area; the area can be changed and the change undone', async () => {
    const whole = (await tag(null)).value;
    expect(whole.target).toMatchObject({ position: { start: offset, end: offset }, quote: { exact: '' }, image: { hash: sha256(CHART), rect: null } });
    const area = (await tag({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 })).value;
    const edit = (await s.call('updateAnnotation', { snapshotId, id: area.id, patch: { imageRect: { x: 0.5, y: 0, w: 0.5, h: 1 } } })) as {
      value: Annotation;
      inverse: { op: string; input: unknown };
    };
    expect(edit.value.target.image!.rect).toEqual({ x: 0.5, y: 0, w: 0.5, h: 1 });
    expect(((await s.undo(edit)).value as Annotation).target.image!.rect).toEqual({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 });
    expect(await s.call('listUnanchored', { snapshotId })).toEqual([]);
    expect(await rejects(s.call('resizeAnnotation', { snapshotId, id: whole.id, edge: 'end', direction: 'grow' }), 'INVALID_INPUT')).toMatch(
      /tagged on an image/,
    );
    expect(await rejects(s.call('updateAnnotation', { snapshotId, id: whole.id, patch: { start: 0, end: 5 } }), 'INVALID_INPUT')).toMatch(/tagged on an image/);
    expect(await rejects(tag({ x: 0.8, y: 0, w: 0.5, h: 1 }), 'INVALID_INPUT')).toMatch(/within the image/);
    expect(
      await rejects(s.call('createAnnotation', { snapshotId, kind: 'figure', start: 0, end: 0, image: { hash: 'f'.repeat(64), rect: null } }), 'NOT_FOUND'),
    ).toMatch(/no image ffffffffffff/);
  });

  it('exports them as CSV, JSON-LD, REFI-QDA and Markdown, and takes the JSON-LD back', async () => {
    await tag(null);
    await tag({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 });
    const out = (name: string) => join(s.dir, name);
    for (const [format, file] of [
      ['csv', 'a.csv'],
      ['jsonld', 'a.jsonld'],
      ['qdpx', 'a.qdpx'],
      ['md', 'a.md'],
    ] as const) {
      await s.call('exportFormat', { format, path: out(file) });
    }
    const rows = parse(await readFile(out('a.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!).slice(-5)).toEqual([...IMAGE_COLUMNS]);
    // Both stand at the image's offset: rows of one place come in id order, so compare as a set.
    expect(rows.map((r) => [r.imageHash, r.imageX, r.imageW]).sort()).toEqual([
      [sha256(CHART), '', ''],
      [sha256(CHART), '0.1', '0.3'],
    ]);
    expect(await readFile(out('a.jsonld'), 'utf8')).toContain('"value": "xywh=percent:10,20,30,40"');
    const members = new Map((await readMembers(out('a.qdpx'))).map((m) => [m.name, m.data as Buffer]));
    const qde = members.get('project.qde')!.toString('utf8');
    expect([...members.values()].some((b) => b.equals(CHART))).toBe(true);
    expect(qde).toMatch(/<PictureSelection [^>]*firstX="4" firstY="4" secondX="16" secondY="12"/);
    expect(await readFile(out('a.md'), 'utf8')).toContain('- Image: “Crossings per day” — the whole image');

    // Deleted here, taken back from the JSON-LD: the same figures, on the same image.
    const before = (await s.call('listAnnotations', { snapshotId })) as Annotation[];
    for (const a of before) await s.library.putAnnotation({ ...a, deletedAt: null, updatedAt: '2000-01-01T00:00:00.000Z' });
    const report = (await s.call('importExchange', { path: out('a.jsonld') })) as { annotationsUpdated: number; unmatched: unknown[] };
    expect(report).toMatchObject({ annotationsUpdated: 2, unmatched: [] });
    const byId = (list: Annotation[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1)).map((a) => a.target);
    expect(byId((await s.call('listAnnotations', { snapshotId })) as Annotation[])).toEqual(byId(before));
  });
});
