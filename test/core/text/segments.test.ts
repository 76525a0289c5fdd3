import { describe, expect, it } from 'vitest';
import { SpanIndex, segmentRange, type Segment, type Span } from '../../../core/text/segments.js';
import { prng } from './shared.js';

/**
 * Per-character oracle: which spans cover character c, in the promised order (earlier
 * start first, then the longer span, then input order). Pieces must be cut at exactly the
 * span boundaries strictly inside [start, end).
 */
function oracle(start: number, end: number, spans: Span[]): Segment[] {
  const ranked = spans
    .map((s, order) => ({ ...s, order }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const cuts = new Set<number>([start, end]);
  for (const s of ranked) for (const b of [s.start, s.end]) if (b > start && b < end) cuts.add(b);
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    // Every character of the piece must see the same covering list.
    const perChar = Array.from({ length: b - a }, (_, k) => ranked.filter((s) => s.start <= a + k && a + k < s.end).map((s) => s.id));
    for (const ids of perChar) expect(ids).toEqual(perChar[0]);
    pieces.push({ start: a, end: b, ids: perChar[0]! });
  }
  return pieces;
}

describe('segmentRange', () => {
  it('cuts at overlapping spans and lists the ids covering each piece', () => {
    const spans = [
      { id: 'q', start: 2, end: 8 },
      { id: 'c', start: 5, end: 12 },
    ];
    expect(segmentRange(0, 14, spans)).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 5, ids: ['q'] },
      { start: 5, end: 8, ids: ['q', 'c'] },
      { start: 8, end: 12, ids: ['c'] },
      { start: 12, end: 14, ids: [] },
    ]);
  });

  it('puts the outer span first for nested spans, also when they start together', () => {
    const spans = [
      { id: 'inner', start: 4, end: 6 },
      { id: 'outer', start: 0, end: 10 },
      { id: 'same-start-short', start: 0, end: 3 },
    ];
    expect(segmentRange(0, 10, spans)).toEqual([
      { start: 0, end: 3, ids: ['outer', 'same-start-short'] },
      { start: 3, end: 4, ids: ['outer'] },
      { start: 4, end: 6, ids: ['outer', 'inner'] },
      { start: 6, end: 10, ids: ['outer'] },
    ]);
  });

  it('only cuts at boundaries inside the range (a block of a longer highlight)', () => {
    const spans = [{ id: 'long', start: 0, end: 100 }];
    expect(segmentRange(20, 30, spans)).toEqual([{ start: 20, end: 30, ids: ['long'] }]);
    expect(segmentRange(100, 110, spans)).toEqual([{ start: 100, end: 110, ids: [] }]);
  });

  it('ignores empty and reversed spans; an empty range has no pieces', () => {
    const spans = [
      { id: 'empty', start: 3, end: 3 },
      { id: 'reversed', start: 6, end: 2 },
    ];
    expect(segmentRange(0, 8, spans)).toEqual([{ start: 0, end: 8, ids: [] }]);
    expect(segmentRange(4, 4, spans)).toEqual([]);
    expect(segmentRange(0, 5, [])).toEqual([{ start: 0, end: 5, ids: [] }]);
  });

  it('keeps identical spans in input order', () => {
    const spans = [
      { id: 'b', start: 1, end: 4 },
      { id: 'a', start: 1, end: 4 },
    ];
    expect(segmentRange(0, 5, spans)[1]).toEqual({ start: 1, end: 4, ids: ['b', 'a'] });
  });

  it('returns fresh id arrays, so a caller cannot corrupt the index', () => {
    const spans = [{ id: 'x', start: 0, end: 4 }];
    segmentRange(0, 4, spans)[0]!.ids.push('junk');
    expect(segmentRange(0, 4, spans)[0]!.ids).toEqual(['x']);
  });

  it('agrees with a per-character oracle on random spans and ranges (seeded, 400 cases)', () => {
    const rand = prng(2024);
    const int = (n: number) => Math.floor(rand() * n);
    for (let n = 0; n < 400; n++) {
      const length = 1 + int(60);
      const spans: Span[] = Array.from({ length: int(12) }, (_, k) => {
        const a = int(length + 1);
        const b = rand() < 0.1 ? a : int(length + 1);
        // Some reversed on purpose; some duplicated ids are fine too.
        return { id: `s${k % 9}`, start: a, end: b };
      });
      const index = new SpanIndex(spans);
      // Per-block queries across the whole text, plus a random range.
      const cuts = [0, int(length + 1), int(length + 1), length].sort((a, b) => a - b);
      const ranges: [number, number][] = [
        [cuts[0]!, cuts[1]!],
        [cuts[1]!, cuts[2]!],
        [cuts[2]!, cuts[3]!],
        [int(length), length],
      ];
      for (const [s, e] of ranges) {
        const expected = e > s ? oracle(s, e, spans) : [];
        expect(segmentRange(s, e, spans)).toEqual(expected);
        expect(segmentRange(s, e, index)).toEqual(expected);
      }
    }
  });

  it('handles a 20,000-word article with 2,000 spans, block by block', () => {
    const rand = prng(99);
    const length = 120_000;
    const spans = Array.from({ length: 2000 }, (_, k) => {
      const start = Math.floor(rand() * (length - 300));
      return { id: `a${k}`, start, end: start + 1 + Math.floor(rand() * 300) };
    });
    // 400 blocks of 300 characters; the pieces tile the text and every span is seen.
    const seen = new Set<string>();
    let at = 0;
    for (let b = 0; b < 400; b++) {
      for (const piece of segmentRange(b * 300, (b + 1) * 300, spans)) {
        expect(piece.start).toBe(at);
        at = piece.end;
        for (const id of piece.ids) seen.add(id);
      }
    }
    expect(at).toBe(length);
    expect(seen.size).toBe(2000);
  });
});
