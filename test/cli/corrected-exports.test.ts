/**
 * Every export cites an article as the researcher corrected it: a .txt article given its
 * source address, date, authors and outlet with `glossa meta --set` shows them in the
 * Markdown report, CSL-JSON, W3C JSON-LD, CSV, REFI-QDA and ClaimReview. Exports of the whole
 * library leave the trash out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { readQdpx } from '../../core/qda/index.js';
import { glossa, glossaJson, tempDir } from './helpers.js';

const STORY = 'Council votes on night buses\n\nThe city council voted 9 to 2 on Tuesday to add 14 night bus routes.';
const OTHER = 'Ferry fares rise\n\nFares rise by 5 percent in May, the operator said.';
const URL = 'https://courier.example/2017/05/night-buses';

describe('exports use the corrected metadata', () => {
  const lib = tempDir('corrected');
  const out = tempDir('corrected-out');
  const L = ['--library', lib];
  let id = '';
  let other = '';

  beforeAll(async () => {
    writeFileSync(join(out, 'buses.txt'), STORY);
    writeFileSync(join(out, 'ferry.txt'), OTHER);
    [id, other] = (await glossaJson<{ ids: string[] }>(['import', join(out, 'buses.txt'), join(out, 'ferry.txt'), ...L])).ids as [string, string];
    await glossaJson(['annotate', id, '--kind', 'claim', '--exact', 'voted 9 to 2', '--field', 'verdict=supported', ...L]);
    await glossaJson(['annotate', other, '--kind', 'figure', '--exact', '5 percent', ...L]);
    // Before the correction the article knows only its file name.
    expect((await glossaJson<{ effective: { sourceUrl: string | null } }>(['meta', id, ...L])).effective.sourceUrl).toBeNull();
    await glossaJson([
      'meta',
      id,
      '--set',
      `url=${URL}`,
      '--set',
      'published=2017-05-09',
      '--set',
      'authors=Ruiz, Ana; Okafor, Ben',
      '--set',
      'outlet=The Courier',
      '--set',
      'title=Council adds 14 night bus routes',
      ...L,
    ]);
    // The ferry article goes to the trash: whole-library exports leave it out.
    await glossaJson(['rm', other, ...L]);
  });

  const exported = async (format: string, ...extra: string[]) => {
    const file = join(out, `${format}-${extra.length}.${format}`);
    const run = await glossa(['export', file, '--format', format, ...extra, ...L]);
    expect(run.code, run.stderr).toBe(0);
    return file;
  };

  it('Markdown report: the corrected title, authors, outlet, date and address', async () => {
    const md = readFileSync(await exported('md'), 'utf8');
    expect(md).toContain('# Council adds 14 night bus routes');
    expect(md).toContain(URL);
    // "Family, Given" as typed is cited family name first.
    expect(md).toContain('Ruiz, A., Okafor, B. (2017-05-09). *Council adds 14 night bus routes*. The Courier.');
    expect(md).not.toContain('Council votes on night buses');
    expect(md).not.toContain('Ferry fares rise');
  });

  it('CSL-JSON: the corrected item, and nothing from the trash', async () => {
    const items = JSON.parse(readFileSync(await exported('csl'), 'utf8')) as Record<string, unknown>[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      title: 'Council adds 14 night bus routes',
      URL,
      'container-title': 'The Courier',
      issued: { 'date-parts': [[2017, 5, 9]] },
      type: 'article-newspaper',
    });
    expect(items[0]!.author).toEqual([
      { family: 'Ruiz', given: 'Ana' },
      { family: 'Okafor', given: 'Ben' },
    ]);
  });

  it('W3C JSON-LD and CSV: the corrected address and title', async () => {
    const ld = JSON.parse(readFileSync(await exported('jsonld'), 'utf8')) as {
      label: string;
      total: number;
      first: { items: { target: { scope?: string } }[] };
    };
    expect(ld.total).toBe(1);
    expect(ld.label).toBe('Glossa annotations: Council adds 14 night bus routes');
    expect(ld.first.items[0]!.target.scope).toBe(URL);
    const rows = parse(readFileSync(await exported('csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.snapshotId, r.snapshotTitle])).toEqual([[id, 'Council adds 14 night bus routes']]);

    // `glossa annotations` writes the same formats for one article.
    const one = await glossa(['annotations', id, '--format', 'jsonld', ...L]);
    expect(JSON.parse(one.stdout).first.items[0].target.scope).toBe(URL);
    const csv = await glossa(['annotations', id, '--format', 'csv', ...L]);
    expect(csv.stdout).toContain('Council adds 14 night bus routes');
  });

  it('REFI-QDA and ClaimReview: the corrected source', async () => {
    const project = await readQdpx(await exported('qdpx'));
    expect(project.snapshots).toHaveLength(1);
    expect(project.snapshots[0]).toMatchObject({
      title: 'Council adds 14 night bus routes',
      sourceUrl: URL,
      publishedAt: '2017-05-09',
      siteName: 'The Courier',
    });
    const reviews = JSON.parse(readFileSync(await exported('claimreview'), 'utf8')) as unknown;
    const text = JSON.stringify(reviews);
    expect(text).toContain(URL);
    expect(text).toContain('"datePublished":"2017-05-09"');
    expect(text).toContain('The Courier');
  });

  it('an article named by id is exported even from the trash; a filter finds nothing there', async () => {
    const items = JSON.parse(readFileSync(await exported('csl', other), 'utf8')) as { title: string }[];
    expect(items.map((i) => i.title)).toEqual(['Ferry fares rise']);
    const onlyTrash = await glossa(['export', join(out, 'figures.md'), '--format', 'md', '--kind', 'figure', ...L]);
    expect(onlyTrash.code).toBe(1);
    expect(onlyTrash.stderr).toContain('Nothing to export');
    // A filter's export is cited as corrected too.
    const claims = readFileSync(await exported('md', '--kind', 'claim'), 'utf8');
    expect(claims).toContain(`# Council adds 14 night bus routes`);
    expect(claims).toContain(URL);
  });
});
