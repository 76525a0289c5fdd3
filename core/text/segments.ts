/**
 * Cutting text into pieces by highlight spans, so the reader can paint overlapping and
 * nested highlights: each piece lists the ids of every span that covers it.
 *
 * Order of ids in a piece is stable: earlier start first; for equal starts the longer
 * (outer) span first; then the order spans were given in. Empty and reversed spans are
 * ignored.
 *
 * Speed: the spans are indexed once (sorted boundaries, and the covering ids of each gap
 * between boundaries, built in one sweep); a range query is then a binary search plus the
 * pieces it returns. segmentRange() keeps that index per spans array, so calling it for
 * every block of an article with the same array indexes once. Treat the array as immutable
 * (as React state is): pass a new array after a change.
 */

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  ids: string[];
}

export class SpanIndex {
  /** Distinct span boundaries, ascending. */
  private readonly bounds: number[];
  /** covering[k]: ids of spans covering [bounds[k], bounds[k+1]), in rank order. */
  private readonly covering: string[][];

  constructor(spans: readonly Span[]) {
    const live = spans.map((s, order) => ({ ...s, order })).filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start);
    live.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);

    const bounds = [...new Set(live.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
    const slot = new Map(bounds.map((b, k) => [b, k]));
    // Spans starting and ending at each boundary (by rank), for one sweep over the gaps.
    const opens: number[][] = bounds.map(() => []);
    const closes: number[][] = bounds.map(() => []);
    live.forEach((s, rank) => {
      opens[slot.get(s.start)!]!.push(rank);
      closes[slot.get(s.end)!]!.push(rank);
    });

    // Active spans are kept as ranks in ascending order, so each gap's ids come out ordered.
    let active: number[] = [];
    const covering: string[][] = [];
    for (let k = 0; k < bounds.length - 1; k++) {
      const closing = closes[k]!;
      if (closing.length) {
        const gone = new Set(closing);
        active = active.filter((r) => !gone.has(r));
      }
      // Ranks opening here are all larger than the ranks already active (they start later).
      active.push(...opens[k]!);
      covering.push(active.map((r) => live[r]!.id));
    }
    this.bounds = bounds;
    this.covering = covering;
  }

  /** Pieces of [start, end): cut at every span boundary inside it, each with the ids covering it. */
  segment(start: number, end: number): Segment[] {
    if (!(end > start)) return [];
    const { bounds, covering } = this;
    const pieces: Segment[] = [];
    // k: index of the last boundary <= start (-1 when start is before every boundary).
    let k = lastAtMost(bounds, start);
    let at = start;
    while (at < end) {
      const next = k + 1 < bounds.length ? Math.min(bounds[k + 1]!, end) : end;
      const ids = k >= 0 && k < covering.length ? covering[k]!.slice() : [];
      pieces.push({ start: at, end: next, ids });
      at = next;
      k++;
    }
    return pieces;
  }
}

/** Index of the last element <= x in an ascending array, or -1. */
function lastAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const cache = new WeakMap<readonly Span[], SpanIndex>();

/** Pieces of [start, end) with the ids of the spans covering each (see the module comment). */
export function segmentRange(start: number, end: number, spans: readonly Span[] | SpanIndex): Segment[] {
  if (spans instanceof SpanIndex) return spans.segment(start, end);
  let index = cache.get(spans);
  if (!index) {
    index = new SpanIndex(spans);
    cache.set(spans, index);
  }
  return index.segment(start, end);
}
