/**
 * The article, rendered from the canonical text and its blocks. Every character sits in a
 * piece (data-start = its canonical offset), split wherever an annotation starts or ends,
 * so selections map back to offsets and highlights paint per piece. Images are drawn
 * between blocks at their offsets and are not part of the text.
 *
 * Speed: each block is redrawn only when its own pieces, lanes or selection change (a
 * signature string per block), so tagging in a 20,000-word article repaints one paragraph.
 */
import { memo, useMemo, type MouseEvent as ReactMouseEvent, type ReactNode, type Ref } from 'react';
import type { Block, SnapshotImage } from '../../../core/model';
import { ArticleImage } from '../images/ArticleImage';
import { pieceStyle, type Span } from './highlight';
import { PieceCache, spansByBlock, type Piece } from './pieces';

interface Props {
  ref?: Ref<HTMLElement>;
  snapshotId: string;
  text: string;
  /** Plain-text captures have only paragraphs: the one that is the title is shown as the heading. */
  title: string;
  blocks: readonly Block[];
  images: readonly SnapshotImage[];
  spans: readonly Span[];
  lanes: Map<string, number>;
  selectedId: string | null;
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

/** What a block's drawing depends on, as one string: pieces, the lane of each span in them, the selection. */
function signature(pieces: Piece[], lanes: Map<string, number>, selectedId: string | null): string {
  let sig = '';
  for (const p of pieces) {
    sig += `${p.start}`;
    for (const id of p.ids) sig += `,${id}:${lanes.get(id) ?? ''}${id === selectedId ? '*' : ''}`;
    sig += '|';
  }
  return sig;
}

export function Article({ ref, snapshotId, text, title, blocks, images, spans, lanes, selectedId, onClick, onMouseDown }: Props) {
  const byId = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans]);
  const layout = useMemo(() => {
    const titleAt = titleBlockIndex(text, blocks, title);
    return blocksOf(text, blocks).map((b, i) => ({ block: i === titleAt ? { ...b, type: 'heading' as const } : b, level: i === titleAt ? 1 : 2 }));
  }, [text, title, blocks]);
  const cache = useMemo(() => new PieceCache(), [text]);
  const laid = useMemo(() => {
    const perBlock = spansByBlock(
      layout.map((l) => l.block),
      spans,
    );
    return layout.map(({ block, level }, i) => {
      const pieces = cache.pieces(block, perBlock[i]!);
      return { block, level, pieces, sig: signature(pieces, lanes, selectedId) };
    });
  }, [layout, spans, lanes, selectedId, cache]);
  // Each image goes before the first block that starts at or after its offset (or at the end).
  const imagesAt = useMemo(() => {
    const at = new Map<number, SnapshotImage[]>();
    for (const image of images) {
      const i = layout.findIndex(({ block }) => block.start >= image.offset);
      const key = i < 0 ? layout.length : i;
      at.set(key, [...(at.get(key) ?? []), image]);
    }
    return at;
  }, [images, layout]);

  return (
    <article ref={ref} className="article" aria-label="Article text" tabIndex={0} onClick={onClick} onMouseDown={onMouseDown}>
      {laid.map(({ block, pieces, level, sig }, i) => (
        <BlockWithImages key={block.start} images={imagesAt.get(i)} snapshotId={snapshotId}>
          <BlockView block={block} level={level} text={text} pieces={pieces} byId={byId} lanes={lanes} selectedId={selectedId} sig={sig} />
        </BlockWithImages>
      ))}
      {imagesAt.get(laid.length)?.map((image) => <ArticleImage key={image.hash} snapshotId={snapshotId} image={image} />)}
    </article>
  );
}

function BlockWithImages({ images, snapshotId, children }: { images: SnapshotImage[] | undefined; snapshotId: string; children: ReactNode }) {
  if (!images) return children;
  return (
    <>
      {images.map((image) => (
        <ArticleImage key={image.hash} snapshotId={snapshotId} image={image} />
      ))}
      {children}
    </>
  );
}

interface BlockProps {
  block: Block;
  level: number;
  text: string;
  pieces: Piece[];
  byId: Map<string, Span>;
  lanes: Map<string, number>;
  selectedId: string | null;
  /** Changes exactly when this block must be drawn again. */
  sig: string;
}

const BlockView = memo(
  function BlockView({ block, level, text, pieces, byId, lanes, selectedId }: BlockProps) {
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
      const kinds = [...new Set(covering.map((s) => s.kind))].join(' ');
      const selected = selectedId !== null && piece.ids.includes(selectedId);
      return (
        <mark
          key={piece.start}
          data-start={piece.start}
          data-ids={piece.ids.join(' ')}
          data-kinds={kinds}
          className={selected ? 'hl hl-selected' : 'hl'}
          style={pieceStyle(covering, lanes, selectedId)}
        >
          {content}
        </mark>
      );
    });
    switch (block.type) {
      case 'heading':
        return level === 1 ? <h1 className="block block-heading">{children}</h1> : <h2 className="block block-heading">{children}</h2>;
      case 'quote':
        return <blockquote className="block block-quote">{children}</blockquote>;
      case 'list-item':
        return <p className="block block-list-item">{children}</p>;
      case 'caption':
        return <p className="block block-caption">{children}</p>;
      case 'preformatted':
        return <pre className="block block-pre">{children}</pre>;
      default:
        return <p className="block">{children}</p>;
    }
  },
  (a, b) => a.sig === b.sig && a.text === b.text && a.block === b.block && a.level === b.level && sameKinds(a, b),
);

/** A span may change kind without moving (undo of a kind change): its pieces' kinds are compared too. */
function sameKinds(a: BlockProps, b: BlockProps): boolean {
  for (const p of b.pieces) for (const id of p.ids) if (a.byId.get(id)?.kind !== b.byId.get(id)?.kind) return false;
  return true;
}
