import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagUsage as tagUsageFromFiles } from '../../../core/codebook/usage.js';
import type { SearchEngine, SearchResult } from '../../../core/search/engine.js';
import { speakerUsage as speakerUsageFromFiles } from '../../../core/speakers/quotes.js';
import { openLibrary } from '../../../core/store/index.js';
import { addSnapshot, cleanTemp, tempDir } from '../bundle/library.js';
import { annotate, openEngine, speaker, tag } from './helpers.js';

const TEXT_1 = [
  'Mayor visits Łódź',
  'Bill de Blasio met Mette Jørgensen on the Hauptstraße in Łódź on Tuesday.',
  '“They’re not going to deport our neighbours,” de Blasio said.',
  'Arrests rose to 1,200 people in 2017, a number critics called false.',
].join('\n');
const TEXT_2 = [
  'Budget hearing',
  'The council approved $4.5 billion for schools, the Straße project aside.',
  'Speaker Corey Johnson said the budget is balanced.',
].join('\n');
const TEXT_3 = ['Weather report', 'Rain in Berlin; nothing about mayors here.'].join('\n');

let dir: string;
let engine: SearchEngine;
const ids: Record<string, string> = {};

const search = (query: string, more: { sort?: 'relevance' | 'newest' | 'oldest' | 'title' | 'annotated' } = {}) => {
  const r = engine.search({ query, ...more });
  if (!r.ok) throw new Error(r.message);
  return r;
};
const articleIds = (r: Extract<SearchResult, { ok: true }>) => r.articles.hits.map((h) => h.id);
const marked = (h: { text: string; highlights: { start: number; end: number }[] }) => h.highlights.map((x) => h.text.slice(x.start, x.end));

beforeAll(async () => {
  dir = await tempDir('glossa-search-');
  const lib = await openLibrary(join(dir, 'library'));
  const a = await addSnapshot(lib, {
    text: TEXT_1,
    title: 'Mayor visits Łódź',
    sourceUrl: 'https://www.nytimes.com/2017/a',
    capturedAt: '2026-11-05T10:00:00.000Z',
  });
  const b = await addSnapshot(lib, { text: TEXT_2, title: 'Budget hearing', sourceUrl: 'https://news.example.org/b', capturedAt: '2024-03-02T09:00:00.000Z' });
  const c = await addSnapshot(lib, { text: TEXT_3, title: 'Weather report', capturedAt: '2025-01-01T09:00:00.000Z' });
  Object.assign(ids, { a: a.id, b: b.id, c: c.id });
  await lib.saveCodebook([tag('t-imm', 'Immigration'), tag('t-pol', 'Policing', 't-imm'), tag('t-num', 'Numbers')]);
  await lib.saveSpeakers([speaker('s-bdb', 'Bill de Blasio', ['de Blasio', 'Mayor de Blasio']), speaker('s-cj', 'Corey Johnson')]);
  await lib.putAnnotations(a.id, [
    annotate(a.id, TEXT_1, '“They’re not going to deport our neighbours,”', 'quote', {
      fields: { speaker: 'de Blasio' },
      tags: ['t-pol'],
      comment: 'Said at the Łódź press event',
    }),
    annotate(a.id, TEXT_1, 'Arrests rose to 1,200 people in 2017', 'claim', {
      fields: { claimant: 'ICE', verdict: 'false', evidenceNote: 'Agency figures disagree' },
      tags: ['t-num'],
    }),
    annotate(a.id, TEXT_1, '1,200 people', 'figure', { fields: { value: 1200, unit: 'people', measure: 'arrests' } }),
  ]);
  await lib.putAnnotations(b.id, [
    annotate(b.id, TEXT_2, 'Speaker Corey Johnson said the budget is balanced.', 'quote', { fields: { speaker: 'Corey Johnson' }, tags: ['t-num'] }),
    annotate(b.id, TEXT_2, '$4.5 billion', 'figure', { fields: { value: 4.5, unit: 'billion dollars' } }),
  ]);
  engine = openEngine(lib, join(dir, 'cache', 'index.sqlite'));
  expect(engine.opened).toBe('missing');
  engine.speakerUsage(); // warm
  // The library's own answers, for parity with the index's.
  fromFiles = { speakers: await speakerUsageFromFiles(lib, lib.listSpeakers()), tags: await tagUsageFromFiles(lib) };
  await lib.close();
});
let fromFiles: { speakers: unknown; tags: unknown };

afterAll(async () => {
  engine?.close();
  await cleanTemp();
});

describe('search index over a real library', () => {
  it('is insensitive to case, diacritics, special letters and quote style', () => {
    for (const q of ['lodz', 'LODZ', 'łódź', 'jorgensen', 'Jørgensen', '"they\'re"', '“they’re”', "they're"]) expect(articleIds(search(q)), q).toEqual([ids.a]);
    expect(articleIds(search('strasse'))).toEqual([ids.b]);
    expect(articleIds(search('hauptstrasse'))).toEqual([ids.a]);
  });

  it('highlights the original words in the snippet and title', () => {
    const hit = search('lodz').articles.hits[0]!;
    expect(marked(hit.title)).toEqual(['Łódź']);
    expect(marked(hit.snippet!)).toEqual(['Łódź', 'Łódź']);
    // Offsets are canonical: the snippet sits at `start` in the text.
    expect(TEXT_1.slice(hit.snippet!.start, hit.snippet!.start + hit.snippet!.text.length)).toBe(hit.snippet!.text);
    expect(marked(search('"they\'re"').articles.hits[0]!.snippet!)).toEqual(['They’re']);
    expect(marked(search('jorgensen').articles.hits[0]!.snippet!)).toEqual(['Jørgensen']);
    expect(marked(search('deport*').annotations.hits[0]!.exact)).toEqual(['deport']);
  });

  it('tells article hits from annotation hits, with counts', () => {
    const r = search('deport');
    expect(articleIds(r)).toEqual([ids.a]);
    expect(r.annotations.total).toBe(1);
    expect(r.annotations.hits[0]).toMatchObject({ snapshotId: ids.a, kind: 'quote', speaker: 'de Blasio', tags: ['Policing'] });
    // Annotation text: comments, evidence notes, figure units are searchable.
    expect(search('press event').annotations.hits.map((h) => h.kind)).toEqual(['quote']);
    expect(search('agency figures').annotations.hits.map((h) => h.kind)).toEqual(['claim']);
    expect(search('billion dollars').annotations.hits.map((h) => h.kind)).toEqual(['figure']);
    expect(search('policing').annotations.hits.map((h) => h.kind)).toEqual(['quote']);
  });

  it('applies every filter', () => {
    expect(search('kind:quote').annotations.total).toBe(2);
    expect(articleIds(search('kind:claim'))).toEqual([ids.a]);
    expect(search('speaker:"Bill de Blasio"').annotations.hits.map((h) => h.speaker)).toEqual(['de Blasio']);
    expect(search('speaker:"mayor de blasio"').annotations.total).toBe(1);
    expect(search('speaker:ICE').annotations.hits.map((h) => h.kind)).toEqual(['claim']);
    expect(search('verdict:false').annotations.hits.map((h) => h.kind)).toEqual(['claim']);
    // A tag finds its descendants; unknown tags say so.
    expect(search('tag:immigration').annotations.hits.map((h) => h.tags)).toEqual([['Policing']]);
    expect(search('tag:numbers').annotations.total).toBe(2);
    expect(search('tag:nothing').notes).toEqual(['No tag in the codebook is named "nothing".']);
    expect(articleIds(search('has:claim'))).toEqual([ids.a]);
    expect(articleIds(search('-has:annotation'))).toEqual([ids.c]);
    expect(articleIds(search('site:nytimes.com'))).toEqual([ids.a]);
    expect(articleIds(search('site:example.org'))).toEqual([ids.b]);
    expect(articleIds(search('site:"Example News" lang:en', { sort: 'oldest' }))).toEqual([ids.b, ids.c, ids.a]);
    expect(articleIds(search('captured:2026-11'))).toEqual([ids.a]);
    expect(articleIds(search('captured:<2025', { sort: 'newest' }))).toEqual([ids.b]);
    expect(articleIds(search('published:>2017-03-14'))).toEqual([]);
    expect(search('published:>=2017-03-14').articles.total).toBe(3);
    expect(search('-published:2017').articles.total).toBe(0);
    expect(search('published:2017').articles.total).toBe(3);
    expect(articleIds(search('mayor* -weather', { sort: 'newest' }))).toEqual([ids.a]);
    expect(articleIds(search('budget OR weather', { sort: 'title' }))).toEqual([ids.b, ids.c]);
  });

  it('sorts and counts facets over the results', () => {
    expect(articleIds(search('', { sort: 'newest' }))).toEqual([ids.a, ids.c, ids.b]);
    expect(articleIds(search('', { sort: 'annotated' }))).toEqual([ids.a, ids.b, ids.c]);
    const f = search('').facets!;
    expect(f.kind.map((v) => [v.value, v.count])).toEqual([
      ['figure', 2],
      ['quote', 2],
      ['claim', 1],
    ]);
    expect(f.speaker.map((v) => [v.label, v.count, v.filter])).toEqual([
      ['Bill de Blasio', 1, 'speaker:"Bill de Blasio"'],
      ['Corey Johnson', 1, 'speaker:"Corey Johnson"'],
    ]);
    expect(f.tag.map((v) => [v.label, v.count])).toEqual([
      ['Numbers', 2],
      ['Policing', 1],
    ]);
    expect(f.verdict.map((v) => [v.value, v.count])).toEqual([['false', 1]]);
    expect(f.lang).toEqual([{ value: 'en', label: 'en', count: 3, filter: 'lang:en' }]);
    // Clicking a facet narrows the facets too.
    const narrowed = search(`${f.tag[0]!.filter} kind:quote`).facets!;
    expect(narrowed.speaker.map((v) => v.label)).toEqual(['Corey Johnson']);
  });

  it("counts facets and totals over the words' hits, the same with facets off and page by page", () => {
    const r = search('budget OR arrests');
    expect(articleIds(r).sort()).toEqual([ids.a, ids.b].sort());
    expect(r.annotations.total).toBe(3);
    const f = r.facets!;
    expect(f.kind.map((v) => [v.value, v.count])).toEqual([
      ['claim', 1],
      ['figure', 1],
      ['quote', 1],
    ]);
    expect(f.tag.map((v) => [v.label, v.count])).toEqual([['Numbers', 2]]);
    expect(f.speaker.map((v) => [v.label, v.count])).toEqual([['Corey Johnson', 1]]);
    expect(f.site.map((v) => v.count).reduce((a, b) => a + b, 0)).toBe(2);
    // Without facets the totals and the ranking are the same.
    const bare = engine.search({ query: 'budget OR arrests', facets: false });
    expect(bare).toMatchObject({ ok: true, facets: null, articles: { total: 2 }, annotations: { total: 3 } });
    if (!bare.ok) throw new Error(bare.message);
    expect(bare.articles.hits.map((h) => h.id)).toEqual(articleIds(r));
    // Pages of one, one after another, are the whole ranked list.
    const pages = [0, 1, 2].map((offset) => engine.search({ query: 'budget OR arrests', limit: 1, offset }));
    expect(pages.flatMap((p) => (p.ok ? p.annotations.hits.map((h) => h.id) : []))).toEqual(r.annotations.hits.map((h) => h.id));
    expect(pages.flatMap((p) => (p.ok ? p.articles.hits.map((h) => h.id) : []))).toEqual(articleIds(r));
    // A filter narrows the hits and their facets; a query right after has none of the last one's hits.
    const quotes = search('budget OR arrests kind:quote');
    expect(quotes.annotations.hits.map((h) => h.kind)).toEqual(['quote']);
    expect(quotes.facets!.tag.map((v) => [v.label, v.count])).toEqual([['Numbers', 1]]);
    const rain = search('rain lang:en');
    expect([articleIds(rain), rain.annotations.total, rain.facets!.tag, rain.facets!.kind]).toEqual([[ids.c], 0, [], []]);
  });

  it('answers speaker pages and usage from the index, as the library does', () => {
    const page = engine.speakerPage('de blasio');
    expect(page.speaker).toEqual({ id: 's-bdb', name: 'Bill de Blasio' });
    expect(page.quotes.total).toBe(1);
    expect(page.quotes.hits[0]).toMatchObject({ snapshotId: ids.a, speaker: 'de Blasio', tags: ['Policing'] });
    expect(page.sites.map((s) => s.label)).toEqual(['Example News']);
    expect(engine.speakerPage('Nobody At All').quotes.total).toBe(0);
    expect(engine.speakerUsage()).toEqual(fromFiles.speakers);
    expect(engine.tagUsage()).toEqual(fromFiles.tags);
  });

  it('answers a malformed query or a bad request with a message, not an exception', () => {
    expect(engine.search({ query: '"open' })).toEqual({ ok: false, message: 'Unclosed quote after "open": add the closing " or remove the opening one.' });
    expect(engine.search({ query: 'x', sort: 'random' as never })).toMatchObject({ ok: false });
    expect(engine.search({ query: 'mayor', limit: -5, offset: Number.NaN })).toMatchObject({ ok: true, articles: { hits: [] } });
  });
});
