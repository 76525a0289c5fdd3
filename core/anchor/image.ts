/**
 * Figures tagged on an image of a snapshot (a chart, a photo), whole or a rectangle of it.
 * Such a target sits in the canonical text where the image stands: a zero-width position at
 * the image's offset with an empty quote and the text either side as context. It is found
 * again by the image's hash, never by text: a new version that keeps the picture keeps the
 * figure, one that lost it makes the figure an orphan. Pure; no I/O.
 */
import { imageTargetAt, shortHash as short } from '../common/targets.js';
import { GlossaError } from '../model/errors.js';
import { ImageRect, type ImageSelector, type TextTarget } from '../model/annotation.js';
import type { SnapshotImage } from '../model/snapshot.js';

type ImageRef = Pick<SnapshotImage, 'hash' | 'offset'>;

/** The image with this hash nearest `near` (an image can appear twice, a logo say); undefined when absent. */
export function findImage<T extends ImageRef>(images: readonly T[], hash: string, near = 0): T | undefined {
  let best: T | undefined;
  for (const i of images) {
    if (i.hash !== hash) continue;
    if (!best || Math.abs(i.offset - near) < Math.abs(best.offset - near)) best = i;
  }
  return best;
}

/** The rectangle checked (fractions of the image, inside it, not empty); throws INVALID_INPUT. */
export function checkRect(rect: ImageRect | null): ImageRect | null {
  if (rect === null) return null;
  const parsed = ImageRect.safeParse(rect);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GlossaError(
      'INVALID_INPUT',
      `The area of the image is not a rectangle inside it (${issue.path.join('.') || 'rect'}: ${issue.message}); give x, y, w and h as fractions 0–1 of the image's width and height, with w and h above 0.`,
    );
  }
  return parsed.data;
}

/**
 * The target of a figure on `selector.hash` (the image nearest `near` when it appears more
 * than once). Throws NOT_FOUND when the snapshot has no such image, INVALID_INPUT for a bad rectangle.
 */
export function imageTarget(text: string, images: readonly ImageRef[], selector: ImageSelector, near?: number): TextTarget {
  const image = findImage(images, selector.hash, near);
  if (!image) throw new GlossaError('NOT_FOUND', `This snapshot has no image ${short(selector.hash)}; tag one of the images shown in the article.`);
  // The target itself is built by core/common, which the window shares to show a new figure at once.
  return imageTargetAt(text, image.offset, { hash: image.hash, rect: checkRect(selector.rect) });
}

/** Where a figure on an image belongs in another version: the same image (by hash), or the reason it cannot be placed. */
export function placeImageTarget(text: string, images: readonly ImageRef[], target: TextTarget): { target: TextTarget } | { reason: string } {
  if (!target.image) return { reason: 'it is not tagged on an image' };
  if (!findImage(images, target.image.hash)) return { reason: `its image (${short(target.image.hash)}) is not in this version` };
  try {
    return { target: imageTarget(text, images, target.image, target.position.start) };
  } catch (e) {
    return { reason: (e as Error).message };
  }
}

/** Why an image target does not hold in this snapshot (its text and images), or null when it does. */
export function imageTargetProblem(text: string, images: readonly ImageRef[], target: TextTarget): string | null {
  if (!target.image) return 'it is not tagged on an image';
  const { start, end } = target.position;
  const image = images.find((i) => i.hash === target.image!.hash && i.offset === start);
  if (!image) {
    return images.some((i) => i.hash === target.image!.hash)
      ? `its image ${short(target.image.hash)} does not stand at offset ${start}`
      : `the snapshot has no image ${short(target.image.hash)}`;
  }
  if (end !== start || target.quote.exact !== '') return 'a figure on an image has a zero-width position and an empty quote';
  const rect = ImageRect.nullable().safeParse(target.image.rect);
  if (!rect.success) return `its area is not a rectangle inside the image (${rect.error.issues[0]!.message})`;
  const { prefix, suffix } = target.quote;
  if (start > text.length || start - prefix.length < 0 || !text.startsWith(prefix, start - prefix.length) || !text.startsWith(suffix, start)) {
    return 'the text around its image differs from its prefix or suffix';
  }
  return null;
}

// ---- media fragments ------------------------------------------------------------------

/** W3C Media Fragments: what a FragmentSelector on an image area conforms to. */
export const MEDIA_FRAGMENTS = 'http://www.w3.org/TR/media-frags/';

/**
 * Moves the decimal point of a non-negative decimal string `by` places (2: fraction →
 * percent). Done on the digits, not by multiplying, so 0.1 becomes "10" rather than
 * "10.000000000000002" and the way back gives the very same number.
 */
function shiftDecimal(s: string, by: number): string | null {
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  const point = (m[1] ?? '').length + Number(m[3] ?? 0) + by;
  if (!Number.isSafeInteger(point) || Math.abs(point) > 400) return null;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits;
  const at = Math.max(point, 1);
  const int = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(at).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

const toPercent = (fraction: number) => shiftDecimal(String(fraction), 2)!;

/** `xywh=percent:x,y,w,h` for a rectangle of fractions, exactly (it reads back to the same numbers). */
export function rectToMediaFragment(rect: ImageRect): string {
  return `xywh=percent:${[rect.x, rect.y, rect.w, rect.h].map(toPercent).join(',')}`;
}

/**
 * A media fragment's rectangle as fractions of the image: `xywh=percent:…` only (pixels
 * would need the image's size). Null when the value is no such rectangle; the rectangle is
 * not yet checked to lie inside the image (checkRect does that).
 */
export function rectFromMediaFragment(value: string): ImageRect | null {
  const m = /^xywh=percent:([^,]+),([^,]+),([^,]+),([^,]+)$/.exec(value.trim());
  if (!m) return null;
  const parts = m.slice(1, 5).map((p) => shiftDecimal(p.trim(), -2));
  if (parts.some((p) => p === null)) return null;
  const [x, y, w, h] = parts.map(Number) as [number, number, number, number];
  return [x, y, w, h].every(Number.isFinite) ? { x, y, w, h } : null;
}

/** "12.5%, 0%, 50% × 40%" style text for people: where the area lies in the image. */
export function describeRect(rect: ImageRect | null): string {
  if (rect === null) return 'the whole image';
  const pc = (f: number) => `${Math.round(f * 1000) / 10}%`;
  return `area from ${pc(rect.x)} across, ${pc(rect.y)} down, ${pc(rect.w)} wide, ${pc(rect.h)} high`;
}
