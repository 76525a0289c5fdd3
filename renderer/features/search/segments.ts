/** A highlighted passage (core/search/snippet.ts) as runs of plain and matched text, for <mark>. */
import type { Highlighted } from '../../../core/search/snippet';

export interface Segment {
  text: string;
  hit: boolean;
}

/** Ranges out of order, overlapping or outside the text are clamped, so bad input never throws or repeats text. */
export function segmentsOf(h: Pick<Highlighted, 'text' | 'highlights'>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  const ranges = [...h.highlights].sort((a, b) => a.start - b.start);
  for (const r of ranges) {
    const start = Math.max(at, Math.min(h.text.length, r.start));
    const end = Math.max(start, Math.min(h.text.length, r.end));
    if (end === start) continue;
    if (start > at) out.push({ text: h.text.slice(at, start), hit: false });
    out.push({ text: h.text.slice(start, end), hit: true });
    at = end;
  }
  if (at < h.text.length) out.push({ text: h.text.slice(at), hit: false });
  return out;
}

/** Canonical offsets of the first matched words of an article snippet (where the reader opens), or null. */
export function firstMatch(h: Pick<Highlighted, 'start' | 'highlights'> | null): { start: number; end: number } | null {
  const first = h ? [...h.highlights].sort((a, b) => a.start - b.start)[0] : undefined;
  if (!h || !first || first.end <= first.start) return null;
  return { start: h.start + first.start, end: h.start + first.end };
}
