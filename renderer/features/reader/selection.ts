/**
 * DOM selection → canonical offsets. The article is rendered as pieces (elements with
 * data-start) whose text is exactly text.slice(start, end), so a point inside a piece's
 * text node is data-start + offset. Points on element boundaries (a triple-click, a drag
 * across paragraphs, a selection reaching outside the article) go to the nearest piece edge:
 * starts move forward to the next piece, ends move back to the previous one, so the gap
 * between blocks is never included.
 */

const PIECE = '[data-start]';
type Bias = 'start' | 'end';

const startOf = (piece: HTMLElement) => Number(piece.dataset.start);
const lengthOf = (piece: HTMLElement) => piece.textContent?.length ?? 0;

function pieceContaining(root: Element, node: Node): HTMLElement | null {
  const element = node instanceof Element ? node : node.parentElement;
  const piece = element?.closest<HTMLElement>(PIECE) ?? null;
  return piece && root.contains(piece) ? piece : null;
}

export function pointToOffset(root: Element, node: Node, offset: number, bias: Bias): number | null {
  const piece = pieceContaining(root, node);
  if (piece) {
    if (node.nodeType === Node.TEXT_NODE) return startOf(piece) + Math.min(offset, lengthOf(piece));
    if (node === piece) return offset === 0 ? startOf(piece) : startOf(piece) + lengthOf(piece);
  }
  const pieces = [...root.querySelectorAll<HTMLElement>(PIECE)];
  if (pieces.length === 0) return null;
  const point = document.createRange();
  point.setStart(node, offset);
  point.collapse(true);
  if (bias === 'start') {
    // First piece that begins at or after the point.
    const next = pieces.find((p) => point.comparePoint(p, 0) >= 0);
    return next ? startOf(next) : startOf(pieces.at(-1)!) + lengthOf(pieces.at(-1)!);
  }
  // Last piece that ends at or before the point.
  for (let i = pieces.length - 1; i >= 0; i--) {
    const p = pieces[i]!;
    if (point.comparePoint(p, p.childNodes.length) <= 0) return startOf(p) + lengthOf(p);
  }
  return startOf(pieces[0]!);
}

/** The canonical range of the current selection inside `root`, or null if nothing is selected there. */
export function selectionToRange(root: Element, selection: Selection | null): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  const start = pointToOffset(root, range.startContainer, range.startOffset, 'start');
  const end = pointToOffset(root, range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The text node and offset inside it where canonical offset `offset` lies (`bias` picks the side at piece edges). */
function pointAt(root: Element, offset: number, bias: Bias): { node: Node; offset: number } | null {
  const pieces = root.querySelectorAll<HTMLElement>(PIECE);
  // Pieces are in text order: binary search on data-start.
  let lo = 0;
  let hi = pieces.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = pieces[mid]!;
    const s = startOf(p);
    const e = s + lengthOf(p);
    if (bias === 'start' ? offset < s : offset <= s) hi = mid - 1;
    else if (bias === 'start' ? offset >= e : offset > e) lo = mid + 1;
    else {
      found = p;
      break;
    }
  }
  const text = found?.firstChild;
  if (!found || !text) return null;
  return { node: text, offset: offset - startOf(found) };
}

/** A DOM range over canonical [start, end) in the article, or null when it is not rendered. */
export function rangeAt(root: Element, start: number, end: number): Range | null {
  const a = pointAt(root, start, 'start');
  const b = pointAt(root, end, 'end');
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** Selects canonical [start, end) in the article (as if by mouse); false when it is not rendered. */
export function selectRange(root: Element, start: number, end: number): boolean {
  const range = rangeAt(root, start, end);
  const selection = window.getSelection();
  if (!range || !selection) return false;
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}
