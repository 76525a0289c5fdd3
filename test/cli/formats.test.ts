/**
 * `glossa export --format …` for every open format, and `glossa import-bundle` taking them
 * back: a REFI-QDA project into an empty library, W3C JSON-LD onto the same article elsewhere.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/index.js';
import { glossa, glossaJson, tempDir } from './helpers.js';

const ARTICLE = [
  'Council Votes to Expand Night Bus Service',
  '',
  'The city council voted 9 to 2 on Tuesday to add 14 night bus routes, the transit authority said.',
  '',
  '“Nobody should have to choose between a late shift and a safe ride home,” said council member Ana Ruiz.',
].join('\n');

describe('open formats from the command line', () => {
  const lib = tempDir('formats');
  const out = tempDir('formats-out');
  const L = ['--library', lib];
  let id = '';

  beforeAll(async () => {
    const file = join(out, 'bus.txt');
    writeFileSync(file, ARTICLE);
    id = (await glossaJson<{ ids: string[] }>(['import', file, ...L])).ids[0]!;
    await glossaJson(['annotate', id, '--kind', 'figure', '--exact', '14 night bus routes', '--field', 'value=14', '--field', 'unit=routes', ...L]);
    await glossaJson([
      'annotate',
      id,
      '--kind',
      'quote',
      '--exact',
      '“Nobody should have to choose between a late shift and a safe ride home,”',
      '--field',
      'speaker=Ana Ruiz',
      ...L,
    ]);
    await glossaJson([
      'annotate',
      id,
      '--kind',
      'claim',
      '--exact',
      'voted 9 to 2',
      '--field',
      'verdict=supported',
      '--field',
      'claimant=transit authority',
      ...L,
    ]);
  });

  it('writes every format', async () => {
    for (const format of ['glossa', 'jsonld', 'csv', 'qdpx', 'md', 'csl', 'claimreview']) {
      const file = join(out, `all.${format}`);
      const run = await glossa(['export', file, '--format', format, ...L]);
      expect(run.code, `${format}: ${run.stderr}`).toBe(0);
    }
    expect(readFileSync(join(out, 'all.md'), 'utf8')).toContain('> 14 night bus routes');
    expect(JSON.parse(readFileSync(join(out, 'all.csl'), 'utf8'))[0].title).toBe('Council Votes to Expand Night Bus Service');
    expect(JSON.parse(readFileSync(join(out, 'all.claimreview'), 'utf8'))[0].reviewRating.alternateName).toBe('Supported');
    expect(readFileSync(join(out, 'all.jsonld'), 'utf8')).toContain('"TextQuoteSelector"');
    const bom = await glossa(['export', join(out, 'bom.csv'), '--format', 'csv', '--bom', ...L]);
    expect(bom.code).toBe(0);
    expect([...readFileSync(join(out, 'bom.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const bad = await glossa(['export', join(out, 'x.doc'), '--format', 'docx', ...L]);
    expect(bad.code).toBe(2);
  });

  it('a REFI-QDA project comes back into an empty library with its annotations', async () => {
    const fresh = tempDir('formats-qdpx');
    const run = await glossaJson<{ snapshotsAdded: number; annotationsAdded: number }>(['import-bundle', join(out, 'all.qdpx'), '--library', fresh]);
    expect(run).toMatchObject({ snapshotsAdded: 1, annotationsAdded: 3 });
    const [row] = await glossaJson<{ id: string }[]>(['list', '--library', fresh]);
    const annotations = await glossaJson<Annotation[]>(['annotations', row!.id, '--library', fresh]);
    expect(annotations.map((a) => [a.kind, a.target.quote.exact]).sort()).toEqual([
      ['claim', 'voted 9 to 2'],
      ['figure', '14 night bus routes'],
      ['quote', '“Nobody should have to choose between a late shift and a safe ride home,”'],
    ]);
  });

  it('W3C JSON-LD lands on the same article in another library; twice changes nothing', async () => {
    const other = tempDir('formats-w3c');
    const file = join(out, 'bus.txt');
    const [otherId] = (await glossaJson<{ ids: string[] }>(['import', file, '--library', other])).ids;
    const first = await glossaJson<{ annotationsAdded: number; unmatched: unknown[] }>(['import-bundle', join(out, 'all.jsonld'), '--library', other]);
    expect(first).toMatchObject({ annotationsAdded: 3, unmatched: [] });
    const again = await glossaJson<{ annotationsAdded: number; annotationsSkipped: number }>(['import-bundle', join(out, 'all.jsonld'), '--library', other]);
    expect(again).toMatchObject({ annotationsAdded: 0, annotationsSkipped: 3 });
    expect(await glossaJson<Annotation[]>(['annotations', otherId!, '--library', other])).toHaveLength(3);
  });

  it('refuses a file that is neither, with a message', async () => {
    const junk = join(out, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    const run = await glossa(['import-bundle', junk, ...L]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/neither W3C Web Annotation JSON .* nor a Hypothesis API response/);
  });
});
