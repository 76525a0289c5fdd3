/**
 * Exporting what a search finds ({ kind: 'search', query }): a real temp library with a real
 * search index (worker thread, SQLite). The .glossa bundle, the CSV and the estimate hold
 * exactly the annotations the annotation browser shows for the query, with their snapshots;
 * a query the index cannot read is refused before anything is written.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchService } from '../../../core/search/index.js';
import { readMembers } from '../bundle/zipcraft.js';
import { addText, annotatePhrase, openSession, rejects, type Session } from './helpers.js';
import type { AnnotationKind } from '../../../core/model/index.js';

let s: Session;
let service: SearchService;
let cacheDir: string;
let out: string;
const snaps: Record<'ferry' | 'budget' | 'weather', { id: string; text: string }> = {} as never;
const ids: Record<string, string> = {};
const QUERY = 'kind:quote speaker:"Ann Harbour"';

const annotate = (snap: { id: string; text: string }, phrase: string, kind: AnnotationKind, extra: Record<string, unknown> = {}) =>
  annotatePhrase(s, snap, phrase, kind, extra);

const csvRows = (csv: string) => parse(csv, { columns: true, bom: true }) as Record<string, string>[];

beforeAll(async () => {
  s = await openSession();
  out = await mkdtemp(join(tmpdir(), 'glossa-search-export-'));
  snaps.ferry = await addText(
    s,
    'Ferry resumes\n\n“The ferry will run again on Sunday,” the harbour master said. It carried 212 passengers a day.',
    'Ferry resumes',
  );
  snaps.budget = await addText(
    s,
    'Budget vote\n\n“We balanced the budget,” said Ann Harbour. The council approved $4.5 billion, “a record”, she added.',
    'Budget vote',
  );
  snaps.weather = await addText(s, 'Weather\n\n“Rain all week,” said the forecaster, not Ann Harbour.', 'Weather');
  cacheDir = await mkdtemp(join(tmpdir(), 'glossa-search-export-index-'));
  service = await SearchService.open(s.library, { cacheDir });
  s.ctx.search = service;
  ids.q1 = await annotate(snaps.ferry, '“The ferry will run again on Sunday,”', 'quote', { fields: { speaker: 'Ann Harbour' } });
  ids.claim = await annotate(snaps.ferry, 'It carried 212 passengers a day.', 'claim', { fields: { claimant: 'Ann Harbour', verdict: 'disputed' } });
  ids.q2 = await annotate(snaps.budget, '“We balanced the budget,”', 'quote', {
    fields: { speaker: 'ann harbour' },
    comment: 'Says "balanced", with commas, and a\nline break',
  });
  ids.q3 = await annotate(snaps.budget, 'The council approved $4.5 billion', 'quote', { fields: { speaker: 'Council clerk' } });
  ids.gone = await annotate(snaps.budget, '“a record”', 'quote', { fields: { speaker: 'Ann Harbour' } });
  await s.call('deleteAnnotation', { snapshotId: snaps.budget.id, id: ids.gone });
  ids.q4 = await annotate(snaps.weather, '“Rain all week,”', 'quote', { fields: { speaker: 'the forecaster' } });
  ids.note = await annotate(snaps.weather, 'not Ann Harbour', 'note', { comment: 'Ann Harbour is not quoted here' });
});

afterAll(async () => {
  await s.library.close();
  await service.close();
  await rm(s.dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('exporting a search', () => {
  it('the annotation browser shows the two live quotes of Ann Harbour for the query', async () => {
    const r = await s.call('browseAnnotations', { query: QUERY });
    if (!r.ok) throw new Error(r.message);
    expect(r.rows.map((row) => row.id).sort()).toEqual([ids.q1, ids.q2].sort());
  });

  it('a .glossa bundle holds exactly those annotations and their snapshots', async () => {
    const path = join(out, 'ann.glossa');
    const report = await s.call('exportBundle', { path, scope: { kind: 'search', query: QUERY } });
    expect(report).toMatchObject({ snapshots: 2, annotations: 2, tombstones: 0, scope: `annotations matching “${QUERY}”` });
    const members = new Map((await readMembers(path)).map((m) => [m.name, m.data]));
    const rows = csvRows(members.get('annotations.csv')!.toString('utf8'));
    expect(rows.map((r) => r.id).sort()).toEqual([ids.q1, ids.q2].sort());
    expect(rows.find((r) => r.id === ids.q2)!.comment).toBe('Says "balanced", with commas, and a\nline break');
    const jsonld = JSON.parse(members.get('annotations.jsonld')!.toString('utf8')) as { items?: { id: string }[] };
    expect(JSON.stringify(jsonld)).not.toContain(ids.gone);
    const snapshotIds = [...members.keys()]
      .filter((n) => n.endsWith('/snapshot.json'))
      .map((n) => (JSON.parse(members.get(n)!.toString('utf8')) as { id: string }).id);
    expect(snapshotIds.sort()).toEqual([snaps.ferry.id, snaps.budget.id].sort());
    // Recorded as a filter, so every version 2 reader reads the bundle.
    expect(JSON.parse(members.get('manifest.json')!.toString('utf8')).scope).toEqual({ kind: 'filter', description: `annotations matching “${QUERY}”` });
    expect((await s.call('verifyBundle', { path })).ok).toBe(true);
  });

  it('a CSV (through the save dialog) has one row per matching annotation', async () => {
    const path = join(out, 'ann.csv');
    s.dialogs.save = path;
    const written = await s.call('exportFormatDialog', { format: 'csv', scope: { kind: 'search', query: QUERY } });
    expect(written).toMatchObject({ cancelled: false, snapshots: 2, annotations: 2 });
    const rows = csvRows(await readFile(path, 'utf8'));
    expect(rows.map((r) => [r.id, r.snapshotId]).sort()).toEqual(
      [
        [ids.q1, snaps.ferry.id],
        [ids.q2, snaps.budget.id],
      ].sort(),
    );
  });

  it('the estimate counts the same annotations and snapshots', async () => {
    const estimate = await s.call('estimateExport', { scope: { kind: 'search', query: QUERY } });
    expect(estimate).toMatchObject({ snapshots: 2, annotations: 2, tombstones: 0, scope: `annotations matching “${QUERY}”`, tooLarge: null });
    const other = await s.call('estimateExport', { scope: { kind: 'search', query: 'kind:note' } });
    expect(other).toMatchObject({ snapshots: 1, annotations: 1 });
  });

  it('follows the library: an annotation deleted after the search is no longer exported', async () => {
    const extra = await annotate(snaps.weather, '“Rain all week,”', 'quote', { fields: { speaker: 'Ann Harbour' } });
    expect(await s.call('estimateExport', { scope: { kind: 'search', query: QUERY } })).toMatchObject({ snapshots: 3, annotations: 3 });
    await s.call('deleteAnnotation', { snapshotId: snaps.weather.id, id: extra });
    expect(await s.call('estimateExport', { scope: { kind: 'search', query: QUERY } })).toMatchObject({ snapshots: 2, annotations: 2 });
  });

  it('refuses a query the index cannot read, with its message, and writes nothing', async () => {
    const before = await readdir(out);
    const path = join(out, 'bad.glossa');
    expect(await rejects(s.call('exportBundle', { path, scope: { kind: 'search', query: 'speaker:"Ann' } }), 'INVALID_INPUT')).toMatch(/Unclosed quote/);
    expect(
      await rejects(s.call('exportFormat', { path: join(out, 'bad.csv'), format: 'csv', scope: { kind: 'search', query: 'colour:red' } }), 'INVALID_INPUT'),
    ).toMatch(/Unknown filter "colour:"/);
    expect(await rejects(s.call('estimateExport', { scope: { kind: 'search', query: 'ferry OR' } }), 'INVALID_INPUT')).toMatch(/"OR"/);
    // The save dialog is not even asked: its answer stays unused.
    s.dialogs.save = join(out, 'never.csv');
    await rejects(s.call('exportFormatDialog', { format: 'csv', scope: { kind: 'search', query: 'kind:' } }), 'INVALID_INPUT');
    expect(s.dialogs.save).toBe(join(out, 'never.csv'));
    s.dialogs.save = null;
    expect(await readdir(out)).toEqual(before);
  });

  it('a query that finds nothing, or one too long, is a clear error', async () => {
    expect(await rejects(s.call('exportBundle', { path: join(out, 'none.glossa'), scope: { kind: 'search', query: 'zeppelin' } }), 'INVALID_INPUT')).toBe(
      'Nothing to export: no annotation matches “zeppelin”.',
    );
    await rejects(s.call('estimateExport', { scope: { kind: 'search', query: 'a'.repeat(2001) } }), 'INVALID_INPUT');
    expect(await readdir(out)).not.toContain('none.glossa');
  });

  it('without a search index it is UNAVAILABLE', async () => {
    delete s.ctx.search;
    try {
      expect(await rejects(s.call('estimateExport', { scope: { kind: 'search', query: QUERY } }), 'UNAVAILABLE')).toMatch(/search index is not open/);
    } finally {
      s.ctx.search = service;
    }
  });
});
