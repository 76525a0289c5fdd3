/**
 * The index follows the library: random sequences of store writes (create, edit, delete,
 * restore annotations; new snapshots; codebook and speaker edits; bundle imports that keep
 * conflicting versions; conflict resolution) leave the incrementally updated index equal,
 * table for table, to one rebuilt from the files.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../core/bundle/index.js';
import type { Annotation } from '../../../core/model/index.js';
import { SearchEngine } from '../../../core/search/engine.js';
import { FolderSource } from '../../../core/search/source.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { addSnapshot, cleanTemp, tempDir } from '../bundle/library.js';
import { annotate, openEngine, speaker, tag } from './helpers.js';

/** mulberry32: small, seeded, good enough to pick operations. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['Łódź', 'mayor', 'Jørgensen', 'budget', 'Straße', 'police', 'they’re', 'deportation', 'council', 'figures', 'naïve', 'ICE'];
const textOf = (n: number, r: () => number) =>
  [`Report ${n}`, Array.from({ length: 30 }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ') + '.', `The end of report ${n}.`].join('\n');

afterAll(cleanTemp);

async function sequence(seed: number): Promise<void> {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const dir = await tempDir('glossa-search-prop-');
  const libDir = join(dir, 'library');
  const lib = await openLibrary(libDir);
  const file = join(dir, 'incremental.sqlite');
  let engine = openEngine(lib, file);
  const follow = (l: LibraryStore) =>
    l.onChange((c) =>
      engine.apply({
        snapshots: c.snapshots,
        generation: c.generation,
        ...(c.codebook || c.speakers ? { registries: { codebook: l.listCodebook(), speakers: l.listSpeakers() } } : {}),
      }),
    );
  let unsubscribe = follow(lib);
  const texts = new Map<string, string>();
  const newSnapshot = async (l: LibraryStore, n: number) => {
    const text = textOf(n, r);
    const s = await addSnapshot(l, { text, title: `Report ${n} ${pick(WORDS)}`, capturedAt: new Date(Date.UTC(2020 + (n % 6), n % 12, 1)).toISOString() });
    texts.set(s.id, text);
    return s.id;
  };
  for (let n = 0; n < 3; n++) await newSnapshot(lib, n);
  await lib.saveCodebook([tag('a', 'Alpha'), tag('b', 'Beta', 'a')]);
  await lib.saveSpeakers([speaker('s1', 'Bill de Blasio', ['de Blasio'])]);

  let n = 3;
  const live = async (l: LibraryStore) => (await Promise.all(l.listSnapshots().map((s) => l.listAnnotations(s.id, { includeDeleted: true })))).flat();
  for (let step = 0; step < 40; step++) {
    // A search with words now and then: its facet numbers are then kept current by each write.
    if (step % 4 === 1) expect(engine.search({ query: pick(WORDS) }).ok).toBe(true);
    const all = await live(lib);
    const op = r();
    if (op < 0.3 || all.length === 0) {
      seen.add('create');
      const sid = pick(lib.listSnapshots()).id;
      const text = texts.get(sid)!;
      await lib.putAnnotation(
        annotate(sid, text, pick(WORDS.filter((w) => text.includes(w)).concat(`Report`)), pick(['quote', 'claim', 'figure', 'note'] as const), {
          fields: r() < 0.5 ? { speaker: pick(['de Blasio', 'Bill de Blasio', 'ICE', 'Jørgensen']) } : { verdict: pick(['false', 'supported']) },
          tags: r() < 0.5 ? [pick(['a', 'b'])] : [],
          comment: `${pick(WORDS)} ${step}`,
        }),
      );
    } else if (op < 0.5) {
      seen.add('edit');
      const a = pick(all);
      await lib.putAnnotation({
        ...a,
        comment: `edited ${pick(WORDS)}`,
        tags: r() < 0.5 ? ['a', 'b'] : [],
        updatedAt: new Date(Date.UTC(2025, 0, 1, 0, step)).toISOString(),
      });
    } else if (op < 0.62) {
      seen.add('delete');
      const a = pick(all.filter((x) => !x.deletedAt).concat(all.slice(0, 1)));
      await lib.putAnnotation({ ...a, deletedAt: '2025-02-01T00:00:00.000Z', updatedAt: new Date(Date.UTC(2025, 1, 1, 0, step)).toISOString() });
    } else if (op < 0.72) {
      seen.add('restore');
      const gone = all.filter((x) => x.deletedAt);
      if (gone.length) await lib.putAnnotation({ ...pick(gone), deletedAt: null, updatedAt: new Date(Date.UTC(2025, 2, 1, 0, step)).toISOString() });
    } else if (op < 0.8) {
      seen.add('snapshot');
      await newSnapshot(lib, n++);
    } else if (op < 0.86) {
      seen.add('codebook');
      await lib.saveCodebook([tag('a', `${pick(['Alpha', 'Łódź tag', 'Gamma'])} ${step}`), tag('b', 'Beta', 'a'), ...(r() < 0.5 ? [tag('c', 'Gamma')] : [])]);
    } else if (op < 0.9) {
      seen.add('speakers');
      await lib.saveSpeakers([speaker('s1', 'Bill de Blasio', r() < 0.5 ? ['de Blasio'] : [])]);
    } else {
      seen.add('bundle');
      // A bundle from another library that edited the same annotations: the import keeps conflicts.
      const other = join(dir, `other-${step}`);
      const bundle = join(dir, `b-${step}.glossa`);
      const mine = join(dir, `m-${step}.glossa`);
      unsubscribe();
      await lib.close();
      const reopened = await openLibrary(libDir);
      await exportBundle(reopened, mine);
      await reopened.close();
      const o = await openLibrary(other);
      await importBundle(o, mine);
      for (const a of (await live(o)).slice(0, 3))
        await o.putAnnotation({ ...a, comment: `other side ${step}`, updatedAt: new Date(Date.UTC(2025, 3, 1, 0, step)).toISOString() });
      await newSnapshot(o, n++);
      await exportBundle(o, bundle);
      await o.close();
      // The old handle is closed; the sequence ends on a new one.
      current = await openLibrary(libDir);
      engine.close();
      engine = openEngine(current, file);
      unsubscribe = follow(current);
      for (const a of (await live(current)).slice(0, 3))
        await current.putAnnotation({ ...a, comment: `this side ${step}`, updatedAt: new Date(Date.UTC(2025, 3, 1, 1, step)).toISOString() });
      await importBundle(current, bundle);
      const conflicts = await current.listConflicts();
      if (conflicts.length) {
        seen.add('conflict');
        const c = conflicts[0]!;
        await current.resolveConflict(c.snapshotId, c.annotationId, { ...c.others[0]!, updatedAt: '2026-01-01T00:00:00.000Z' } as Annotation);
      }
      break;
    }
  }
  const l = current ?? lib;
  // Renaming tags changes the text of every annotation carrying them, in no snapshot's file.
  await l.saveCodebook(l.listCodebook().map((t) => ({ ...t, name: `${t.name} renamed` })));
  const fresh = SearchEngine.open({
    file: join(dir, 'fresh.sqlite'),
    source: new FolderSource(l.dir),
    registries: { codebook: l.listCodebook(), speakers: l.listSpeakers() },
    generation: l.generation,
  });
  expect(engine.dump()).toEqual(fresh.dump());
  expect(engine.dump().articles).toHaveLength(l.listSnapshots().length);
  // Totals and facet counts of searches with words come from the facet numbers in memory.
  const counted = (e: SearchEngine, query: string) => {
    const res = e.search({ query, limit: 0 });
    if (!res.ok) throw new Error(res.message);
    return { query, articles: res.articles.total, annotations: res.annotations.total, facets: res.facets };
  };
  for (const query of [...WORDS, 'report', 'budget OR police kind:quote', 'rep* -mayor', 'edited', 'tag:beta'])
    expect(counted(engine, query)).toEqual(counted(fresh, query));
  fresh.close();
  // Closed cleanly, the library's stamp still matches the index: no rebuild on the next open.
  unsubscribe();
  await l.close();
  engine.close();
  const again = await openLibrary(libDir);
  const reopened = openEngine(again, file);
  expect(reopened.opened).toBe('fresh');
  reopened.close();
  await again.close();
  current = null;
}
let current: LibraryStore | null = null;
const seen = new Set<string>();

describe('the index follows every write of the store', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: incremental index equals a rebuild`, () => sequence(seed), 30_000);
  }
  it('the seeds exercised every kind of write', () => {
    expect([...seen].sort()).toEqual(['bundle', 'codebook', 'conflict', 'create', 'delete', 'edit', 'restore', 'snapshot', 'speakers']);
  });
});
