/**
 * Facet counts of searches with words come from facet numbers kept in memory per connection
 * (engine.ts FacetCodes). After writes that reuse rowids (the newest article's annotations are
 * rewritten in place) and after another connection's write, they must equal a fresh index's.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../../../core/search/engine.js';
import { openLibrary } from '../../../core/store/index.js';
import { addSnapshot, cleanTemp, tempDir } from '../bundle/library.js';
import { annotate, openEngine, speaker, tag } from './helpers.js';

const TEXT_OLD = ['Council budget', 'The council passed the budget after the mayor spoke.'].join('\n');
const TEXT_NEW = ['Budget row', 'The mayor said the budget is a disgrace, and the council agreed.'].join('\n');

afterAll(cleanTemp);

const counted = (e: SearchEngine, query: string) => {
  const r = e.search({ query, limit: 0 });
  if (!r.ok) throw new Error(r.message);
  return { articles: r.articles.total, annotations: r.annotations.total, facets: r.facets };
};

describe('facet counts of searches with words', () => {
  it('follow writes that rewrite rows in place, and writes by another connection', async () => {
    const dir = await tempDir('glossa-search-facets-');
    const lib = await openLibrary(join(dir, 'library'));
    await lib.saveCodebook([tag('t-a', 'Alpha'), tag('t-b', 'Beta')]);
    await lib.saveSpeakers([speaker('s-m', 'Maria Lopez')]);
    const old = await addSnapshot(lib, { text: TEXT_OLD, title: 'Council budget', capturedAt: '2024-01-01T00:00:00.000Z' });
    const recent = await addSnapshot(lib, { text: TEXT_NEW, title: 'Budget row', capturedAt: '2025-01-01T00:00:00.000Z' });
    await lib.putAnnotations(old.id, [annotate(old.id, TEXT_OLD, 'The council passed the budget', 'note', { tags: ['t-a'] })]);
    const quote = annotate(recent.id, TEXT_NEW, 'the budget is a disgrace', 'quote', { fields: { speaker: 'Maria Lopez' }, tags: ['t-a'] });
    await lib.putAnnotations(recent.id, [quote]);

    const file = join(dir, 'index.sqlite');
    const engine = openEngine(lib, file);
    const follow = lib.onChange((c) =>
      engine.apply({
        snapshots: c.snapshots,
        generation: c.generation,
        ...(c.codebook || c.speakers ? { registries: { codebook: lib.listCodebook(), speakers: lib.listSpeakers() } } : {}),
      }),
    );
    const before = counted(engine, 'budget');
    expect(before.facets!.tag.map((v) => [v.label, v.count])).toEqual([['Alpha', 2]]);
    expect(before.facets!.kind.map((v) => [v.value, v.count])).toEqual([
      ['note', 1],
      ['quote', 1],
    ]);

    // The newest article's annotation becomes a claim tagged Beta: its row is written again at the same rowid.
    await lib.putAnnotation({
      ...quote,
      kind: 'claim',
      fields: { claimant: 'Maria Lopez', verdict: 'false' },
      tags: ['t-b'],
      updatedAt: '2025-02-01T00:00:00.000Z',
    });
    const after = counted(engine, 'budget');
    expect(after.facets!.tag.map((v) => [v.label, v.count])).toEqual([
      ['Alpha', 1],
      ['Beta', 1],
    ]);
    expect(after.facets!.kind.map((v) => [v.value, v.count])).toEqual([
      ['claim', 1],
      ['note', 1],
    ]);
    expect(after.facets!.verdict.map((v) => [v.value, v.count])).toEqual([['false', 1]]);
    expect(after.facets!.speaker).toEqual([]);
    const fresh = openEngine(lib, join(dir, 'fresh.sqlite'));
    const queries = [
      'budget',
      'mayor OR council',
      'disgrace kind:claim',
      'budg*',
      'budget captured:>2024-06',
      'council -captured:2025 has:note',
      '"the budget" has:claim',
    ];
    for (const q of queries) expect(counted(engine, q)).toEqual(counted(fresh, q));
    // Article filters beside words keep the hits of the articles they pass, and only those.
    expect(counted(engine, 'budget captured:>2024-06')).toMatchObject({ articles: 1, annotations: 1, facets: { kind: [{ value: 'claim', count: 1 }] } });
    expect(counted(engine, 'council -captured:2025 has:note')).toMatchObject({ articles: 1, annotations: 1, facets: { kind: [{ value: 'note', count: 1 }] } });

    // Another connection to the same file rewrites that row in place again (a quote once more, both
    // tags): the first connection, which did not write it, sees it.
    follow();
    const other = openEngine(lib, file);
    const followOther = lib.onChange((c) => other.apply({ snapshots: c.snapshots, generation: c.generation }));
    await lib.putAnnotation({ ...quote, tags: ['t-a', 't-b'], updatedAt: '2025-03-01T00:00:00.000Z' });
    followOther();
    const third = openEngine(lib, join(dir, 'third.sqlite'));
    for (const q of ['budget', 'disgrace', 'budg* -council']) expect(counted(engine, q)).toEqual(counted(third, q));
    expect(counted(engine, 'disgrace').facets!.speaker.map((v) => [v.label, v.count])).toEqual([['Maria Lopez', 1]]);
    for (const e of [engine, other, fresh, third]) e.close();
    await lib.close();
  });
});
