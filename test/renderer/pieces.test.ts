// @vitest-environment happy-dom
/**
 * How the reader cuts text into highlighted pieces (renderer/features/reader/pieces.ts), with
 * overlapping and nested annotations: every cut, the ids over each piece, that the pieces
 * tile the block exactly, that a block's model is kept while its spans stay the same, and
 * what the real Article draws from them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/index.js';
import type { Span } from '../../renderer/features/reader/highlight';
import { BlockModels, cutBlock, spansByBlock } from '../../renderer/features/reader/pieces';
import { drawArticle, type Drawn } from './reader-window';

const q = (id: string, start: number, end: number, kind: Span['kind'] = 'quote'): Span => ({ id, kind, start, end });

/** Checks the pieces tile [start, end) with no gap or overlap, and returns them as [start, end, ids]. */
function tiles(block: { start: number; end: number }, spans: readonly Span[]) {
  const pieces = cutBlock(block, spans);
  expect(pieces[0]!.start).toBe(block.start);
  expect(pieces.at(-1)!.end).toBe(block.end);
  for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end);
  for (const p of pieces) expect(p.end).toBeGreaterThan(p.start);
  return pieces.map((p) => [p.start, p.end, p.ids] as const);
}

describe('cutBlock', () => {
  it('is one bare piece without spans', () => {
    expect(tiles({ start: 10, end: 40 }, [])).toEqual([[10, 40, []]]);
  });

  it('cuts at every start and end of overlapping spans, naming the ones over each piece (earlier start, then longer, first)', () => {
    // a: 10–30, b: 20–40 (overlaps a's end), c: 22–25 (inside both)
    const spans = [q('a', 10, 30), q('b', 20, 40), q('c', 22, 25, 'claim')];
    expect(tiles({ start: 0, end: 50 }, spans)).toEqual([
      [0, 10, []],
      [10, 20, ['a']],
      [20, 22, ['a', 'b']],
      [22, 25, ['a', 'b', 'c']],
      [25, 30, ['a', 'b']],
      [30, 40, ['b']],
      [40, 50, []],
    ]);
  });

  it('keeps the given order for identical spans, and lists the longer of two with one start first', () => {
    expect(tiles({ start: 0, end: 20 }, [q('x', 5, 10), q('y', 5, 10), q('outer', 5, 15)])).toEqual([
      [0, 5, []],
      [5, 10, ['outer', 'x', 'y']],
      [10, 15, ['outer']],
      [15, 20, []],
    ]);
  });

  it('clips spans that run past the block, and ignores zero-width spans (figures on images) and spans elsewhere', () => {
    expect(
      tiles({ start: 100, end: 120 }, [q('before', 90, 105), q('after', 115, 200), q('image', 110, 110, 'figure'), q('far', 300, 320), q('all', 0, 500)]),
    ).toEqual([
      [100, 105, ['all', 'before']],
      [105, 115, ['all']],
      [115, 120, ['all', 'after']],
    ]);
  });

  it('handles hundreds of spans nested and overlapping at random, each piece covered by exactly the spans over it', () => {
    // xorshift32: the same sequence on every run.
    let seed = 11;
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const spans = Array.from({ length: 300 }, (_, i) => {
      const start = rand(1000);
      return q(`s${i}`, start, start + rand(80));
    });
    const block = { start: 200, end: 700 };
    for (const [start, end, ids] of tiles(block, spans)) {
      const want = spans.filter((s) => s.end > s.start && s.start <= start && s.end >= end).map((s) => s.id);
      expect([...ids].sort()).toEqual(want.sort());
    }
  });
});

describe('spansByBlock', () => {
  it('gives each block the spans touching it, a span across blocks to each of them, zero-width spans to none', () => {
    const blocks = [
      { start: 0, end: 10 },
      { start: 12, end: 20 },
      { start: 22, end: 30 },
    ];
    const across = q('across', 5, 25);
    const inSecond = q('second', 13, 15);
    const gap = q('gap', 10, 12);
    const image = q('image', 21, 21, 'figure');
    expect(spansByBlock(blocks, [across, gap, inSecond, image]).map((l) => l.map((s) => s.id))).toEqual([['across'], ['across', 'second'], ['across']]);
  });
});

describe('BlockModels', () => {
  const layout = [
    { block: { type: 'paragraph', start: 0, end: 10 } as Block, level: 2 },
    { block: { type: 'paragraph', start: 11, end: 20 } as Block, level: 2 },
  ];

  it('keeps a block’s model (the same object) while its spans, lanes and selection stay; re-cuts only the block that changed', () => {
    const models = new BlockModels();
    const a = q('a', 1, 4);
    const first = models.update(layout, [a], new Map([['a', 0]]), null);
    const b = q('b', 12, 15);
    const second = models.update(
      layout,
      [a, b],
      new Map([
        ['a', 0],
        ['b', 0],
      ]),
      null,
    );
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.pieces.map((p) => p.ids)).toEqual([[], ['b'], []]);
    // Selecting b redraws its block only.
    const third = models.update(
      layout,
      [a, b],
      new Map([
        ['a', 0],
        ['b', 0],
      ]),
      'b',
    );
    expect(third[0]).toBe(second[0]);
    expect(third[1]!.selectedId).toBe('b');
    // A changed span object (the stored record replacing the one shown) is a change.
    const fourth = models.update(
      layout,
      [q('a', 1, 4), b],
      new Map([
        ['a', 0],
        ['b', 0],
      ]),
      'b',
    );
    expect(fourth[0]).not.toBe(third[0]);
  });
});

describe('what the article draws', () => {
  let drawn: Drawn | null = null;
  afterEach(() => {
    drawn?.unmount();
    drawn = null;
  });

  it('draws one element per piece: spans where nothing is tagged, marks naming the annotations over them, text unchanged', async () => {
    const text = 'The minister said 😀 that 1,526 people moved. Later, the count rose.';
    const said = text.indexOf('said');
    const count = text.indexOf('1,526');
    const blocks: Block[] = [
      { type: 'paragraph', start: 0, end: text.indexOf(' Later') },
      { type: 'paragraph', start: text.indexOf('Later'), end: text.length },
    ];
    const spans = [q('quote', 0, count + 5), q('figure', count, count + 5, 'figure'), q('claim', said, text.length, 'claim')];
    drawn = await drawArticle({ snapshotId: 'snap', text, blocks, spans });
    const pieces = [...drawn.root.querySelectorAll<HTMLElement>('[data-start]')];
    expect(pieces.map((p) => [p.tagName, Number(p.dataset.start), p.dataset.ids ?? null])).toEqual([
      ['MARK', 0, 'quote'],
      ['MARK', said, 'quote claim'],
      ['MARK', count, 'quote claim figure'],
      ['MARK', count + 5, 'claim'],
      ['MARK', blocks[1]!.start, 'claim'],
    ]);
    for (const p of pieces) expect(p.textContent).toBe(text.slice(Number(p.dataset.start), Number(p.dataset.start) + p.textContent!.length));
    expect(pieces.map((p) => p.textContent).join('')).toBe(text.slice(0, blocks[0]!.end) + text.slice(blocks[1]!.start));
  });
});
