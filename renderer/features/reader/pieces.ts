/**
 * The reader's pieces come from core/text, the single source of offset maths. Each block is
 * cut with only the spans that touch it, and its pieces are kept until those spans change,
 * so one new annotation in a long article re-cuts one paragraph, not all of them.
 */
import { SpanIndex, type Segment } from '../../../core/text/segments';
import type { Span } from './highlight';

export type Piece = Segment;

interface Range {
  start: number;
  end: number;
}

/** Index of the first range (sorted, not overlapping) whose end is after `offset`. */
function firstEndingAfter(ranges: readonly Range[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The spans overlapping each block, in the order given (text order). */
export function spansByBlock(blocks: readonly Range[], spans: readonly Span[]): Span[][] {
  const out: Span[][] = blocks.map(() => []);
  for (const s of spans) {
    for (let i = firstEndingAfter(blocks, s.start); i < blocks.length && blocks[i]!.start < s.end; i++) out[i]!.push(s);
  }
  return out;
}

/** Remembers each block's pieces by the spans that cut them. */
export class PieceCache {
  private readonly cache = new Map<number, { key: string; pieces: Piece[] }>();

  pieces(block: Range, spans: readonly Span[]): Piece[] {
    let key = '';
    for (const s of spans) key += `${s.id}:${s.start}:${s.end},`;
    const hit = this.cache.get(block.start);
    if (hit && hit.key === key) return hit.pieces;
    const pieces = spans.length ? new SpanIndex(spans).segment(block.start, block.end) : [{ start: block.start, end: block.end, ids: [] }];
    this.cache.set(block.start, { key, pieces });
    return pieces;
  }
}
