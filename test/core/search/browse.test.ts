/**
 * The annotation table (SearchEngine.browse): every quote, claim, figure and note of a real
 * library, sorted by any column either way, narrowed by the query language, paged, and
 * refusing hostile requests with a message.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSE_COLUMNS, type BrowseColumn, type BrowseRow, type SearchEngine } from '../../../core/search/engine.js';
import { SearchService } from '../../../core/search/service.js';
import { openLibrary } from '../../../core/store/index.js';
import { addSnapshot, cleanTemp, tempDir } from '../bundle/library.js';
import { annotate, openEngine, speaker, tag } from './helpers.js';

const TEXT_A = [
  'City hall report',
  'Mayor Ada Lovelace said the budget is balanced.',
  'Police made 1,200 arrests, up 30 percent, a figure critics called false.',
].join('\n');
const TEXT_B = [
  'Budget hearing',
  'Councillor Émile Zola said “we will not cut schools”.',
  'The council approved 4.5 billion dollars; the deficit shrank, the treasurer claimed.',
].join('\n');
const TEXT_C = ['Weather', 'Rain in Berlin. Nothing said by anyone.'].join('\n');

let dir: string;
let libDir: string;
let engine: SearchEngine;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = await tempDir('glossa-search-browse-');
  libDir = join(dir, 'library');
  const lib = await openLibrary(libDir);
  const a = await addSnapshot(lib, { text: TEXT_A, title: 'City hall report', capturedAt: '2025-05-01T10:00:00.000Z' });
  const b = await addSnapshot(lib, { text: TEXT_B, title: 'Budget hearing', capturedAt: '2024-02-01T10:00:00.000Z' });
  const c = await addSnapshot(lib, { text: TEXT_C, title: 'Weather', capturedAt: '2026-01-01T10:00:00.000Z' });
  Object.assign(ids, { a: a.id, b: b.id, c: c.id });
  await lib.saveCodebook([tag('t-bud', 'Budget'), tag('t-pol', 'Policing')]);
  await lib.saveSpeakers([speaker('s-al', 'Ada Lovelace', ['Mayor Lovelace'])]);
  await lib.putAnnotations(a.id, [
    annotate(a.id, TEXT_A, 'the budget is balanced', 'quote', {
      id: 'n-a1',
      fields: { speaker: 'Ada Lovelace', speakerRole: 'Mayor', quoteType: 'indirect' },
      tags: ['t-bud'],
    }),
    annotate(a.id, TEXT_A, 'Police made 1,200 arrests', 'claim', {
      id: 'n-a2',
      fields: { claimant: 'Police', verdict: 'false' },
      tags: ['t-pol'],
      comment: 'Court records disagree',
    }),
    annotate(a.id, TEXT_A, '1,200 arrests', 'figure', { id: 'n-a3', fields: { value: 1200, unit: 'arrests', measure: 'arrests per year' } }),
    annotate(a.id, TEXT_A, 'up 30 percent', 'figure', { id: 'n-a4', fields: { value: 30, unit: 'percent', measure: 'change' } }),
  ]);
  await lib.putAnnotations(b.id, [
    annotate(b.id, TEXT_B, '“we will not cut schools”', 'quote', {
      id: 'n-b1',
      fields: { speaker: 'Émile Zola', speakerRole: 'councillor', quoteType: 'direct' },
      tags: ['t-bud'],
    }),
    annotate(b.id, TEXT_B, 'the deficit shrank', 'claim', { id: 'n-b2', fields: { claimant: 'the treasurer', verdict: 'supported' } }),
    annotate(b.id, TEXT_B, '4.5 billion dollars', 'figure', { id: 'n-b3', fields: { value: 4.5, unit: 'dollars', measure: 'budget' }, tags: ['t-bud'] }),
    annotate(b.id, TEXT_B, 'The council approved', 'note', { id: 'n-b4', comment: 'check the vote count' }),
  ]);
  // Two annotations equal in every sort column but id and capture time: the tie-break decides.
  await lib.putAnnotations(c.id, [
    annotate(c.id, TEXT_C, 'Rain in Berlin', 'note', { id: 'n-c1' }),
    annotate(c.id, TEXT_C, 'Nothing said', 'note', { id: 'n-c2' }),
  ]);
  engine = openEngine(lib, join(dir, 'cache', 'index.sqlite'));
  await lib.close();
});

afterAll(async () => {
  engine?.close();
  await cleanTemp();
});

const browse = (req: Parameters<SearchEngine['browse']>[0]) => {
  const r = engine.browse(req);
  if (!r.ok) throw new Error(r.message);
  return r;
};
const idsOf = (rows: BrowseRow[]) => rows.map((r) => r.id);

/** What a column shows, as the table compares it (text without case; missing values first). */
function key(row: BrowseRow, column: BrowseColumn): string | number | null {
  switch (column) {
    case 'article':
      return row.articleTitle.toLowerCase();
    case 'captured':
      return row.capturedAt;
    case 'value':
      return row.value;
    case 'verdict':
      return row.verdict;
    case 'exact':
      return row.exact.toLowerCase().replace(/[“”]/g, '"');
    case 'speaker':
      return row.speaker.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    case 'quoteType':
      return row.quoteType;
    default:
      return String(row[column]).toLowerCase();
  }
}
const compare = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

describe('annotation table (browse)', () => {
  it('lists every annotation with its fields when the query is empty, newest first by default', () => {
    const r = browse({ query: '' });
    expect(r.total).toBe(10);
    expect(idsOf(r.rows)).toEqual(['n-c2', 'n-c1', 'n-a4', 'n-a3', 'n-a2', 'n-a1', 'n-b4', 'n-b3', 'n-b2', 'n-b1']);
    expect(r.rows.find((x) => x.id === 'n-a1')).toEqual({
      id: 'n-a1',
      snapshotId: ids.a,
      articleTitle: 'City hall report',
      capturedAt: '2025-05-01T10:00:00.000Z',
      kind: 'quote',
      exact: 'the budget is balanced',
      start: TEXT_A.indexOf('the budget is balanced'),
      end: TEXT_A.indexOf('the budget is balanced') + 'the budget is balanced'.length,
      speaker: 'Ada Lovelace',
      role: 'Mayor',
      quoteType: 'indirect',
      claimant: '',
      verdict: null,
      value: null,
      unit: '',
      measure: '',
      tags: ['Budget'],
    });
    expect(r.rows.find((x) => x.id === 'n-b3')).toMatchObject({ kind: 'figure', value: 4.5, unit: 'dollars', measure: 'budget', tags: ['Budget'] });
    expect(r.rows.find((x) => x.id === 'n-a2')).toMatchObject({ kind: 'claim', claimant: 'Police', verdict: 'false', tags: ['Policing'] });
  });

  it('sorts by every column both ways, ties broken by capture time then id', () => {
    for (const column of BROWSE_COLUMNS) {
      const asc = browse({ query: '', sort: { column, dir: 'asc' } }).rows;
      const desc = browse({ query: '', sort: { column, dir: 'desc' } }).rows;
      expect(asc, column).toHaveLength(10);
      for (let i = 1; i < asc.length; i++) {
        const [p, q] = [asc[i - 1]!, asc[i]!];
        const order = compare(key(p, column), key(q, column)) || compare(p.capturedAt, q.capturedAt) || compare(p.id, q.id);
        expect(order, `${column}: ${p.id} before ${q.id}`).toBe(-1);
      }
      // Every tie-break runs the same way, so descending is ascending reversed.
      expect(idsOf(desc), column).toEqual(idsOf(asc).reverse());
    }
    expect(idsOf(browse({ query: 'kind:figure', sort: { column: 'value', dir: 'asc' } }).rows)).toEqual(['n-b3', 'n-a4', 'n-a3']);
    expect(idsOf(browse({ query: 'kind:quote', sort: { column: 'role', dir: 'asc' } }).rows)).toEqual(['n-b1', 'n-a1']);
    expect(idsOf(browse({ query: 'kind:note', sort: { column: 'kind', dir: 'asc' } }).rows)).toEqual(['n-b4', 'n-c1', 'n-c2']);
  });

  it('narrows with the query language: words, filters and exclusions', () => {
    expect(idsOf(browse({ query: 'kind:quote', sort: { column: 'speaker', dir: 'asc' } }).rows)).toEqual(['n-a1', 'n-b1']);
    expect(idsOf(browse({ query: 'speaker:"Mayor Lovelace"' }).rows)).toEqual(['n-a1']);
    expect(idsOf(browse({ query: 'zola' }).rows)).toEqual(['n-b1']);
    expect(idsOf(browse({ query: 'court records' }).rows)).toEqual(['n-a2']);
    expect(idsOf(browse({ query: 'tag:budget', sort: { column: 'kind', dir: 'asc' } }).rows)).toEqual(['n-b3', 'n-b1', 'n-a1']);
    expect(idsOf(browse({ query: 'verdict:false,supported', sort: { column: 'verdict', dir: 'desc' } }).rows)).toEqual(['n-b2', 'n-a2']);
    expect(browse({ query: 'captured:2024' }).total).toBe(4);
    expect(browse({ query: '-kind:note' }).total).toBe(7);
    // A tag's name is text of the annotation: n-b1 is found by its tag Budget.
    expect(idsOf(browse({ query: 'budget -kind:figure', sort: { column: 'article', dir: 'asc' } }).rows)).toEqual(['n-b1', 'n-a1']);
    const unknown = browse({ query: 'tag:nothing' });
    expect(unknown.total).toBe(0);
    expect(unknown.notes).toEqual(['No tag in the codebook is named "nothing".']);
  });

  it('pages through the rows without skipping or repeating one', () => {
    const all = idsOf(browse({ query: '', sort: { column: 'unit', dir: 'asc' } }).rows);
    const pages: string[] = [];
    for (let offset = 0; offset < 12; offset += 3) {
      const page = browse({ query: '', sort: { column: 'unit', dir: 'asc' }, limit: 3, offset });
      expect(page.total).toBe(10);
      pages.push(...idsOf(page.rows));
    }
    expect(pages).toEqual(all);
    expect(browse({ query: '', offset: 10 }).rows).toEqual([]);
  });

  it('refuses a hostile or malformed request with a message and keeps working', () => {
    const refused: [unknown, RegExp][] = [
      [
        { query: '', sort: { column: 'id; DROP TABLE annotations', dir: 'asc' } },
        /cannot be sorted by "id; DROP TABLE annotations" — choose one of article, captured/,
      ],
      [{ query: '', sort: { column: 'toString', dir: 'asc' } }, /cannot be sorted by "toString"/],
      [{ query: '', sort: { column: 'kind', dir: 'asc; DELETE FROM annotations' } }, /Sort direction must be "asc" or "desc"/],
      [{ query: '', sort: 'kind' }, /cannot be sorted by "undefined"/],
      [{ query: '', limit: 0 }, /Rows per page must be a whole number from 1 to 500, not 0/],
      [{ query: '', limit: 501 }, /from 1 to 500, not 501/],
      [{ query: '', limit: '10' }, /from 1 to 500, not 10/],
      [{ query: '', limit: Number.NaN }, /from 1 to 500, not NaN/],
      [{ query: '', offset: -1 }, /offset must be a whole number from 0 up, not -1/],
      [{ query: '', offset: 1.5 }, /offset must be a whole number/],
      [{ query: 42 }, /The query must be text/],
      [{ query: '"open' }, /Unclosed quote/],
      [null, /needs a request/],
    ];
    for (const [req, message] of refused) {
      const r = engine.browse(req as never);
      expect(r.ok, JSON.stringify(req)).toBe(false);
      expect(!r.ok && r.message, JSON.stringify(req)).toMatch(message);
    }
    expect(browse({ query: '' }).total).toBe(10);
  });

  it('answers through the search worker (SearchService)', async () => {
    const lib = await openLibrary(libDir);
    const service = await SearchService.open(lib, { indexFile: join(dir, 'worker', 'index.sqlite') });
    try {
      const r = await service.browse({ query: 'kind:figure', sort: { column: 'value', dir: 'desc' }, limit: 2 });
      expect(r).toMatchObject({ ok: true, total: 3 });
      expect(r.ok && idsOf(r.rows)).toEqual(['n-a3', 'n-a4']);
      expect(await service.browse({ query: '', sort: { column: 'nope' as BrowseColumn, dir: 'asc' } })).toMatchObject({ ok: false });
    } finally {
      await service.close();
      await lib.close();
    }
  });
});
