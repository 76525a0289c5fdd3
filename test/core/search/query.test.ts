import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { fold } from '../../../core/search/fold.js';
import { parseQuery, toMatch, type Query } from '../../../core/search/query.js';

const ok = (q: string): Query => {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`expected ${q} to parse: ${r.message}`);
  return r.query;
};
const message = (q: unknown): string => {
  const r = parseQuery(q);
  if (r.ok) throw new Error(`expected ${String(q).slice(0, 40)} to be refused`);
  return r.message;
};

/** A real FTS5 table, so every MATCH string the parser makes is run, not just looked at. */
const db = new DatabaseSync(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2')`);
const docs = ["the mayor said they're pleased", 'lodz and jorgensen in strasse', 'near the table column', 'new york deportation numbers', 'nothing here'];
docs.forEach((d, i) => db.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)').run(i + 1, fold(d)));
const rows = (q: string): number[] => {
  const { match } = toMatch(ok(q));
  if (!match) return [];
  return (db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(match) as { rowid: number }[]).map((r) => r.rowid);
};

describe('fold', () => {
  it('folds case, diacritics, special letters, quote and dash styles', () => {
    expect(fold('Łódź')).toBe('lodz');
    expect(fold('Jørgensen')).toBe('jorgensen');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('“they’re”')).toBe('"they\'re"');
    expect(fold('Æsop – Œuvre þing Đorđe')).toBe('aesop - oeuvre thing dorde');
    expect(fold('İstanbul ΟΔΟΣ')).toBe('istanbul οδοσ');
  });
});

describe('query language', () => {
  it('reads words, phrases, prefixes, exclusions and OR', () => {
    const q = ok('deport* "New York" -trump mayor OR council');
    expect(q.clauses.map((c) => [c.negated, c.any.map((t) => [t.tokens.join(' '), t.prefix])])).toEqual([
      [false, [['deport', true]]],
      [false, [['new york', false]]],
      [true, [['trump', false]]],
      [
        false,
        [
          ['mayor', false],
          ['council', false],
        ],
      ],
    ]);
    expect(toMatch(q).match).toBe('("deport" * AND "new york" AND ("mayor" OR "council")) NOT ("trump")');
  });

  it('runs each kind of term against FTS5', () => {
    expect(rows('mayor')).toEqual([1]);
    expect(rows('"they’re"')).toEqual([1]);
    expect(rows("they're")).toEqual([1]);
    expect(rows('LODZ')).toEqual([2]);
    expect(rows('Łódź Jørgensen Straße')).toEqual([2]);
    expect(rows('deport*')).toEqual([4]);
    expect(rows('"new york"')).toEqual([4]);
    expect(rows('"york new"')).toEqual([]);
    expect(rows('mayor OR lodz')).toEqual([1, 2]);
    expect(rows('the -mayor')).toEqual([3]);
  });

  it('reads filters, quoted values, comma lists and negated filters', () => {
    const q = ok('kind:quote,claim speaker:"Bill de Blasio" -tag:immigration verdict:false site:https://www.NYTimes.com/x lang:pt-BR has:claim');
    expect(q.filters).toEqual([
      { name: 'kind', negated: false, values: ['quote', 'claim'] },
      { name: 'speaker', negated: false, values: ['bill de blasio'] },
      { name: 'tag', negated: true, values: ['immigration'] },
      { name: 'verdict', negated: false, values: ['false'] },
      { name: 'site', negated: false, values: ['nytimes.com'] },
      { name: 'lang', negated: false, values: ['pt-br'] },
      { name: 'has', negated: false, values: ['claim'] },
    ]);
    expect(q.clauses).toEqual([]);
  });

  it('turns dates into half-open ranges', () => {
    const dates = (q: string) => ok(q).filters.map((f) => f.values);
    expect(dates('captured:2026-11')).toEqual([[{ op: '=', from: '2026-11', to: '2026-12' }]]);
    expect(dates('captured:2026-12')).toEqual([[{ op: '=', from: '2026-12', to: '2027-01' }]]);
    expect(dates('published:>2017-01-01')).toEqual([[{ op: '>', from: '2017-01-02', to: null }]]);
    expect(dates('published:<=2017')).toEqual([[{ op: '<=', from: null, to: '2018' }]]);
    expect(dates('published:<2016-02-29')).toEqual([[{ op: '<', from: null, to: '2016-02-29' }]]);
  });

  it('refuses malformed queries with messages a person can act on', () => {
    expect(message('"unclosed phrase here')).toBe('Unclosed quote after "unclosed phrase here": add the closing " or remove the opening one.');
    expect(message('foo:bar')).toMatch(
      /^Unknown filter "foo:" — filters are kind:, speaker:, tag:, verdict:, site:, lang:, collection:, captured:, published:, has:\./,
    );
    expect(message('captured:2017-13')).toMatch(/^Date must look like 2017, 2017-01 or 2017-01-31/);
    expect(message('published:>yesterday')).toMatch(/^Date must look like/);
    expect(message('captured:2017-02-30')).toMatch(/^Date must look like/);
    expect(message('kind:tweet')).toBe('Unknown kind "tweet" — kinds are quote, claim, figure, note.');
    expect(message('verdict:maybe')).toMatch(/^Unknown verdict "maybe"/);
    expect(message('kind:')).toBe('kind: needs a value, e.g. kind:quote.');
    expect(message('OR mayor')).toMatch(/^"OR" needs a word or phrase on each side/);
    expect(message('mayor OR')).toMatch(/^"OR" needs a word or phrase on each side/);
    expect(message('a OR OR b')).toMatch(/OR OR/);
    expect(message('a OR -b')).toMatch(/cannot join an excluded word/);
    expect(message('kind:quote OR kind:claim')).toMatch(/not filters: for either of two values write kind:a,b/);
    expect(message('x'.repeat(10_000))).toBe('The query is too long (10,000 characters; at most 2,000). Search for fewer words at a time.');
    expect(message(42)).toBe('The query must be text.');
    expect(message(Array.from({ length: 70 }, (_, i) => `w${i}`).join(' '))).toMatch(/^The query has 70 words/);
  });

  it('never lets FTS5 syntax or SQL through, and never throws', () => {
    const hostile = [
      '^mayor',
      'col:umn',
      'body:mayor',
      '(mayor',
      'mayor)',
      'NEAR(the table)',
      'near the',
      'a AND b',
      'NOT mayor',
      '*',
      '**mayor**',
      '-',
      '- -',
      '"',
      '""',
      '"*"',
      '" OR "',
      "'; DROP TABLE t; --",
      'x" OR 1=1 --',
      '\u0000\u0001mayor\u0007\u001b[31m',
      'may\u200bor',
      '\ud800 lone surrogate',
      '+mayor',
      'mayor^2',
      '{mayor}',
      'http://example.com/path',
      'a'.repeat(1999),
    ];
    for (const q of hostile) {
      const r = parseQuery(q);
      if (!r.ok) {
        expect(r.message.length).toBeGreaterThan(10);
        continue;
      }
      const { match, exclude } = toMatch(r.query);
      for (const m of [match, exclude]) if (m) expect(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(m)).not.toThrow();
    }
    expect(rows('NEAR(the table)')).toEqual([3]);
    expect(rows("'; DROP TABLE t; --")).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(docs.length);
  });

  it('drops what holds no words, and keeps lone dashes harmless', () => {
    expect(ok('mayor - council').clauses.map((c) => c.negated)).toEqual([false, false]);
    expect(ok('!!! ... ^^^').clauses).toEqual([]);
    expect(ok('').clauses).toEqual([]);
  });
});
