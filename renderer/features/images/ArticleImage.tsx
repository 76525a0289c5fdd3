/**
 * An image of the article, drawn from the library's copy, with its caption kept by the snapshot.
 * With `onTagFigure` the image can be tagged as a figure: the whole image (the "Tag figure"
 * button, or Enter on the focused image), or an area drawn with the mouse, then "Tag this area".
 * Figures already tagged on it are outlined; each has a small focusable label that selects it.
 * Areas are fractions (0–1) of the image's rendered width and height.
 */
import { useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { SnapshotImage } from '../../../core/model';
import { useMessages, type Translation } from '../../i18n';
import { imageMessages } from './messages';
import { useImage } from './useImage';
import './images.css';

export type Rect = { x: number; y: number; w: number; h: number };

export interface FigureMark {
  id: string;
  /** null: the whole image. */
  rect: Rect | null;
  selected: boolean;
}

interface Props {
  snapshotId: string;
  image: SnapshotImage;
  figures?: FigureMark[];
  onTagFigure?: (image: SnapshotImage, rect: Rect | null) => void;
  onSelectAnnotation?: (id: string) => void;
}

/** Drags smaller than this share of the image either way are clicks, not areas. */
const MIN_SIDE = 0.01;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
/** Four decimals (a tenth of a pixel on a 1,000-pixel image), kept inside the image. */
const tidy = (v: number) => Math.round(clamp01(v) * 10_000) / 10_000;

function normalise(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  const x = tidy(Math.min(a.x, b.x));
  const y = tidy(Math.min(a.y, b.y));
  return { x, y, w: Math.min(tidy(Math.abs(b.x - a.x)), tidy(1 - x)), h: Math.min(tidy(Math.abs(b.y - a.y)), tidy(1 - y)) };
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const boxStyle = (r: Rect) => ({ left: pct(r.x), top: pct(r.y), width: pct(r.w), height: pct(r.h) });
const describe = (m: Translation<(typeof imageMessages)['en']>, r: Rect | null) => (r ? m.area(pct(r.x), pct(r.y), pct(r.w), pct(r.h)) : m.wholeImage);

/** Keys the reader's shortcuts must not see while a control of the image has focus. */
const keepKeys = (e: KeyboardEvent) => {
  if (e.key === 'Enter' || e.key === ' ' || e.key === 'Escape') e.stopPropagation();
};
/** Clicks on the image's controls are not clicks on the article (which would clear the selection). */
const own = (e: MouseEvent) => e.stopPropagation();

export function ArticleImage({ snapshotId, image, figures = [], onTagFigure, onSelectAnnotation }: Props) {
  const m = useMessages(imageMessages);
  const { url, error } = useImage(snapshotId, image.hash);
  const layer = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<Rect | null>(null);
  const drag = useRef<{ from: { x: number; y: number }; pointer: number } | null>(null);
  const name = image.alt || image.caption || m.image;
  const canTag = Boolean(onTagFigure && url);

  const at = (e: PointerEvent) => {
    const box = layer.current!.getBoundingClientRect();
    return { x: clamp01((e.clientX - box.left) / Math.max(1, box.width)), y: clamp01((e.clientY - box.top) / Math.max(1, box.height)) };
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!(canTag || (onSelectAnnotation && figures.length)) || e.button !== 0) return;
    // No text selection, no native image drag: this drag draws an area.
    e.preventDefault();
    e.stopPropagation();
    layer.current?.parentElement?.focus({ preventScroll: true });
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { from: at(e), pointer: e.pointerId };
    setDraft(null);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointer !== e.pointerId) return;
    if (canTag) setDraft(normalise(drag.current.from, at(e)));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointer !== e.pointerId) return;
    const rect = normalise(drag.current.from, at(e));
    drag.current = null;
    if (canTag && rect.w >= MIN_SIDE && rect.h >= MIN_SIDE) return setDraft(rect);
    setDraft(null);
    // A click, not a drag: it selects the smallest figure under the pointer.
    const p = at(e);
    const hit = figures
      .map((f) => ({ f, r: f.rect ?? { x: 0, y: 0, w: 1, h: 1 } }))
      .filter(({ r }) => p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h)
      .sort((a, b) => a.r.w * a.r.h - b.r.w * b.r.h)[0];
    if (hit) onSelectAnnotation?.(hit.f.id);
  };
  const tag = (rect: Rect | null) => {
    if (!onTagFigure) return;
    onTagFigure(image, rect);
    setDraft(null);
  };
  const onFrameKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' && canTag) {
      e.preventDefault();
      e.stopPropagation();
      tag(draft);
    } else if (e.key === 'Escape' && draft) {
      e.stopPropagation();
      setDraft(null);
    }
  };

  return (
    <figure className="article-image" data-image-hash={image.hash} contentEditable={false} onClick={onTagFigure || onSelectAnnotation ? own : undefined}>
      {url ? (
        <div
          className={`article-image-frame${canTag ? ' is-taggable' : ''}`}
          role="group"
          aria-label={canTag ? m.taggable(name) : name}
          tabIndex={canTag ? 0 : undefined}
          onKeyDown={onFrameKey}
        >
          <img src={url} alt={image.alt} draggable={false} />
          <div
            ref={layer}
            className="article-image-layer"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => {
              drag.current = null;
              setDraft(null);
            }}
          >
            {figures.map((f) => (
              <div
                key={f.id}
                className={`figure-box${f.rect ? '' : ' is-whole'}${f.selected ? ' is-selected' : ''}`}
                style={f.rect ? boxStyle(f.rect) : undefined}
              />
            ))}
            {draft && <div className="figure-draft" style={boxStyle(draft)} data-testid="figure-draft" />}
          </div>
          {figures.map((f, i) => (
            <button
              key={f.id}
              type="button"
              className={`figure-label${f.selected ? ' is-selected' : ''}`}
              style={f.rect ? { left: pct(f.rect.x), top: pct(f.rect.y) } : undefined}
              aria-label={m.figureOn(i + 1, name, describe(m, f.rect))}
              aria-pressed={f.selected}
              onKeyDown={keepKeys}
              onPointerDown={(e) => e.stopPropagation()}
              onClick={(e) => {
                e.stopPropagation();
                onSelectAnnotation?.(f.id);
              }}
            >
              {i + 1}
            </button>
          ))}
        </div>
      ) : (
        <div className="article-image-placeholder" role="img" aria-label={image.alt || m.image}>
          {error ? m.unavailable(error) : m.loading}
        </div>
      )}
      {canTag && (
        <div className="article-image-actions">
          <button type="button" className="button button-small" onKeyDown={keepKeys} onMouseDown={(e) => e.preventDefault()} onClick={() => tag(null)}>
            {m.tagFigure}
          </button>
          {draft && (
            <>
              <button
                type="button"
                className="button button-small button-primary"
                onKeyDown={keepKeys}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => tag(draft)}
              >
                {m.tagArea}
              </button>
              <button
                type="button"
                className="button button-small button-quiet"
                onKeyDown={keepKeys}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => setDraft(null)}
              >
                {m.clearArea}
              </button>
            </>
          )}
          {!draft && <span className="article-image-hint">{m.dragHint}</span>}
        </div>
      )}
    </figure>
  );
}
