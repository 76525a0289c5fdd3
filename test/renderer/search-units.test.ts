// @vitest-environment happy-dom
/**
 * The pure parts of the library search window: how facet chips compose the query, how a
 * highlighted snippet splits into <mark> runs (with hostile ranges), where an article hit
 * opens, the windowing arithmetic and list keys of the virtualised tables, the library's
 * column sort, and the routes that carry a search or a place in an article.
 */
import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from '../../renderer/app/route';
import type { Row } from '../../renderer/features/library/latestVersions';
import { sortRows, toggleSort } from '../../renderer/features/library/sortRows';
import { addFilter, composeQuery, quoteValue, removeFilter, speakerQuery, tagQuery } from '../../renderer/features/search/query';
import { firstMatch, segmentsOf } from '../../renderer/features/search/segments';
import { nextRow, scrollToRow, visibleRows } from '../../renderer/features/search/windowing';

describe('query composition', () => {
  it('joins typed words and chips, trimming, without empty parts', () => {
    expect(composeQuery({ text: '  budget  ', filters: ['kind:quote', 'tag:"Public safety"'] })).toBe('budget kind:quote tag:"Public safety"');
    expect(composeQuery({ text: '   ', filters: [] })).toBe('');
    expect(composeQuery({ text: '', filters: ['verdict:false'] })).toBe('verdict:false');
  });
  it('adds a chip once and removes only that chip', () => {
    const one = addFilter([], 'kind:quote');
    expect(addFilter(one, 'kind:quote')).toEqual(['kind:quote']);
    expect(removeFilter(addFilter(one, 'site:nytimes.com'), 'kind:quote')).toEqual(['site:nytimes.com']);
  });
  it('quotes values with spaces, commas or quote marks, and drops the quote marks inside', () => {
    expect(quoteValue('Immigration')).toBe('Immigration');
    expect(tagQuery('Public safety')).toBe('tag:"Public safety"');
    expect(speakerQuery('Bill "the mayor" de Blasio')).toBe('speaker:"Bill the mayor de Blasio"');
    expect(speakerQuery('Smith, J.')).toBe('speaker:"Smith, J."');
  });
});

describe('highlighted snippets', () => {
  it('splits the text into plain and matched runs that add up to the text', () => {
    const h = {
      text: 'The council delayed the budget vote',
      highlights: [
        { start: 24, end: 30 },
        { start: 4, end: 11 },
      ],
    };
    const runs = segmentsOf(h);
    expect(runs).toEqual([
      { text: 'The ', hit: false },
      { text: 'council', hit: true },
      { text: ' delayed the ', hit: false },
      { text: 'budget', hit: true },
      { text: ' vote', hit: false },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe(h.text);
  });
  it('clamps overlapping, empty, backwards and out-of-range ranges without repeating text', () => {
    const h = {
      text: 'abcdef',
      highlights: [
        { start: 1, end: 4 },
        { start: 2, end: 5 },
        { start: 5, end: 3 },
        { start: -10, end: 0 },
        { start: 4, end: 99 },
      ],
    };
    const runs = segmentsOf(h);
    expect(runs.map((r) => r.text).join('')).toBe('abcdef');
    expect(runs.filter((r) => r.hit).map((r) => r.text)).toEqual(['bcd', 'e', 'f']);
  });
  it('opens an article hit at its first matched words, in canonical offsets', () => {
    expect(
      firstMatch({
        start: 1000,
        highlights: [
          { start: 40, end: 46 },
          { start: 5, end: 12 },
        ],
      }),
    ).toEqual({ start: 1005, end: 1012 });
    expect(firstMatch({ start: 0, highlights: [] })).toBeNull();
    expect(firstMatch(null)).toBeNull();
  });
});

describe('windowing and list keys', () => {
  it('renders only the rows in view plus overscan, at any scroll position of 100,000 rows', () => {
    expect(visibleRows(0, 400, 40, 100_000, 2)).toEqual({ from: 0, to: 12 });
    expect(visibleRows(40 * 50_000, 400, 40, 100_000, 2)).toEqual({ from: 49_998, to: 50_012 });
    // Scrolled to the bottom: the last rows, never past the end.
    expect(visibleRows(40 * 100_000 - 400, 400, 40, 100_000, 2)).toEqual({ from: 99_988, to: 100_000 });
    expect(visibleRows(-50, 400, 40, 3, 2)).toEqual({ from: 0, to: 3 });
    expect(visibleRows(0, 400, 40, 0)).toEqual({ from: 0, to: 0 });
  });
  it('moves by arrows, pages and Home/End, never past either end', () => {
    expect(nextRow('ArrowDown', 0, 10, 5)).toBe(1);
    expect(nextRow('ArrowDown', 9, 10, 5)).toBe(9);
    expect(nextRow('ArrowUp', 0, 10, 5)).toBe(0);
    expect(nextRow('PageDown', 2, 10, 5)).toBe(6);
    expect(nextRow('PageDown', 8, 10, 5)).toBe(9);
    expect(nextRow('PageUp', 3, 10, 5)).toBe(0);
    expect(nextRow('End', 0, 100_000, 20)).toBe(99_999);
    expect(nextRow('Home', 500, 100_000, 20)).toBe(0);
    expect(nextRow('x', 0, 10, 5)).toBeNull();
    expect(nextRow('ArrowDown', 0, 0, 5)).toBeNull();
  });
  it('scrolls a row into view below a sticky header only when it is not already in view', () => {
    expect(scrollToRow(5, 0, 434, 40, 34)).toBeNull();
    expect(scrollToRow(10, 0, 434, 40, 34)).toBe(40);
    expect(scrollToRow(2, 400, 434, 40, 34)).toBe(80);
  });
});

const row = (id: string, title: string, capturedAt: string, quote: number, wordCount = 100): Row =>
  ({
    id,
    title,
    capturedAt,
    wordCount,
    counts: { quote, claim: 0, figure: 0, note: 0 },
    siteName: null,
    sourceUrl: null,
    sourceFile: `${id}.txt`,
    versions: 1,
  }) as unknown as Row;

describe('library column sort', () => {
  const rows = [
    row('a', 'beta', '2026-01-02T00:00:00Z', 3),
    row('b', 'Alpha', '2026-01-03T00:00:00Z', 0),
    row('c', 'article 10', '2026-01-01T00:00:00Z', 3),
    row('d', 'article 9', '2026-01-04T00:00:00Z', 1),
  ];
  it('sorts titles A–Z ignoring case, numbers by value', () => {
    expect(sortRows(rows, { column: 'title', dir: 'asc' }).map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']);
  });
  it('sorts counts high first with ties newest first, and does not change its input', () => {
    const before = rows.map((r) => r.id);
    expect(sortRows(rows, { column: 'quote', dir: 'desc' }).map((r) => r.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(rows.map((r) => r.id)).toEqual(before);
  });
  it('flips the same column and starts another in its natural order', () => {
    expect(toggleSort({ column: 'captured', dir: 'desc' }, 'captured')).toEqual({ column: 'captured', dir: 'asc' });
    expect(toggleSort({ column: 'captured', dir: 'desc' }, 'title')).toEqual({ column: 'title', dir: 'asc' });
    expect(toggleSort({ column: 'title', dir: 'asc' }, 'words')).toEqual({ column: 'words', dir: 'desc' });
  });
});

describe('routes for search and places in an article', () => {
  it('round-trips a search, the browser, and words to open at', () => {
    for (const route of [
      { view: 'library', query: 'tag:"Public safety" budget/vote #1' },
      { view: 'annotations', query: 'speaker:"de Blasio"' },
      { view: 'annotations' },
      { view: 'reader', snapshotId: 'snap/1', at: { start: 10, end: 25 } },
      { view: 'reader', snapshotId: 's', annotationId: 'a' },
    ] as const) {
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
    expect(hrefFor({ view: 'library' })).toBe('#/');
  });
  it('opens the article at its top for an empty, backwards or malformed range, and the library for a malformed search', () => {
    expect(parseRoute('#/snapshot/s/at/30-10')).toEqual({ view: 'reader', snapshotId: 's' });
    expect(parseRoute('#/snapshot/s/at/10-10')).toEqual({ view: 'reader', snapshotId: 's' });
    expect(parseRoute('#/snapshot/s/at/x-10')).toEqual({ view: 'library' });
    expect(parseRoute('#/search/%E0%A4%A')).toEqual({ view: 'library' });
    expect(parseRoute('#/search/')).toEqual({ view: 'library' });
  });
});
