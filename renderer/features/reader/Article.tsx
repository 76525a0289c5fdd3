/**
 * The article, rendered from the canonical text and its blocks. Every character sits in a
 * piece (data-start = its canonical offset), split wherever an annotation starts or ends,
 * so selections map back to offsets and highlights paint per piece.
 */
import { memo, useMemo, type MouseEvent as ReactMouseEvent, type Ref } from 'react';
import type { Block } from '../../../core/model';
import { pieceStyle, type Span } from './highlight';
import { piecesFor, type Piece } from './pieces';

interface Props {
  ref?: Ref<HTMLElement>;
  text: string;
  /** Plain-text captures have only paragraphs: the one that is the title is shown as the heading. */
  title: string;
  blocks: readonly Block[];
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

export function Article({ ref, text, title, blocks, spans, lanes, selectedId, onClick, onMouseDown }: Props) {
  const byId = useMemo(() => new Map(spans.map((s) => [s.id, s])), [spans]);
  const laid = useMemo(() => {
    const titleAt = titleBlockIndex(text, blocks, title);
    const list = blocksOf(text, blocks).map((b, i) => (i === titleAt ? { ...b, type: 'heading' as const } : b));
    return list.map((block, i) => ({ block, pieces: piecesFor(block.start, block.end, spans), level: i === titleAt ? 1 : 2 }));
  }, [text, title, blocks, spans]);

  return (
    <article
      ref={ref}
      className="article"
      aria-label="Article text"
      tabIndex={0}
      onClick={onClick}
      onMouseDown={onMouseDown}
    >
      {laid.map(({ block, pieces, level }) => (
        <BlockView key={block.start} block={block} level={level} text={text} pieces={pieces} byId={byId} lanes={lanes} selectedId={selectedId} />
      ))}
    </article>
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
}

const BlockView = memo(function BlockView({ block, level, text, pieces, byId, lanes, selectedId }: BlockProps) {
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
});
