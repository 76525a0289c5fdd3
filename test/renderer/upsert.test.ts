/**
 * The reader's list update (renderer/features/annotate/annotationList.ts): a change replaces the
 * annotation with the same id where text order puts it, a delete drops it, and the list is
 * never re-sorted as a whole or changed when there is nothing to change.
 */
import { describe, expect, it } from 'vitest';
import { blankAnnotation } from '../../core/common/annotation.js';
import type { Annotation, AnnotationKind } from '../../core/model/index.js';
import { makeTarget } from '../../core/text/selectors.js';
import { textOrder, upsert, without } from '../../renderer/features/annotate/annotationList';

const TEXT = 'The mayor said the bridge would reopen in May, at a cost of 3.4 million.';
const at = (id: string, start: number, end: number, stamp = '2026-01-01T00:00:00.000Z', kind: AnnotationKind = 'quote'): Annotation =>
  blankAnnotation(id, 'snap', kind, makeTarget(TEXT, start, end), stamp);
const ids = (list: readonly Annotation[]) => list.map((a) => a.id);

describe('upsert', () => {
  const list = [at('a', 0, 9), at('b', 4, 20), at('c', 15, 30), at('d', 40, 50)];

  it('puts a new annotation where text order puts it (after equal ones), leaving the input alone', () => {
    const before = ids(list);
    expect(ids(upsert(list, at('n', 10, 12)))).toEqual(['a', 'b', 'n', 'c', 'd']);
    expect(ids(upsert(list, at('n', 0, 5)))).toEqual(['n', 'a', 'b', 'c', 'd']);
    expect(ids(upsert(list, at('n', 60, 70)))).toEqual(['a', 'b', 'c', 'd', 'n']);
    // Same span and same stamp as b: after it, as a stable sort would put it.
    expect(ids(upsert(list, at('n', 4, 20)))).toEqual(['a', 'b', 'n', 'c', 'd']);
    expect(ids(upsert([], at('n', 1, 2)))).toEqual(['n']);
    expect(ids(list)).toEqual(before);
  });

  it('replaces the annotation with the same id (the stored record for the one shown), moving it when its span moved', () => {
    const stored = { ...at('b', 4, 20), comment: 'saved' };
    const out = upsert(list, stored);
    expect(ids(out)).toEqual(['a', 'b', 'c', 'd']);
    expect(out[1]).toBe(stored);
    expect(ids(upsert(list, at('b', 45, 48)))).toEqual(['a', 'c', 'd', 'b']);
    expect(ids(upsert(list, at('d', 1, 3)))).toEqual(['a', 'd', 'b', 'c']);
    expect(out.filter((a) => a.id === 'b')).toHaveLength(1);
  });

  it('drops a deleted annotation, and hands back the same list when the deleted one is not in it', () => {
    const gone = { ...at('c', 15, 30), deletedAt: '2026-01-02T00:00:00.000Z' };
    expect(ids(upsert(list, gone))).toEqual(['a', 'b', 'd']);
    const stranger = { ...at('z', 1, 2), deletedAt: '2026-01-02T00:00:00.000Z' };
    expect(upsert(list, stranger)).toBe(list);
  });

  it('keeps text order over many random changes, the same order a full sort gives', () => {
    // xorshift32: the same sequence on every run.
    let seed = 7;
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    let live: Annotation[] = [];
    for (let i = 0; i < 400; i++) {
      const id = `x${rand(40)}`;
      const start = rand(60);
      const next = at(id, start, start + 1 + rand(10), `2026-01-01T00:00:${String(rand(60)).padStart(2, '0')}.000Z`);
      live = upsert(live, rand(5) === 0 ? { ...next, deletedAt: '2026-01-03T00:00:00.000Z' } : next);
      expect(new Set(ids(live)).size).toBe(live.length);
    }
    expect(live.length).toBeGreaterThan(10);
    expect(ids(live)).toEqual(ids([...live].sort(textOrder)));
  });
});

describe('without', () => {
  it('drops the annotation by id, and hands back the same list when it is not there', () => {
    const list = [at('a', 0, 9), at('b', 4, 20)];
    expect(ids(without(list, 'a'))).toEqual(['b']);
    expect(without(list, 'nope')).toBe(list);
  });
});
