// @vitest-environment happy-dom
/**
 * DOM selection ↔ canonical offsets (renderer/features/reader/selection.ts) on the article as
 * the reader draws it (the real Article component, a real snapshot with an image and text
 * with characters outside the BMP): a point inside a piece, across pieces (span and mark
 * elements), across blocks with an image between, points on element boundaries, and the way
 * back (selectRange) for every word.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importPage } from '../../core/ingest/index.js';
import type { Snapshot } from '../../core/model/index.js';
import { selectionToRange, selectRange } from '../../renderer/features/reader/selection';
import type { Session } from '../core/api/helpers.js';
import { makePng } from '../core/ingest/figure-images.js';
import { drawArticle, openWindowSession, type Drawn } from './reader-window';

const CHART = makePng(40, 20, [10, 90, 200]);
const PAGE = `<!doctype html><html lang="en"><head><title>Harbour traffic</title></head><body><article><h1>Harbour traffic</h1>
<p>The harbour 🚢 counted ships every day for nine years 😀, and the port published the totals each spring.</p>
<figure><img src="data:image/png;base64,${CHART.toString('base64')}" alt="Daily ships"><figcaption>Ships per day</figcaption></figure>
<p>About 480 ships docked each week before the storm 🌊 closed it. ${'The report gives the figures by month and by berth. '.repeat(8)}</p></article></body></html>`;

let s: Session;
let snapshot: Snapshot;
let text: string;
let drawn: Drawn | null = null;

beforeAll(async () => {
  s = await openWindowSession();
  const { snapshotId } = await importPage(s.library, { bytes: new TextEncoder().encode(PAGE), format: 'html', name: 'harbour.html', method: 'file' });
  ({ snapshot, text } = await s.call('openSnapshot', { id: snapshotId }));
});
afterAll(() => s.close());
afterEach(() => {
  drawn?.unmount();
  drawn = null;
  window.getSelection()?.removeAllRanges();
});

/** The article, with a quote over `quoted` and a claim nested in it over `claimed`, so pieces are spans and marks. */
async function draw(quoted?: string, claimed?: string): Promise<HTMLElement> {
  const spans = [];
  if (quoted) spans.push({ id: 'quote-1', kind: 'quote' as const, start: text.indexOf(quoted), end: text.indexOf(quoted) + quoted.length });
  if (claimed) spans.push({ id: 'claim-1', kind: 'claim' as const, start: text.indexOf(claimed), end: text.indexOf(claimed) + claimed.length });
  drawn = await drawArticle({ snapshotId: snapshot.id, text, title: snapshot.title, blocks: snapshot.blocks, images: snapshot.images, spans });
  return drawn.root;
}

/** Selects from (node, offset) to (node, offset) as the mouse would. */
function select(a: Node, ao: number, b: Node, bo: number): Selection {
  const range = document.createRange();
  range.setStart(a, ao);
  range.setEnd(b, bo);
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

/** The text node of the piece holding canonical offset `at`, and the offset inside it. */
function pointIn(root: HTMLElement, at: number): [Node, number] {
  const piece = [...root.querySelectorAll<HTMLElement>('[data-start]')].find(
    (p) => Number(p.dataset.start) <= at && at < Number(p.dataset.start) + p.textContent!.length,
  )!;
  return [piece.firstChild!, at - Number(piece.dataset.start)];
}

const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

describe('reading the selection into canonical offsets', () => {
  it('draws the snapshot it is meant to test: an image between blocks, characters outside the BMP', () => {
    expect(snapshot.images).toHaveLength(1);
    expect(text).toContain('🚢');
    expect(text.indexOf('😀')).toBeGreaterThan(text.indexOf('🚢'));
  });

  it('maps a selection inside one piece to its offsets', async () => {
    const root = await draw();
    const want = span('counted ships');
    expect(selectionToRange(root, select(...pointIn(root, want.start), ...pointIn(root, want.end)))).toEqual(want);
  });

  it('maps a selection across pieces (plain text into a quote, into a claim nested in it)', async () => {
    const root = await draw('every day for nine years', 'nine years');
    // The cut really is into span, mark, mark pieces.
    const [a] = pointIn(root, span('counted').start);
    const [b] = pointIn(root, span('nine').start + 1);
    expect(a.parentElement!.tagName).toBe('SPAN');
    expect(b.parentElement!.tagName).toBe('MARK');
    expect(b.parentElement!.dataset.ids!.split(' ').sort()).toEqual(['claim-1', 'quote-1']);
    const want = { start: span('counted').start, end: span('nine').start + 2 };
    expect(selectionToRange(root, select(...pointIn(root, want.start), ...pointIn(root, want.end)))).toEqual(want);
  });

  it('counts a character outside the BMP as two offsets, so text.slice gives back what was selected', async () => {
    const root = await draw('harbour 🚢 counted');
    const want = span('🚢 counted ships every day for nine years 😀');
    const got = selectionToRange(root, select(...pointIn(root, want.start), ...pointIn(root, want.end)))!;
    expect(got).toEqual(want);
    expect(text.slice(got.start, got.end)).toBe('🚢 counted ships every day for nine years 😀');
    expect(got.end - got.start).toBe('🚢 counted ships every day for nine years 😀'.length);
  });

  it('maps a selection across blocks with the image between them', async () => {
    const root = await draw();
    const figure = root.querySelector('figure[data-image-hash]');
    expect(figure).not.toBeNull();
    const want = { start: span('the totals').start, end: span('About 480').end };
    expect(selectionToRange(root, select(...pointIn(root, want.start), ...pointIn(root, want.end)))).toEqual(want);
  });

  it('moves points on element boundaries to the nearest piece edge: starts forward, ends back', async () => {
    const root = await draw();
    const figure = root.querySelector('figure')!;
    // The first piece drawn after the image (its caption is text: a block of its own).
    const next = [...root.querySelectorAll<HTMLElement>('[data-start]')].find((p) => figure.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING)!;
    const end = span('About 480 ships').end;
    // From just before the image into the block after it: the start moves forward to that piece.
    const [b, bo] = pointIn(root, end);
    expect(selectionToRange(root, select(figure.parentNode!, [...figure.parentNode!.childNodes].indexOf(figure), b, bo))).toEqual({
      start: Number(next.dataset.start),
      end,
    });
    // From inside the first block to the image itself: the end moves back to the end of the block before it.
    const lastPiece = [...root.querySelectorAll<HTMLElement>('[data-start]')]
      .filter((p) => figure.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_PRECEDING)
      .at(-1)!;
    const blockEnd = Number(lastPiece.dataset.start) + lastPiece.textContent!.length;
    const from = span('the totals').start;
    expect(selectionToRange(root, select(...pointIn(root, from), figure, 0))).toEqual({ start: from, end: blockEnd });
  });

  it('takes a whole block (a triple-click: the block element from 0 to its last child) as its text, without the gap', async () => {
    const root = await draw('nine years');
    const block = root.querySelector('mark[data-ids]')!.closest('.block')!;
    const pieces = block.querySelectorAll<HTMLElement>('[data-start]');
    const start = Number(pieces[0]!.dataset.start);
    const last = pieces[pieces.length - 1]!;
    expect(selectionToRange(root, select(block, 0, block, block.childNodes.length))).toEqual({
      start,
      end: Number(last.dataset.start) + last.textContent!.length,
    });
  });

  it('reads nothing from a collapsed selection, no selection, or one outside the article', async () => {
    const root = await draw();
    const [n, o] = pointIn(root, 10);
    expect(selectionToRange(root, select(n, o, n, o))).toBeNull();
    expect(selectionToRange(root, null)).toBeNull();
    const outside = document.createElement('p');
    outside.textContent = 'Not part of the article';
    document.body.append(outside);
    expect(selectionToRange(root, select(outside.firstChild!, 0, outside.firstChild!, 5))).toBeNull();
    outside.remove();
  });

  it('clamps a selection reaching outside the article to the article’s text', async () => {
    const root = await draw();
    const before = document.createElement('p');
    before.textContent = 'Above the article';
    root.parentElement!.before(before);
    const want = span('The harbour');
    expect(selectionToRange(root, select(before.firstChild!, 2, ...pointIn(root, want.end)))).toEqual({
      start: Number(root.querySelector<HTMLElement>('[data-start]')!.dataset.start),
      end: want.end,
    });
    before.remove();
  });
});

describe('selecting canonical offsets in the article (the way back)', () => {
  it('selects every word of the text and reads the same offsets back', async () => {
    const root = await draw('every day for nine years 😀', 'nine years');
    const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    expect(words.length).toBeGreaterThan(50);
    for (const w of words) {
      expect(selectRange(root, w.start, w.end), `select ${text.slice(w.start, w.end)}`).toBe(true);
      expect(selectionToRange(root, window.getSelection())).toEqual(w);
    }
  });

  it('selects a span across blocks and pieces, and refuses offsets the article does not draw', async () => {
    const root = await draw('nine years');
    const want = { start: span('🚢').start, end: span('About 480').end };
    expect(selectRange(root, want.start, want.end)).toBe(true);
    expect(window.getSelection()!.toString()).toContain('🚢');
    expect(selectionToRange(root, window.getSelection())).toEqual(want);
    expect(selectRange(root, text.length + 5, text.length + 9)).toBe(false);
    expect(selectRange(root, -4, -1)).toBe(false);
  });
});
