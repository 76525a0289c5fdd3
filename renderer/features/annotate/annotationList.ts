/** The reader's list of annotations: kept in text order and patched by id, never re-sorted. Pure. */
import type { Annotation } from '../../../core/model';

export const textOrder = (a: Annotation, b: Annotation) =>
  a.target.position.start - b.target.position.start || a.target.position.end - b.target.position.end || a.createdAt.localeCompare(b.createdAt);

/** The list (in text order) with `next` in its place, or without it once deleted; the list is not re-sorted. */
export function upsert(list: readonly Annotation[], next: Annotation): Annotation[] {
  const out = list.slice();
  const at = out.findIndex((a) => a.id === next.id);
  if (at >= 0) out.splice(at, 1);
  if (next.deletedAt) return at >= 0 ? out : (list as Annotation[]);
  // After any equal ones, as a stable sort would put it.
  let lo = 0;
  let hi = out.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (textOrder(out[mid]!, next) <= 0) lo = mid + 1;
    else hi = mid;
  }
  out.splice(lo, 0, next);
  return out;
}

/** The list without the annotation `id` (the same list when it is not there). */
export function without(list: readonly Annotation[], id: string): Annotation[] {
  return list.some((a) => a.id === id) ? list.filter((a) => a.id !== id) : (list as Annotation[]);
}
