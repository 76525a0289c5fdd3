/**
 * The reader's pieces (core/text's Segment). Each block is cut with only the spans that touch
 * it, and its drawing model is kept (the same object) until those spans, their lanes or the
 * selection among them change, so one new annotation in a long article re-cuts and redraws
 * one paragraph, not all of them.
 */
import type { Block } from '../../../core/model';
import type { Segment } from '../../../core/text/segments';
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

/** The spans overlapping each block, in the order given (text order). Zero-width spans (image figures) touch none. */
export function spansByBlock(blocks: readonly Range[], spans: readonly Span[]): Span[][] {
  const out: Span[][] = blocks.map(() => []);
  for (const s of spans) {
    if (s.end <= s.start) continue;
    for (let i = firstEndingAfter(blocks, s.start); i < blocks.length && blocks[i]!.start < s.end; i++) out[i]!.push(s);
  }
  return out;
}

/**
 * Pieces of a block: cut wherever one of its spans starts or ends inside it, each with the
 * ids of the spans covering it, in the order core/text's SpanIndex gives them (earlier start
 * first, then the longer span, then the order given). A block has a handful of spans, so a
 * direct cut is quicker than building an index for each of hundreds of blocks.
 */
export function cutBlock(block: Range, spans: readonly Span[]): Piece[] {
  const live = spans.filter((s) => s.end > s.start && s.start < block.end && s.end > block.start);
  if (live.length === 0) return [{ start: block.start, end: block.end, ids: [] }];
  // Stable: equal spans keep the order given.
  live.sort((a, b) => a.start - b.start || b.end - a.end);
  const cuts = [block.start, block.end];
  for (const s of live) {
    if (s.start > block.start && s.start < block.end) cuts.push(s.start);
    if (s.end > block.start && s.end < block.end) cuts.push(s.end);
  }
  cuts.sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (end === start) continue;
    const ids: string[] = [];
    for (const s of live) if (s.start <= start && s.end >= end) ids.push(s.id);
    pieces.push({ start, end, ids });
  }
  return pieces;
}

/** What one block is drawn from. A block is drawn again only when this object changes. */
export interface BlockModel {
  block: Block;
  /** Heading level (1 for the title block). */
  level: number;
  /** The spans touching the block, in text order. */
  spans: readonly Span[];
  pieces: Piece[];
  /** The lanes of its underlined spans, as one string (a lane can move when a span elsewhere changes). */
  lanes: string;
  /** The selected annotation, when it is one of this block's spans. */
  selectedId: string | null;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Keeps each block's model from one change to the next. Spans must be stable objects (the
 * same object for an unchanged annotation): they are compared by identity.
 */
export class BlockModels {
  private previous: BlockModel[] = [];
  private layout: readonly { block: Block; level: number }[] | null = null;
  private blocks: Block[] = [];

  update(
    layout: readonly { block: Block; level: number }[],
    spans: readonly Span[],
    lanes: ReadonlyMap<string, number>,
    selectedId: string | null,
  ): BlockModel[] {
    if (layout !== this.layout) {
      this.layout = layout;
      this.blocks = layout.map((l) => l.block);
      this.previous = [];
    }
    const perBlock = spansByBlock(this.blocks, spans);
    const out: BlockModel[] = [];
    for (let i = 0; i < layout.length; i++) {
      const { block, level } = layout[i]!;
      const old = this.previous[i];
      const fresh = perBlock[i]!;
      const same = old !== undefined && sameItems(old.spans, fresh);
      const own = same ? old.spans : fresh;
      let laneKey = '';
      let selected: string | null = null;
      for (const s of own) {
        const lane = lanes.get(s.id);
        if (lane !== undefined) laneKey += `${lane},`;
        if (s.id === selectedId) selected = s.id;
      }
      if (same && old.lanes === laneKey && old.selectedId === selected) out.push(old);
      else out.push({ block, level, spans: own, pieces: same ? old.pieces : cutBlock(block, own), lanes: laneKey, selectedId: selected });
    }
    this.previous = out;
    return out;
  }
}
