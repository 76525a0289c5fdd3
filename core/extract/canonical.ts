/**
 * Canonical text of an article: the one place that turns stored article HTML into the plain
 * text every annotation offset refers to. It must give the same text for the same HTML
 * forever, so it depends only on the HTML (parsed by parse5, the WHATWG parsing algorithm,
 * the same tree a browser builds) and on the fixed rules below, never on a DOM engine's
 * quirks, styles or the environment.
 *
 * Rules:
 * - Block elements (p, div, h1–h6, li, blockquote, figcaption, pre, tr, …) start and end
 *   blocks; blocks are joined by "\n\n".
 * - Inside a block, runs of white space (Unicode White_Space, so NBSP too) become one space;
 *   the block is trimmed. One <br> is a "\n" inside the block; two or more in a row split it.
 * - <pre> keeps its white space (trimmed at both ends).
 * - Table cells of one row are joined by "\t"; each row is a block.
 * - Soft hyphens (U+00AD) are dropped: invisible hyphenation hints that would split words.
 * - Content that is never shown as article text is skipped (script, style, svg, form
 *   controls, template, noscript, …). Image alt text is not part of the text.
 * - Block type is the innermost typed ancestor: heading (h1–h6), list-item (li),
 *   caption (figcaption, table caption), quote (blockquote), preformatted (pre); else
 *   paragraph.
 * - A block's `dir` and `lang` are those of its nearest ancestor stating them (the block
 *   element included). `dir="auto"` is resolved as browsers do, by the first strong
 *   character of that element's text; an invalid value is ignored, `lang=""` means
 *   "unknown" and clears an outer language. Neither changes the text.
 */
import { parseFragment } from 'parse5';
import type { Block } from '../model/snapshot.js';

export type BlockType = Block['type'];

export interface CanonicalText {
  text: string;
  blocks: Block[];
}

/** An <img> of the tree and the canonical offset it is drawn before: the start of the next block. */
export interface ImageSlot<N> {
  node: N;
  offset: number;
}

/** What the walker needs from a tree, so the same rules can run over parse5 trees or a DOM. */
export interface CanonTreeAdapter<N> {
  /** 'element' | 'text'; anything else (comments, doctypes) is ignored. */
  kind(node: N): 'element' | 'text' | 'other';
  /** Lower-case local name of an element. */
  tag(node: N): string;
  /** Data of a text node. */
  data(node: N): string;
  children(node: N): ArrayLike<N>;
  /** An attribute's value, or null. */
  attr(node: N, name: string): string | null;
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
  'xmp',
  'plaintext',
]);

const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'input',
  'datalist',
  'rp',
  'audio',
  'video',
  'canvas',
  'map',
  'frameset',
  'frame',
  'noframes',
]);

const TYPED: Record<string, BlockType> = {
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  li: 'list-item',
  figcaption: 'caption',
  caption: 'caption',
  blockquote: 'quote',
  pre: 'preformatted',
  listing: 'preformatted',
  xmp: 'preformatted',
  plaintext: 'preformatted',
};

// Private markers inside a run (a line break and a cell break). They are control characters
// that article text never needs, so they are stripped from the input text first.
const BR = '\u0000';
const CELL = '\u0001';
const MARKERS_RE = /[\u0000\u0001]/g;
const SPACE_RE = /\s+/g;
const SHY_RE = /\u00ad/g;

export type Direction = 'ltr' | 'rtl';

// First strong character (Unicode bidi classes L vs R/AL, approximated by script).
const STRONG_RTL =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
const STRONG_ANY = /[\p{L}]/u;

/** 'rtl' or 'ltr' by the first strong character of the text, or null when it has none. */
export function directionOfText(text: string): Direction | null {
  const m = STRONG_ANY.exec(text);
  if (!m) return null;
  return STRONG_RTL.test(m[0]) ? 'rtl' : 'ltr';
}

const LANG_RE = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i;

/** A lang attribute's value: a language tag, '' (explicitly unknown), or undefined (ignored). */
export function langValue(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  const v = raw.trim();
  if (!v) return '';
  return LANG_RE.test(v) ? v : undefined;
}

/** What dir="auto" resolves to: the first strong character of the element's own text (skipped content, <bdi> and elements with their own dir left out). */
function autoDirection<N>(root: N, a: CanonTreeAdapter<N>): Direction {
  const stack: N[] = [...Array.from(a.children(root))].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    const kind = a.kind(node);
    if (kind === 'text') {
      const d = directionOfText(a.data(node));
      if (d) return d;
    } else if (kind === 'element') {
      const tag = a.tag(node);
      if (SKIP_TAGS.has(tag) || tag === 'bdi') continue;
      const own = (a.attr(node, 'dir') ?? '').trim().toLowerCase();
      if (own === 'ltr' || own === 'rtl' || own === 'auto') continue;
      const kids = a.children(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return 'ltr';
}

/** Walks a tree and builds canonical text and blocks. Iterative, so deep trees cannot overflow the stack. */
export function canonicalFromTree<N>(root: N, a: CanonTreeAdapter<N>): CanonicalText & { images: ImageSlot<N>[] } {
  const parts: string[] = [];
  const images: ImageSlot<N>[] = [];
  // Images seen since the last block was pushed: they are placed before the next one.
  let unplaced: N[] = [];
  const blocks: Block[] = [];
  let length = 0;
  let run = '';
  // Type stack: one entry per open block element (null = untyped block such as div).
  const types: (BlockType | null)[] = [];
  let preDepth = 0;
  let cellsInRow: number[] = [];
  // Direction and language in force (null lang = unknown): changed by elements that state them.
  let dir: Direction | null = null;
  let lang: string | null = null;

  const currentType = (): BlockType => {
    for (let i = types.length - 1; i >= 0; i--) {
      const t = types[i];
      if (t) return t;
    }
    return 'paragraph';
  };

  const push = (piece: string, type: BlockType): void => {
    if (!piece) return;
    if (parts.length) length += 2;
    for (const node of unplaced) images.push({ node, offset: length });
    unplaced = [];
    parts.push(piece);
    blocks.push({ type, start: length, end: length + piece.length, ...(dir ? { dir } : {}), ...(lang ? { lang } : {}) });
    length += piece.length;
  };

  const flush = (): void => {
    if (!run) return;
    const type = currentType();
    if (preDepth > 0) {
      const piece = run
        .replace(/\u0000/g, '\n')
        .replace(/\u0001/g, '\t')
        .replace(/^\s+|\s+$/g, '');
      push(piece, type);
    } else {
      const collapsed = run.replace(SPACE_RE, ' ').replace(/ ?([\u0000\u0001]) ?/g, '$1');
      for (const segment of collapsed.split(/\u0000{2,}/)) {
        const piece = segment
          .replace(/^[ \u0000\u0001]+|[ \u0000\u0001]+$/g, '')
          .replace(/\u0000/g, '\n')
          .replace(/\u0001+/g, '\t');
        push(piece, type);
      }
    }
    run = '';
  };

  // Explicit stack of [node, next child index]; exit actions run when a node's children are done.
  const stack: { node: N; i: number; exit: (() => void) | null }[] = [];
  const enter = (node: N): void => {
    const kind = a.kind(node);
    if (kind === 'text') {
      run += a.data(node).replace(MARKERS_RE, '').replace(SHY_RE, '');
      return;
    }
    if (kind !== 'element') return;
    const tag = a.tag(node);
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'br') {
      run += BR;
      return;
    }
    if (tag === 'wbr') return;
    if (tag === 'img') unplaced.push(node);
    let exit: (() => void) | null = null;
    const block = BLOCK_TAGS.has(tag) && tag !== 'td' && tag !== 'th';
    // Text before a block element belongs to the block around it: flush before its dir/lang apply.
    if (block) flush();
    const rawDir = (a.attr(node, 'dir') ?? '').trim().toLowerCase();
    const ownDir: Direction | null = rawDir === 'ltr' || rawDir === 'rtl' ? rawDir : rawDir === 'auto' ? autoDirection(node, a) : null;
    const ownLang = langValue(a.attr(node, 'lang') ?? a.attr(node, 'xml:lang'));
    let restore: (() => void) | null = null;
    if (ownDir || ownLang !== undefined) {
      const [outerDir, outerLang] = [dir, lang];
      if (ownDir) dir = ownDir;
      if (ownLang !== undefined) lang = ownLang || null;
      restore = () => {
        dir = outerDir;
        lang = outerLang;
      };
    }
    if (tag === 'td' || tag === 'th') {
      const n = cellsInRow.length ? cellsInRow[cellsInRow.length - 1]! : 0;
      if (n > 0) run += CELL;
      if (cellsInRow.length) cellsInRow[cellsInRow.length - 1] = n + 1;
    } else if (block) {
      types.push(TYPED[tag] ?? null);
      const isPre = TYPED[tag] === 'preformatted';
      if (isPre) preDepth++;
      const isRow = tag === 'tr';
      if (isRow) cellsInRow.push(0);
      exit = () => {
        flush();
        types.pop();
        if (isPre) preDepth--;
        if (isRow) cellsInRow.pop();
        restore?.();
      };
    } else if (restore) {
      exit = restore;
    }
    stack.push({ node, i: 0, exit });
  };

  enter(root);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const kids = a.children(top.node);
    if (top.i < kids.length) {
      const child = kids[top.i++]!;
      enter(child);
    } else {
      stack.pop();
      top.exit?.();
    }
  }
  flush();
  cellsInRow = [];
  // Images after the last block stand at the end of the text.
  for (const node of unplaced) images.push({ node, offset: length });
  return { text: parts.join('\n\n'), blocks, images };
}

// parse5's default tree: elements have tagName, text nodes have value, templates keep
// their children in `content` (skipped anyway).
export interface P5Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5Node[];
  parentNode?: P5Node | null;
}

const EMPTY: P5Node[] = [];

export const parse5Adapter: CanonTreeAdapter<P5Node> = {
  kind: (n) => (n.nodeName === '#text' ? 'text' : n.tagName !== undefined ? 'element' : n.nodeName === '#document-fragment' ? 'element' : 'other'),
  tag: (n) => (n.tagName ?? '').toLowerCase(),
  data: (n) => n.value ?? '',
  children: (n) => n.childNodes ?? EMPTY,
  attr: (n, name) => n.attrs?.find((x) => x.name === name)?.value ?? null,
};

/**
 * Canonical text and blocks of stored article HTML (a fragment, as sanitised for storage).
 * Deterministic: the same HTML always gives the same result.
 */
export function htmlToCanonical(articleHtml: string): CanonicalText {
  const { text, blocks } = canonicalWithImages(articleHtml);
  return { text, blocks };
}

/** Canonical text plus where each <img> of the HTML stands in it (parse5 nodes, with parentNode). */
export function canonicalWithImages(articleHtml: string): CanonicalText & { images: ImageSlot<P5Node>[] } {
  const fragment = parseFragment(articleHtml) as unknown as P5Node;
  return canonicalFromTree(fragment, parse5Adapter);
}
