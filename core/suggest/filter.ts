/**
 * What the person has already decided wins: a suggestion overlapping their own annotation
 * of the same kind is dropped (never duplicated, moved or overwritten), and one they
 * rejected is not offered again. Rejections are stored per snapshot by key.
 */
import { createHash } from 'node:crypto';
import type { Annotation } from '../model/index.js';
import type { Suggestion } from './types.js';

/** kind + offsets + a hash of the exact text: stable across runs, changes when the text under it changes. */
export function rejectionKey(s: Pick<Suggestion, 'kind' | 'start' | 'end' | 'exact'>): string {
  const hash = createHash('sha256').update(s.exact, 'utf8').digest('hex').slice(0, 16);
  return `${s.kind}:${s.start}-${s.end}:${hash}`;
}

export interface FilterContext {
  /** The snapshot's annotations (deleted ones are ignored). */
  annotations?: readonly Pick<Annotation, 'kind' | 'target' | 'deletedAt'>[];
  /** Keys from rejectionKey() the person rejected on this snapshot. */
  rejected?: Iterable<string>;
}

export function filterSuggestions(suggestions: readonly Suggestion[], ctx: FilterContext): Suggestion[] {
  const rejected = new Set(ctx.rejected ?? []);
  const taken = (ctx.annotations ?? []).filter((a) => !a.deletedAt).map((a) => ({ kind: a.kind, start: a.target.position.start, end: a.target.position.end }));
  return suggestions.filter((s) => {
    if (rejected.has(rejectionKey(s))) return false;
    // Zero-width (image) annotations overlap nothing in the text.
    return !taken.some((t) => t.kind === s.kind && t.start < s.end && s.start < t.end);
  });
}
