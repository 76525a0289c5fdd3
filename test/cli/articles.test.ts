/**
 * Managing the archive from the command line: rm, restore, trash (and emptying it, which asks
 * or needs --yes), meta (captured and corrected values, the history), collections, and the
 * list leaving the trash out.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../core/model/index.js';
import { glossa, glossaJson, tempDir } from './helpers.js';

const ARTICLES = {
  budget: 'Budget vote delayed\n\nThe council postponed the vote by 12 days, the clerk said.',
  ferry: 'Ferry fares rise\n\nFares rise by 5 percent in May.',
  library: 'Library hours\n\nThe library opens at 9 on Sundays.',
};

let L: string[];
let lib: string;
let id: Record<keyof typeof ARTICLES, string>;

beforeEach(async () => {
  lib = tempDir('articles');
  const work = tempDir('articles-in');
  L = ['--library', lib];
  const files = Object.entries(ARTICLES).map(([name, text]) => {
    const file = join(work, `${name}.txt`);
    writeFileSync(file, text);
    return file;
  });
  const { ids } = await glossaJson<{ ids: string[] }>(['import', ...files, ...L]);
  id = { budget: ids[0]!, ferry: ids[1]!, library: ids[2]! };
  await glossaJson(['annotate', id.budget, '--kind', 'figure', '--exact', '12 days', ...L]);
});

const listed = async (...extra: string[]) => (await glossaJson<SnapshotSummary[]>(['list', ...extra, ...L])).map((r) => r.id).sort();
const sorted = (...ids: string[]) => [...ids].sort();

describe('glossa rm, restore and trash', () => {
  it('moves articles to the trash, lists them there, brings one back, and refuses what cannot be done', async () => {
    const rm = await glossa(['rm', id.budget, id.ferry, ...L]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(rm.stdout).toContain('moved 2 articles to the trash');
    expect(await listed()).toEqual([id.library]);
    expect(await listed('--trash')).toEqual(sorted(id.budget, id.ferry));
    const trash = await glossaJson<SnapshotSummary[]>(['trash', ...L]);
    expect(trash.map((r) => r.id).sort()).toEqual(sorted(id.budget, id.ferry));
    const text = await glossa(['trash', ...L]);
    expect(text.stdout).toContain('Budget vote delayed');
    expect(text.stdout).not.toContain('Library hours');

    const again = await glossa(['rm', id.budget, '--json', ...L]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('INVALID_INPUT');
    expect((await glossa(['rm', 'no-such-article', ...L])).code).toBe(1);
    expect((await glossa(['rm', ...L])).code).toBe(2);
    const notInTrash = await glossa(['restore', id.library, ...L]);
    expect(notInTrash.code).toBe(1);
    expect(notInTrash.stderr).toContain('not in the trash');

    expect(await glossaJson(['restore', id.ferry, ...L])).toEqual({ ids: [id.ferry] });
    expect(await listed()).toEqual(sorted(id.ferry, id.library));
    expect(await listed('--trash')).toEqual([id.budget]);
  });

  it('empties the trash only when confirmed: --yes, or a yes typed at a terminal; says what goes and what was freed', async () => {
    await glossaJson(['rm', id.budget, ...L]);
    // No terminal and no --yes: refused, saying how to confirm; nothing goes.
    const refused = await glossa(['trash', '--empty', ...L]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('1 article and 1 annotation');
    expect(refused.stderr).toContain('--yes');
    expect(await listed('--trash')).toEqual([id.budget]);

    // At a terminal: the question states what goes; anything but yes keeps it.
    const questions: string[] = [];
    const no = await glossa(['trash', '--empty', ...L], { ask: async (q) => (questions.push(q), 'n') });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('Nothing was removed');
    expect(questions).toEqual([expect.stringContaining('Remove 1 article and 1 annotation for good?')]);
    const endOfInput = await glossa(['trash', '--empty', ...L], { ask: async () => null });
    expect(endOfInput.code).toBe(1);
    expect(await listed('--trash')).toEqual([id.budget]);

    const yes = await glossa(['trash', '--empty', ...L], { ask: async () => 'yes' });
    expect(yes.code, yes.stderr).toBe(0);
    // Its text and its page (a .txt keeps no other original) are used by no other article.
    expect(yes.stdout).toMatch(/^removed 1 article and 1 annotation for good; freed 2 stored bodies \(\d+ KB\)\n$/);
    expect(await listed('--trash')).toEqual([]);
    expect(await listed()).toEqual(sorted(id.ferry, id.library));
    expect(existsSync(join(lib, 'snapshots', id.budget))).toBe(false);
    expect((await glossa(['show', id.budget, ...L])).code).toBe(1);
    expect((await glossa(['verify', ...L])).code).toBe(0);

    await glossaJson(['rm', id.ferry, id.library, ...L]);
    const report = await glossaJson<{ removed: string[]; annotations: number; blobsFreed: number }>(['trash', '--empty', '--yes', ...L]);
    expect(report.removed.sort()).toEqual(sorted(id.ferry, id.library));
    expect(report.annotations).toBe(0);
    expect((await glossa(['trash', '--empty', '--yes', ...L])).stdout).toContain('The trash is empty; nothing was removed.');
    expect((await glossa(['trash', '--yes', ...L])).code).toBe(2);
  });
});

interface Details {
  captured: Record<string, unknown>;
  effective: Record<string, unknown>;
  record: { metaHistory: { field: string; from: unknown; to: unknown }[] } | null;
}

describe('glossa meta', () => {
  it('shows captured and corrected values; --set takes friendly and model names, --unset puts the captured value back', async () => {
    const before = await glossaJson<Details>(['meta', id.budget, ...L]);
    expect(before.captured).toMatchObject({ title: 'Budget vote delayed', sourceUrl: null, publishedAt: null, authors: [] });
    expect(before.record).toBeNull();

    const set = await glossaJson<Details>([
      'meta',
      id.budget,
      '--set',
      'url=https://news.example/budget',
      '--set',
      'published=2024-03-02',
      '--set',
      'authors=Lee, Ann; Chen, Bo',
      '--set',
      'outlet=City Courier',
      '--set',
      'title=Budget vote delayed by 12 days',
      ...L,
    ]);
    expect(set.effective).toMatchObject({
      sourceUrl: 'https://news.example/budget',
      publishedAt: '2024-03-02',
      authors: ['Lee, Ann', 'Chen, Bo'],
      siteName: 'City Courier',
      title: 'Budget vote delayed by 12 days',
    });
    // The captured values stay as they were.
    expect(set.captured).toEqual(before.captured);
    expect(set.record!.metaHistory.map((h) => h.field).sort()).toEqual(['authors', 'publishedAt', 'siteName', 'sourceUrl', 'title']);

    // Model names, and authors split on commas when there is no semicolon.
    const model = await glossaJson<Details>([
      'meta',
      id.budget,
      '--set',
      'siteName=The Courier',
      '--set',
      'authors=Ann Lee, Bo Chen',
      '--unset',
      'sourceUrl',
      ...L,
    ]);
    expect(model.effective).toMatchObject({ siteName: 'The Courier', authors: ['Ann Lee', 'Bo Chen'], sourceUrl: null });
    expect(model.record!.metaHistory.at(-1)).toMatchObject({ field: 'sourceUrl', from: 'https://news.example/budget', to: null });

    // The list shows the corrected title.
    const list = await glossa(['list', ...L]);
    expect(list.stdout).toContain('Budget vote delayed by 12 days');

    const text = await glossa(['meta', id.budget, ...L]);
    expect(text.stdout).toMatch(/outlet\s+—\s+The Courier/);
    expect(text.stdout).toContain('history:');
    expect(text.stdout).toContain('url: “https://news.example/budget” → (as captured)');
  });

  it('refuses bad values and names, changing nothing', async () => {
    const history = async () => (await glossaJson<Details>(['meta', id.ferry, ...L])).record?.metaHistory.length ?? 0;
    const badDate = await glossa(['meta', id.ferry, '--set', 'title=New title', '--set', 'published=2024-13-01', ...L]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('published date');
    const badUrl = await glossa(['meta', id.ferry, '--set', 'url=ftp://files.example/x', ...L]);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('source address');
    expect((await glossa(['meta', id.ferry, '--set', 'title=', ...L])).stderr).toContain('title cannot be empty');
    expect(await history()).toBe(0);
    expect((await glossaJson<Details>(['meta', id.ferry, ...L])).effective.title).toBe('Ferry fares rise');

    for (const args of [
      ['--set', 'colour=red'],
      ['--set', 'title'],
      ['--unset', 'colour'],
      ['--set', 'url=https://a.example/x', '--unset', 'sourceUrl'],
    ]) {
      const run = await glossa(['meta', id.ferry, ...args, ...L]);
      expect(run.code, args.join(' ')).toBe(2);
    }
    expect((await glossa(['meta', id.ferry, '--set', 'colour=red', ...L])).stderr).toContain('outlet (siteName)');
    expect((await glossa(['meta', 'no-such-article', ...L])).code).toBe(1);
  });
});

interface Tree {
  collections: { id: string; name: string; path: string; depth: number; articles: number }[];
  unfiled: number;
}

describe('glossa collection', () => {
  it('adds nested collections, files articles by name or path, counts them, pulls them out and deletes a collection', async () => {
    await glossaJson(['collection', 'add', 'Project', ...L]);
    const interviews = await glossaJson<{ id: string; path: string }>(['collection', 'add', 'Interviews', '--parent', 'Project', ...L]);
    expect(interviews.path).toBe('Project ▸ Interviews');
    const loose = await glossaJson<{ id: string }>(['collection', 'add', 'Interviews', ...L]);

    // Two collections are named Interviews: the name alone is refused, the path or id is not.
    const ambiguous = await glossa(['collection', 'put', 'Interviews', id.budget, ...L]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('Project ▸ Interviews');
    expect((await glossa(['collection', 'put', 'Project/Interviews', id.budget, id.ferry, ...L])).code).toBe(0);
    await glossaJson(['collection', 'put', loose.id, id.library, ...L]);
    await glossaJson(['collection', 'put', 'project', id.library, ...L]);

    const tree = await glossaJson<Tree>(['collection', 'ls', ...L]);
    expect(tree.collections.map((c) => [c.path, c.depth, c.articles])).toEqual([
      ['Interviews', 0, 1],
      ['Project', 0, 1],
      ['Project ▸ Interviews', 1, 2],
    ]);
    expect(tree.unfiled).toBe(0);
    // A collection holds what is filed under it too.
    expect(await listed('--collection', 'Project')).toEqual(sorted(id.budget, id.ferry, id.library));
    expect(await listed('--collection', 'Project/Interviews')).toEqual(sorted(id.budget, id.ferry));

    await glossaJson(['collection', 'pull', 'Project ▸ Interviews', id.ferry, ...L]);
    await glossaJson(['rm', id.budget, ...L]);
    const after = await glossaJson<Tree>(['collection', 'ls', ...L]);
    // The trash is not counted.
    expect(after.collections.find((c) => c.id === interviews.id)!.articles).toBe(0);
    expect(after.unfiled).toBe(1);
    expect(await listed('--collection', 'Project/Interviews')).toEqual([]);
    const text = await glossa(['collection', 'ls', ...L]);
    expect(text.stdout).toContain(`  Interviews  (0 articles)  ${interviews.id}`);
    expect(text.stdout).toContain('1 article in no collection');

    // Deleting Project would put two collections named Interviews side by side: refused, nothing changes.
    const clash = await glossa(['collection', 'rm', 'Project', ...L]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('already a collection named “Interviews”');
    expect((await glossaJson<Tree>(['collection', 'ls', ...L])).collections).toHaveLength(3);
    // Once the other one is gone, Project's sub-collection moves up; Project's article stays in the library.
    expect((await glossa(['collection', 'rm', loose.id, ...L])).stdout).toContain('deleted collection “Interviews”; its 1 article stay in the library');
    const gone = await glossa(['collection', 'rm', 'Project', ...L]);
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toContain('deleted collection “Project”; its 1 article stay in the library');
    const last = await glossaJson<Tree>(['collection', 'ls', ...L]);
    expect(last.collections.map((c) => [c.id, c.path, c.depth])).toEqual([[interviews.id, 'Interviews', 0]]);
    expect(await listed()).toEqual(sorted(id.ferry, id.library));
  });

  it('refuses unknown collections, parents and names, writing nothing', async () => {
    expect((await glossa(['collection', 'put', 'Nowhere', id.budget, ...L])).stderr).toContain('There is no collection named “Nowhere”');
    expect((await glossa(['collection', 'add', 'Child', '--parent', 'Nowhere', ...L])).code).toBe(1);
    expect((await glossa(['collection', 'add', '   ', ...L])).code).toBe(1);
    expect((await glossa(['collection', 'rm', 'Nowhere', ...L])).code).toBe(1);
    expect((await glossa(['list', '--collection', 'Nowhere', ...L])).code).toBe(1);
    await glossaJson(['collection', 'add', 'Project', ...L]);
    expect((await glossa(['collection', 'put', 'Project', 'no-such-article', ...L])).code).toBe(1);
    expect(await glossaJson<Tree>(['collection', 'ls', ...L])).toMatchObject({ collections: [{ name: 'Project', articles: 0 }], unfiled: 3 });
  });
});
