/**
 * A brief flash over the words or image a link opened the reader at (a search hit, an
 * annotation from the browser), so the eye finds them after the scroll. Boxes are drawn in
 * a layer of their own over the article: the article's pieces belong to React and their
 * classes change with every highlight, so nothing is added to them. The animation lives in
 * reader.css and is switched off for prefers-reduced-motion (the boxes then show plainly).
 */
import { rangeAt } from './selection';

const SHOWN_MS = 2400;

/** Draws one box per line of `target` into `layer` (positioned at the top left of the scrolled content). */
export function flash(layer: HTMLElement | null, target: Range | Element | null): boolean {
  if (!layer || !target) return false;
  const rects = [...target.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (rects.length === 0) return false;
  layer.replaceChildren();
  const origin = layer.getBoundingClientRect();
  for (const r of rects) {
    const box = document.createElement('div');
    box.className = 'reader-flash';
    box.style.left = `${r.left - origin.left - 2}px`;
    box.style.top = `${r.top - origin.top - 1}px`;
    box.style.width = `${r.width + 4}px`;
    box.style.height = `${r.height + 2}px`;
    layer.append(box);
  }
  const drawn = [...layer.children];
  setTimeout(() => drawn.forEach((b) => b.remove()), SHOWN_MS);
  return true;
}

/** Flashes canonical [start, end) of the article, or the image at `imageHash`. */
export function flashAt(layer: HTMLElement | null, root: HTMLElement | null, place: { start: number; end: number } | { image: string }): boolean {
  if (!root) return false;
  const target = 'image' in place ? root.querySelector(`[data-image-hash="${CSS.escape(place.image)}"]`) : rangeAt(root, place.start, place.end);
  return flash(layer, target);
}
