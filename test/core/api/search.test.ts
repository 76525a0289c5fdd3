/**
 * The search operations through the API on a real temp library with a real search index
 * (worker thread, SQLite): queries and filters, messages for queries it cannot read, the
 * annotation table, and the speaker and tag views answered from the index exactly as the
 * scan of the library's files answers them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../../core/api.js';
import { SearchService } from '../../../core/search/index.js';
import { addText, annotatePhrase, openSession, rejects, type Session } from './helpers.js';
import type { AnnotationKind } from '../../../core/model/index.js';

let s: Session;
let service: SearchService;
let cacheDir: string;
const snaps: Record<'ferry' | 'budget' | 'weather', { id: string; text: string }> = {} as never;
const ids: Record<string, string> = {};

type Found = Extract<OpOutput<'searchLibrary'>, { ok: true }>;

async function search(query: string, more: Record<string, unknown> = {}): Promise<Found> {
  const r = await s.call('searchLibrary', { query, ...more });
  if (!r.ok) throw new Error(r.message);
  return r;
}

const annotate = (snap: { id: string; text: string }, phrase: string, kind: AnnotationKind, extra: Record<string, unknown> = {}) =>
  annotatePhrase(s, snap, phrase, kind, extra);

/** Runs `fn` with the index taken out of the context (the operations then scan the files). */
async function withoutIndex<T>(fn: () => Promise<T>): Promise<T> {
  delete s.ctx.search;
  try {
    return await fn();
  } finally {
    s.ctx.search = service;
  }
}

beforeAll(async () => {
  s = await openSession();
  snaps.ferry = await addText(
    s,
    'Ferry resumes\n\n“The ferry will run again on Sunday,” the harbour master said. It carried 212 passengers a day.',
    'Ferry resumes',
  );
  snaps.budget = await addText(s, 'Budget vote\n\n“We balanced the budget,” said the Harbour Master. The council approved $4.5 billion.', 'Budget vote');
  snaps.weather = await addText(s, 'Weather\n\nRain in Łódź on Sunday; nothing about ferries here.', 'Weather');
  cacheDir = await mkdtemp(join(tmpdir(), 'glossa-search-api-'));
  service = await SearchService.open(s.library, { cacheDir });
  s.ctx.search = service;
  ids.q1 = await annotate(snaps.ferry, '“The ferry will run again on Sunday,”', 'quote', { fields: { speaker: 'Ann Harbour' } });
  ids.q2 = await annotate(snaps.budget, '“We balanced the budget,”', 'quote', { fields: { speaker: 'ann harbour' } });
  ids.q3 = await annotate(snaps.budget, 'The council approved $4.5 billion.', 'quote', { fields: { speaker: 'Council clerk' } });
  ids.claim = await annotate(snaps.ferry, 'It carried 212 passengers a day.', 'claim', { fields: { claimant: 'Harbour office', verdict: 'disputed' } });
  ids.figure = await annotate(snaps.ferry, '212 passengers', 'figure', { fields: { value: 212, unit: 'passengers' } });
  const created = await s.call('createSpeaker', { name: 'Ann Harbour', aliases: ['the harbour master'] });
  ids.ann = created.value.speaker.id;
  const tag = await s.call('createTag', { name: 'Transport' });
  ids.tag = tag.value.tag.id;
  await s.call('updateAnnotation', { snapshotId: snaps.ferry.id, id: ids.q1, patch: { tags: [ids.tag] } });
  await s.call('updateAnnotation', { snapshotId: snaps.ferry.id, id: ids.figure, patch: { tags: [ids.tag] } });
});

afterAll(async () => {
  await s.library.close();
  await service.close();
  await rm(s.dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

describe('searchLibrary', () => {
  it('finds articles by a word, whatever its accents, with the matched words marked', async () => {
    const r = await search('ferry');
    expect(r.articles.hits.map((h) => h.id).sort()).toEqual([snaps.ferry.id].sort());
    const hit = r.articles.hits[0]!;
    expect(hit.title.highlights.map((m) => hit.title.text.slice(m.start, m.end))).toEqual(['Ferry']);
    expect((await search('lodz')).articles.hits.map((h) => h.id)).toEqual([snaps.weather.id]);
    expect((await search('sunday', { sort: 'title' })).articles.hits.map((h) => h.title.text)).toEqual(['Ferry resumes', 'Weather']);
  });

  it('narrows by kind, speaker (aliases included), tag and verdict', async () => {
    const quotes = await search('kind:quote');
    expect(quotes.annotations.hits.map((h) => h.id).sort()).toEqual([ids.q1, ids.q2, ids.q3].sort());
    const ann = await search('speaker:"the harbour master"');
    expect(ann.annotations.hits.map((h) => h.id).sort()).toEqual([ids.q1, ids.q2].sort());
    expect((await search('tag:transport')).annotations.hits.map((h) => h.id).sort()).toEqual([ids.q1, ids.figure].sort());
    const disputed = await search('verdict:disputed');
    expect(disputed.annotations.hits.map((h) => [h.id, h.snapshotId, h.start, h.end])).toEqual([
      [ids.claim, snaps.ferry.id, snaps.ferry.text.indexOf('It carried'), snaps.ferry.text.indexOf('It carried') + 'It carried 212 passengers a day.'.length],
    ]);
    expect((await search('budget -kind:quote')).annotations.total).toBe(0);
  });

  it('pages with limit and offset', async () => {
    const first = await search('kind:quote', { sort: 'newest', limit: 2 });
    const rest = await search('kind:quote', { sort: 'newest', limit: 2, offset: 2 });
    expect(first.annotations.total).toBe(3);
    expect(first.annotations.hits).toHaveLength(2);
    expect(rest.annotations.hits).toHaveLength(1);
    expect(new Set([...first.annotations.hits, ...rest.annotations.hits].map((h) => h.id)).size).toBe(3);
  });

  it('answers a query it cannot read with a message, not an error', async () => {
    const unclosed = await s.call('searchLibrary', { query: '"ferry' });
    expect(unclosed).toEqual({ ok: false, message: expect.stringMatching(/Unclosed quote .*closing "/) });
    const badFilter = await s.call('searchLibrary', { query: 'verdict:maybe' });
    expect(badFilter.ok).toBe(false);
    expect(!badFilter.ok && badFilter.message).toMatch(/maybe/);
  });

  it('refuses requests outside its limits before they reach the index', async () => {
    expect(await rejects(s.call('searchLibrary', { query: 'x'.repeat(2001) }), 'INVALID_INPUT')).toMatch(/too long/);
    await rejects(s.call('searchLibrary', { query: 'ferry', limit: 201 }), 'INVALID_INPUT');
    await rejects(s.call('searchLibrary', { query: 'ferry', limit: 0 }), 'INVALID_INPUT');
    await rejects(s.call('searchLibrary', { query: 'ferry', offset: -1 }), 'INVALID_INPUT');
    await rejects(s.call('searchLibrary', { query: 'ferry', sort: 'random' }), 'INVALID_INPUT');
    await rejects(s.call('searchLibrary', { query: 42 }), 'INVALID_INPUT');
    await rejects(s.call('browseAnnotations', { query: '', sort: { column: 'secret', dir: 'asc' } }), 'INVALID_INPUT');
  });

  it('finds an edit as soon as the edit has answered', async () => {
    expect((await search('zeppelin')).annotations.total).toBe(0);
    await s.call('updateAnnotation', { snapshotId: snaps.budget.id, id: ids.q3, patch: { comment: 'Compare with the zeppelin budget' } });
    expect((await search('zeppelin')).annotations.hits.map((h) => h.id)).toEqual([ids.q3]);
    const note = await annotate(snaps.weather, 'Rain in Łódź', 'note', { comment: 'dirigible weather' });
    expect((await search('dirigible')).annotations.hits.map((h) => h.id)).toEqual([note]);
    await s.call('deleteAnnotation', { snapshotId: snaps.weather.id, id: note });
    expect((await search('dirigible')).annotations.total).toBe(0);
  });
});

describe('browseAnnotations', () => {
  it('lists the annotations a query finds as rows sorted by a column', async () => {
    const r = await s.call('browseAnnotations', { query: 'kind:quote', sort: { column: 'speaker', dir: 'asc' } });
    if (!r.ok) throw new Error(r.message);
    expect(r.total).toBe(3);
    expect(r.rows.map((row) => row.speaker.toLowerCase())).toEqual(['ann harbour', 'ann harbour', 'council clerk']);
    const desc = await s.call('browseAnnotations', { query: 'kind:quote', sort: { column: 'speaker', dir: 'desc' }, limit: 1 });
    expect(desc).toMatchObject({ ok: true, total: 3, rows: [{ id: ids.q3, snapshotId: snaps.budget.id, speaker: 'Council clerk' }] });
    const bad = await s.call('browseAnnotations', { query: '"open' });
    expect(bad.ok).toBe(false);
  });
});

describe('speaker and tag views from the index', () => {
  it('give the same answers as scanning the files', async () => {
    const fromIndex = { said: await s.call('speakerQuotes', { id: ids.ann! }), usage: await s.call('speakerUsage', {}), tags: await s.call('tagUsage', {}) };
    const fromFiles = await withoutIndex(async () => ({
      said: await s.call('speakerQuotes', { id: ids.ann! }),
      usage: await s.call('speakerUsage', {}),
      tags: await s.call('tagUsage', {}),
    }));
    expect(fromIndex).toEqual(fromFiles);
    expect(fromIndex.said.quotes.map((q) => q.id).sort()).toEqual([ids.q1, ids.q2].sort());
    expect(fromIndex.said).toMatchObject({ total: 2, articles: 2 });
    // Paged the same way both ways.
    const second = { id: ids.ann!, limit: 1, offset: 1 };
    expect(await s.call('speakerQuotes', second)).toEqual(await withoutIndex(() => s.call('speakerQuotes', second)));
    expect((await s.call('speakerQuotes', second)).quotes.map((q) => q.id)).toEqual([fromIndex.said.quotes[1]!.id]);
    expect(fromIndex.usage).toEqual({ counts: { [ids.ann!]: 2 }, unregistered: [{ name: 'Council clerk', quotes: 1 }] });
    expect(fromIndex.tags).toEqual({ [ids.tag!]: { annotations: 2, snapshots: 1 } });
  });

  it('follow a speaker rename and its undo', async () => {
    const renamed = await s.call('updateSpeaker', { id: ids.ann!, patch: { name: 'Ann Harbor' }, renameQuotes: true });
    const said = await s.call('speakerQuotes', { id: ids.ann! });
    expect(said.quotes.map((q) => q.speaker)).toEqual(['Ann Harbor', 'Ann Harbor']);
    expect(said).toEqual(await withoutIndex(() => s.call('speakerQuotes', { id: ids.ann! })));
    await s.undo(renamed);
    expect((await s.call('speakerQuotes', { id: ids.ann! })).speaker.name).toBe('Ann Harbour');
  });
});

describe('reindex', () => {
  it('rebuilds the index with progress events, and search answers as before', async () => {
    const before = await search('ferry');
    const seen = s.events.length;
    expect(await s.call('reindex', {})).toEqual({ articles: 3 });
    const progress = s.events.slice(seen).filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ task: 'reindex', done: 3, total: 3 });
    // Not cancellable: no task id to cancel with.
    expect(progress.every((e) => e.type === 'progress' && e.taskId === undefined)).toBe(true);
    expect(await search('ferry')).toEqual(before);
  });
});

describe('without a search index', () => {
  it('says the index is not open, and speaker views scan the files', async () => {
    await withoutIndex(async () => {
      expect(await rejects(s.call('searchLibrary', { query: 'ferry' }), 'UNAVAILABLE')).toMatch(/search index is not open/);
      await rejects(s.call('browseAnnotations', { query: '' }), 'UNAVAILABLE');
      await rejects(s.call('reindex', {}), 'UNAVAILABLE');
      expect((await s.call('speakerQuotes', { id: ids.ann! })).quotes).toHaveLength(2);
    });
  });
});
