/**
 * glossa.json's rows are checked by hand when they look exactly as written (zod over 10,000
 * rows costs tens of milliseconds at every open). The hand check must never accept what zod
 * refuses, nor give a different result: every row below goes through validateIndex and
 * through the schema, and both must agree.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../core/store/index.js';
import { IndexFile, validateIndex } from '../../../core/store/index-file.js';
import { failure } from './helpers/expect-error.js';
import { makeSnapshot, removeDir, tempDir } from './helpers/fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

const row = () => ({
  id: '01a25168-de86-73a9-9dc1-81a8279f6407',
  title: 'Ferry fares rise',
  siteName: 'Example News',
  sourceUrl: 'https://news.example/1',
  sourceFile: null,
  capturedAt: '2024-01-01T00:00:00.000Z',
  captureMethod: 'url',
  wordCount: 23,
  textHash: 'd13d4bd106a261e0d948f11ed4bc377ffac9886dd1648485a8f9f8ececd21be9',
  previousVersionId: null,
  counts: { quote: 1, claim: 0, figure: 2, note: 0 },
});

const index = (rows: unknown[]) => ({
  schemaVersion: 1,
  snapshots: rows,
  codebook: [],
  speakers: [],
  settings: {},
  countsClock: 1796662240344.455,
  countsPending: [],
  generation: 'abc:3',
});

type Row = Record<string, unknown>;
const variants: [string, (r: Row) => unknown][] = [
  ['as written', (r) => r],
  ['title null', (r) => ({ ...r, title: null })],
  ['id empty', (r) => ({ ...r, id: '' })],
  ['id a number', (r) => ({ ...r, id: 7 })],
  ['siteName missing (defaults to null)', ({ siteName: _, ...r }) => r],
  ['sourceUrl a number', (r) => ({ ...r, sourceUrl: 5 })],
  ['an extra key (dropped by the schema)', (r) => ({ ...r, colour: 'red' })],
  ['a __proto__ key', (r) => JSON.parse(JSON.stringify(r).replace('{', '{"__proto__":{"polluted":1},'))],
  ['captureMethod unknown', (r) => ({ ...r, captureMethod: 'telepathy' })],
  ['wordCount negative', (r) => ({ ...r, wordCount: -1 })],
  ['wordCount fractional', (r) => ({ ...r, wordCount: 2.5 })],
  ['wordCount a string', (r) => ({ ...r, wordCount: '23' })],
  ['wordCount huge', (r) => ({ ...r, wordCount: 2 ** 60 })],
  ['textHash upper case', (r) => ({ ...r, textHash: (r.textHash as string).toUpperCase() })],
  ['textHash short', (r) => ({ ...r, textHash: 'abc' })],
  ['textHash with a newline after it', (r) => ({ ...r, textHash: `${r.textHash as string}\n` })],
  ['previousVersionId a number', (r) => ({ ...r, previousVersionId: 1 })],
  ['counts missing', ({ counts: _, ...r }) => r],
  ['counts null', (r) => ({ ...r, counts: null })],
  ['counts an array', (r) => ({ ...r, counts: [1, 0, 2, 0] })],
  ['counts missing a kind', (r) => ({ ...r, counts: { quote: 1, claim: 0, figure: 2 } })],
  ['counts with an extra kind', (r) => ({ ...r, counts: { ...(r.counts as object), chart: 1 } })],
  ['a count a string', (r) => ({ ...r, counts: { ...(r.counts as object), note: '0' } })],
  ['the row null', () => null],
  ['the row an array', (r) => Object.values(r)],
  ['the row a string', () => 'row'],
];

const outcome = (run: () => unknown) => {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    return { ok: false, error: (e as Error).name };
  }
};

describe('validateIndex', () => {
  for (const [what, change] of variants) {
    it(`agrees with the schema on a row with ${what}`, () => {
      const data = index([row(), change(row()), row()]);
      const expected = outcome(() => IndexFile.parse(structuredClone(data)));
      expect(outcome(() => validateIndex('glossa.json')(structuredClone(data)))).toEqual(expected);
    });
  }

  it('checks the fields around the rows even when every row is as written', () => {
    expect(() => validateIndex('glossa.json')({ ...index([row()]), countsPending: 'all' })).toThrow();
    expect(() => validateIndex('glossa.json')({ ...index([row()]), schemaVersion: 0 })).toThrow();
    // Unknown keys of a later version survive, and defaults are filled in.
    const { codebook: _, ...rest } = index([row()]);
    const read = validateIndex('glossa.json')({ ...rest, future: { x: 1 } });
    expect(read).toMatchObject({ future: { x: 1 }, codebook: [], snapshots: [row()] });
  });

  it('a damaged row among thousands → LIBRARY_CORRUPT naming the row and field, file unchanged', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const lib = await openLibrary(dir);
    await lib.addSnapshot(await makeSnapshot(lib, 1));
    await lib.close();
    const file = join(dir, 'glossa.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as { snapshots: Row[] };
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => ({ ...data.snapshots[0]!, id: `${i}` }));
    rows[2345]!.counts = { quote: 1, claim: 0, figure: 'two', note: 0 };
    const bytes = JSON.stringify({ ...data, snapshots: rows });
    await writeFile(file, bytes);

    const error = await failure(openLibrary(dir));
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toContain('snapshots.2345.counts.figure');
    expect(await readFile(file, 'utf8')).toBe(bytes);
  });
});
