/**
 * What an annotation marks, in words: the text it quotes, or for a figure tagged on an image
 * (whose quote is empty) "Image: <alt text or caption>", with "(area)" when it marks part of it.
 */
import type { Annotation, SnapshotImage } from '../../core/model';
import { messagesNow } from '../i18n';
import { uiMessages } from './messages';

export function annotationText(a: Pick<Annotation, 'target'>, images?: readonly SnapshotImage[]): string {
  const on = a.target.image;
  if (!on) return a.target.quote.exact;
  const m = messagesNow(uiMessages);
  const image = images?.find((i) => i.hash === on.hash);
  const name = image ? image.alt || image.caption || m.untitledImage : m.figureOnImage;
  return m.imageText(name, Boolean(on.rect));
}

const OPENING = /^[\s“”„‟"‘’‚‛'«»‹›「『]+/u;
const CLOSING = /[\s“”„‟"‘’‚‛'«»‹›」』]+$/u;

/**
 * A quoted span for a list, in one pair of quotation marks: a quote that was marked with its
 * own marks (“The people … crime,”) would otherwise show them twice.
 */
export function quotedExcerpt(text: string, max = 200): string {
  const bare = text.replace(OPENING, '').replace(CLOSING, '');
  const cut = bare.length > max ? `${bare.slice(0, max - 1).trimEnd()}…` : bare;
  return `“${cut}”`;
}
