/** Where an annotation is drawn in the article, scrolling it into view, and waiting for a painted frame. */
import type { Annotation } from '../../../core/model';

/** Resolves after the next frame is painted (or soon, when the window draws no frames: hidden). */
export function afterPaint(): Promise<void> {
  return new Promise((done) => {
    const fallback = setTimeout(done, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        done();
      }, 0),
    );
  });
}

/** Where an annotation is drawn: the piece where its words start, or the image it is tagged on. */
export type Place = { start: number } | { image: string };
export const placeOf = (a: Annotation): Place => (a.target.image ? { image: a.target.image.hash } : { start: a.target.position.start });

/** Scrolls the piece where an annotation starts (or its image) into view (no animation when reduced motion is asked for). */
export function reveal(root: HTMLElement | null, place: Place, exactPiece = true): boolean {
  const piece =
    'image' in place
      ? root?.querySelector<HTMLElement>(`[data-image-hash="${CSS.escape(place.image)}"]`)
      : exactPiece
        ? root?.querySelector<HTMLElement>(`[data-start="${place.start}"]`)
        : [...(root?.querySelectorAll<HTMLElement>('[data-start]') ?? [])].find(
            (p) => Number(p.dataset.start) <= place.start && place.start < Number(p.dataset.start) + (p.textContent?.length ?? 0),
          );
  if (!piece) return false;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  piece.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  return true;
}
