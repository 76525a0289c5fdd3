/**
 * glossa search and glossa reindex on a real library, in-process: hits with their ids,
 * offsets and marked words, filters, wrong queries as usage errors (exit 2), the index kept
 * in the cache folder and rebuilt when it is missing or behind the library.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexFileFor } from '../../core/search/location.js';
import { glossa, glossaJson, TEST_CACHE, tempDir } from './helpers.js';

const lib = tempDir('search-lib');
const at = ['--library', lib];
const ids: Record<'ferry' | 'budget' | 'weather', string> = { ferry: '', budget: '', weather: '' };
const TEXTS = {
  ferry: 'Ferry resumes\n\n“The ferry will run again on Sunday,” the harbour master said. It carried 212 passengers a day.\n',
  budget: 'Budget vote\n\n“We balanced the budget,” said Ann Harbour. The council approved $4.5 billion.\n',
  weather: 'Weather\n\nRain in Łódź on Sunday; nothing about boats here.\n',
};

interface Found {
  ok: true;
  articles: { total: number; hits: { id: string; title: { text: string } }[] };
  annotations: { total: number; hits: { id: string; snapshotId: string; kind: string; start: number; end: number }[] };
}

beforeAll(async () => {
  const src = tempDir('search-src');
  const files = Object.entries(TEXTS).map(([name, text]) => {
    const file = join(src, `${name}.txt`);
    writeFileSync(file, text);
    return file;
  });
  const imported = await glossaJson<{ ids: string[] }>(['import', ...files, ...at]);
  [ids.ferry, ids.budget, ids.weather] = imported.ids as [string, string, string];
  for (const [id, kind, exact, field] of [
    [ids.ferry, 'quote', '“The ferry will run again on Sunday,”', 'speaker=Ann Harbour'],
    [ids.budget, 'quote', '“We balanced the budget,”', 'speaker=Ann Harbour'],
    [ids.ferry, 'claim', 'It carried 212 passengers a day.', 'verdict=disputed'],
  ] as const) {
    const r = await glossa(['annotate', id, '--kind', kind, '--exact', exact, '--field', field, ...at]);
    expect(r.stderr).toBe('');
  }
});

describe('glossa search', () => {
  it('prints matching articles and annotations with ids, offsets and the matched words marked', async () => {
    const r = await glossa(['search', 'ferry', ...at]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 article, 1 annotation\n/);
    expect(r.stdout).toContain(`${ids.ferry}  `);
    expect(r.stdout).toContain('«Ferry» resumes');
    const start = TEXTS.ferry.indexOf('“The ferry');
    const end = start + '“The ferry will run again on Sunday,”'.length;
    expect(r.stdout).toMatch(
      new RegExp(`${ids.ferry}  [\\w-]+  quote \\[${start}, ${end}\\)  Ann Harbour\\n    “The «ferry» will run again on Sunday,”  \\(Ferry resumes\\)\\n`),
    );
  });

  it('filters by kind, sorts and limits; --json gives the whole result', async () => {
    const quotes = await glossaJson<Found>(['search', 'sunday', '--kind', 'quote', ...at]);
    expect(quotes.annotations.hits.map((h) => [h.snapshotId, h.kind])).toEqual([[ids.ferry, 'quote']]);
    const claims = await glossaJson<Found>(['search', 'verdict:disputed', ...at]);
    expect(claims.annotations.hits.map((h) => h.kind)).toEqual(['claim']);
    const byTitle = await glossaJson<Found>(['search', 'sunday', '--sort', 'title', ...at]);
    expect(byTitle.articles.hits.map((h) => h.title.text)).toEqual(['Ferry resumes', 'Weather']);
    const one = await glossaJson<Found>(['search', 'sunday', '--sort', 'title', '--limit', '1', '--offset', '1', ...at]);
    expect(one.articles).toMatchObject({ total: 2, hits: [{ id: ids.weather }] });
    // A filter on annotations also finds the articles they are in.
    const text = await glossa(['search', 'speaker:"ann harbour"', ...at]);
    expect(text.stdout).toMatch(/^2 articles, 2 annotations\n/);
    expect(text.stdout).toContain('ANNOTATIONS (1–2 of 2)');
  });

  it('finds words whatever their accents, and says when nothing matches', async () => {
    expect((await glossaJson<Found>(['search', 'lodz', ...at])).articles.hits.map((h) => h.id)).toEqual([ids.weather]);
    const none = await glossa(['search', 'zeppelin', ...at]);
    expect(none).toMatchObject({ code: 0, stdout: '0 articles, 0 annotations\n' });
  });

  it('refuses a query it cannot read with exit 2 and a message that says what to fix', async () => {
    const r = await glossa(['search', '"ferry', ...at]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^glossa: Unclosed quote after "ferry": add the closing " or remove the opening one\.\n$/);
    const json = await glossa(['search', 'verdict:maybe', '--json', ...at]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'USAGE', message: expect.stringContaining('maybe') } });
    expect((await glossa(['search', 'ferry', '--limit', '500', ...at])).code).toBe(2);
    expect((await glossa(['search', 'ferry', '--kind', 'rumour', ...at])).code).toBe(2);
    expect((await glossa(['search', 'ferry', '--offset', '-3', ...at])).code).toBe(2);
    expect((await glossa(['search', ...at])).code).toBe(2);
  });

  it('finds what other commands wrote since the last search', async () => {
    expect((await glossaJson<Found>(['search', 'billion', ...at])).annotations.total).toBe(0);
    expect((await glossa(['annotate', ids.budget, '--kind', 'figure', '--exact', '$4.5 billion', ...at])).code).toBe(0);
    const found = await glossaJson<Found>(['search', 'billion', '--kind', 'figure', ...at]);
    const start = TEXTS.budget.indexOf('$4.5 billion');
    expect(found.annotations.hits.map((h) => [h.snapshotId, h.start, h.end])).toEqual([[ids.budget, start, start + '$4.5 billion'.length]]);
  });
});

describe('the index file', () => {
  const file = indexFileFor(lib, TEST_CACHE);

  it('lives in the cache folder, and glossa reindex rebuilds it with progress on stderr', async () => {
    expect(existsSync(file)).toBe(true);
    const r = await glossa(['reindex', ...at]);
    expect(r).toMatchObject({ code: 0, stdout: 'Rebuilt the search index: 3 articles.\n' });
    expect(r.stderr).toMatch(/search index: 3 of 3 articles\n$/);
    expect(await glossaJson(['reindex', ...at])).toEqual({ articles: 3 });
  });

  it('is rebuilt by the next search when it was removed', async () => {
    rmSync(file);
    const r = await glossa(['search', 'ferry', ...at]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/search index: 3 of 3 articles/);
    expect(r.stdout).toMatch(/^1 article, 1 annotation\n/);
    expect(existsSync(file)).toBe(true);
    // Current now: the next search builds nothing.
    expect((await glossa(['search', 'ferry', ...at])).stderr).toBe('');
  });
});
