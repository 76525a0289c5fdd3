/**
 * The article, rendered from the canonical text and its blocks. Every character sits in a
 * piece (data-start = its canonical offset), split wherever an annotation starts or ends,
 * so selections map back to offsets and highlights paint per piece. Images are drawn
 * between blocks at their offsets and are not part of the text.
 *
 * Speed: each block is redrawn only when its own spans, their lanes or the selection among
 * them change (BlockModels keeps the same model object otherwise), so tagging in a
 * 20,000-word article redraws one paragraph.
 */
import { memo, useMemo, type MouseEvent as ReactMouseEvent, type ReactNode, type Ref } from 'react';
import type { Block, MissingImage, SnapshotImage } from '../../../core/model';
import { useMessages, type Translation } from '../../i18n';
import { ArticleImage, type FigureMark, type Rect } from '../images/ArticleImage';
import { pieceDescription, pieceLook, type Span } from './highlight';
import { readerMessages } from './messages';
import { BlockModels, type BlockModel } from './pieces';

interface Props {
  ref?: Ref<HTMLElement>;
  snapshotId: string;
  text: string;
  /** The article's language (as corrected), on the article element; blocks the page set apart keep their own. */
  lang?: string | null;
  /**
   * The article's direction: a correction, or 'auto' (the first strong character decides).
   * A corrected direction applies to every block; otherwise each block reads as the page set it.
   */
  dir?: 'ltr' | 'rtl' | 'auto';
  dirCorrected?: boolean;
  /** Plain-text captures have only paragraphs: the one that is the title is shown as the heading. */
  title: string;
  blocks: readonly Block[];
  images: readonly SnapshotImage[];
  /** Images the page showed that were not kept: a labelled box marks each place. */
  missingImages?: readonly MissingImage[];
  spans: readonly Span[];
  lanes: ReadonlyMap<string, number>;
  selectedId: string | null;
  /** Figures tagged on each image (by its hash). */
  figures: ReadonlyMap<string, FigureMark[]>;
  onTagFigure(image: SnapshotImage, rect: Rect | null): void;
  onSelectAnnotation(id: string): void;
  onClick(event: ReactMouseEvent<HTMLElement>): void;
  onMouseDown(): void;
}

/** Without blocks (never expected from ingest) the whole text is one paragraph. */
const blocksOf = (text: string, blocks: readonly Block[]): readonly Block[] =>
  blocks.length > 0 ? blocks : [{ type: 'paragraph', start: 0, end: text.length }];

/**
 * Index of the block that reads as the stored title (the first heading, or a first
 * paragraph), or -1. That block is shown as the page's h1; otherwise the reader header
 * shows the title and the article's headings are all h2.
 */
export function titleBlockIndex(text: string, blocks: readonly Block[], title: string): number {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const heading = blocks.findIndex((b) => b.type === 'heading');
  const candidate = heading >= 0 ? heading : 0;
  const block = blocks[candidate];
  return block && title && clean(text.slice(block.start, block.end)) === clean(title) ? candidate : -1;
}

export function Article({
  ref,
  snapshotId,
  text,
  lang,
  dir = 'auto',
  dirCorrected = false,
  title,
  blocks,
  images,
  missingImages = [],
  spans,
  lanes,
  selectedId,
  figures,
  onTagFigure,
  onSelectAnnotation,
  onClick,
  onMouseDown,
}: Props) {
  const m = useMessages(readerMessages);
  const drawImage = (placed: Placed) =>
    'hash' in placed ? drawKept(placed) : <ImageNotSaved key={`missing-${placed.offset}-${placed.sourceUrl ?? placed.alt}`} image={placed} />;
  const drawKept = (image: SnapshotImage) => (
    <ArticleImage
      key={image.hash}
      snapshotId={snapshotId}
      image={image}
      figures={figures.get(image.hash)}
      onTagFigure={onTagFigure}
      onSelectAnnotation={onSelectAnnotation}
    />
  );
  const layout = useMemo(() => {
    const titleAt = titleBlockIndex(text, blocks, title);
    return blocksOf(text, blocks).map((b, i) => {
      const block = dirCorrected && b.dir ? { ...b, dir: undefined } : b;
      return { block: i === titleAt ? { ...block, type: 'heading' as const } : block, level: i === titleAt ? 1 : 2 };
    });
  }, [text, title, blocks, dirCorrected]);
  const models = useMemo(() => new BlockModels(), []);
  const laid = useMemo(() => models.update(layout, spans, lanes, selectedId), [models, layout, spans, lanes, selectedId]);
  // Each image goes before the first block that starts at or after its offset (or at the end).
  const imagesAt = useMemo(() => {
    const at = new Map<number, Placed[]>();
    for (const image of [...images, ...missingImages].sort((a, b) => a.offset - b.offset)) {
      const i = layout.findIndex(({ block }) => block.start >= image.offset);
      const key = i < 0 ? layout.length : i;
      at.set(key, [...(at.get(key) ?? []), image]);
    }
    return at;
  }, [images, missingImages, layout]);

  return (
    <article
      ref={ref}
      className="article"
      aria-label={m.articleText}
      lang={lang ?? undefined}
      dir={dir}
      tabIndex={0}
      onClick={onClick}
      onMouseDown={onMouseDown}
    >
      {laid.map((model, i) => (
        <BlockWithImages key={model.block.start} images={imagesAt.get(i)} draw={drawImage}>
          <BlockView model={model} text={text} lanes={lanes} words={m} />
        </BlockWithImages>
      ))}
      {imagesAt.get(laid.length)?.map(drawImage)}
    </article>
  );
}

/** A kept image, or the place of one that was not kept. */
type Placed = SnapshotImage | MissingImage;

/** Where the page showed an image Glossa could not keep: said in words, with why on hover. */
function ImageNotSaved({ image }: { image: MissingImage }) {
  const label = useMessages(readerMessages).imageNotSaved(image.alt);
  return (
    <figure className="image-missing" contentEditable={false} title={`${image.reason}${image.sourceUrl ? ` (${image.sourceUrl})` : ''}`}>
      <div className="image-missing-box" role="img" aria-label={label}>
        {label}
      </div>
      {image.caption ? <figcaption>{image.caption}</figcaption> : null}
    </figure>
  );
}

function BlockWithImages({ images, draw, children }: { images: Placed[] | undefined; draw(image: Placed): ReactNode; children: ReactNode }) {
  if (!images) return children;
  return (
    <>
      {images.map(draw)}
      {children}
    </>
  );
}

interface BlockProps {
  /** Changes exactly when this block must be drawn again (its spans, their lanes, the selection among them). */
  model: BlockModel;
  text: string;
  /** Read for this block's spans only; their lanes are part of the model. */
  lanes: ReadonlyMap<string, number>;
  /** The reader's messages in the window's language (the block is drawn again when it changes). */
  words: ReaderWords;
}

type ReaderWords = Translation<(typeof readerMessages)['en']>;

const BlockView = memo(
  function BlockView({ model, text, lanes, words }: BlockProps) {
    const { block, level, pieces, spans, selectedId } = model;
    const byId = new Map(spans.map((s) => [s.id, s]));
    const children = pieces.map((piece) => {
      const content = text.slice(piece.start, piece.end);
      if (piece.ids.length === 0) {
        return (
          <span key={piece.start} data-start={piece.start}>
            {content}
          </span>
        );
      }
      // Outermost first, so lanes and fills stack the same way on every piece.
      const covering = piece.ids
        .map((id) => byId.get(id))
        .filter((s): s is Span => s !== undefined)
        .sort((a, b) => a.start - b.start || b.end - a.end);
      const { className, style } = pieceLook(covering, lanes, selectedId);
      const described = pieceDescription(covering, words);
      return (
        <mark
          key={piece.start}
          data-start={piece.start}
          data-ids={piece.ids.join(' ')}
          data-suggested={described ? 'true' : undefined}
          className={className}
          style={style}
          aria-description={described}
          title={described ? `${described[0]!.toUpperCase()}${described.slice(1)}` : undefined}
        >
          {content}
        </mark>
      );
    });
    // Direction and language as the page gave them to this block (absent: the article's).
    const voice = { dir: block.dir, lang: block.lang };
    switch (block.type) {
      case 'heading':
        return level === 1 ? (
          <h1 className="block block-heading" {...voice}>
            {children}
          </h1>
        ) : (
          <h2 className="block block-heading" {...voice}>
            {children}
          </h2>
        );
      case 'quote':
        return (
          <blockquote className="block block-quote" {...voice}>
            {children}
          </blockquote>
        );
      case 'list-item':
        return (
          <p className="block block-list-item" {...voice}>
            {children}
          </p>
        );
      case 'caption':
        return (
          <p className="block block-caption" {...voice}>
            {children}
          </p>
        );
      case 'preformatted':
        return (
          <pre className="block block-pre" {...voice}>
            {children}
          </pre>
        );
      default:
        return (
          <p className="block" {...voice}>
            {children}
          </p>
        );
    }
  },
  (a, b) => a.model === b.model && a.text === b.text && a.words === b.words,
);
