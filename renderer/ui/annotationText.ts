/**
 * What an annotation marks, in words: the text it quotes, or for a figure tagged on an image
 * (whose quote is empty) "Image: <alt text or caption>", with "(area)" when it marks part of it.
 */
import type { Annotation, SnapshotImage } from '../../core/model';

export function annotationText(a: Pick<Annotation, 'target'>, images?: readonly SnapshotImage[]): string {
  const on = a.target.image;
  if (!on) return a.target.quote.exact;
  const image = images?.find((i) => i.hash === on.hash);
  const name = image ? image.alt || image.caption || 'untitled image' : 'figure on an image';
  return `Image: ${name}${on.rect ? ' (area)' : ''}`;
}
