/**
 * Blocks (paragraphs) and title of a plain-text capture. Pure: the reader shares it.
 *
 * A paragraph is a run of lines between blank lines (lines that are empty or only white
 * space, NBSP included). Single newlines inside a paragraph stay part of it (the reader
 * shows them as line breaks). Each block's [start, end) is trimmed of white space, and
 * white space is never part of a surrogate pair, so blocks never cut one.
 */
import type { Block } from '../model/snapshot.js';

/** Titles longer than this are cut (at a word boundary when there is one) and end in "…". */
export const MAX_TITLE_LENGTH = 300;

const WHITE = /\s/;
const isWhite = (text: string, i: number) => WHITE.test(text.charAt(i));

export function blocksFromPlainText(text: string): Block[] {
  const blocks: Block[] = [];
  // [start, end) of the current run of non-blank lines, and how many lines it has.
  let runStart = -1;
  let runEnd = -1;
  let runLines = 0;
  let firstBlockLines: number | undefined;

  const flush = () => {
    if (runStart < 0) return;
    let start = runStart;
    let end = runEnd;
    while (start < end && isWhite(text, start)) start++;
    while (end > start && isWhite(text, end - 1)) end--;
    blocks.push({ type: 'paragraph', start, end });
    firstBlockLines ??= runLines;
    runStart = -1;
    runLines = 0;
  };

  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const blank = /^\s*$/.test(text.slice(lineStart, lineEnd));
    if (blank) {
      flush();
    } else {
      if (runStart < 0) runStart = lineStart;
      runEnd = lineEnd;
      runLines++;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  flush();

  // The first block is the title when it looks like one: a single, short line followed by
  // the article. (Many plain-text files put each paragraph on one long line.)
  const first = blocks[0];
  if (first && blocks.length > 1 && firstBlockLines === 1 && first.end - first.start <= MAX_TITLE_LENGTH) {
    first.type = 'heading';
  }
  return blocks;
}

/** First non-empty line, trimmed; cut to MAX_TITLE_LENGTH at a word boundary. '' for blank text. */
export function titleFromPlainText(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return capTitle(line.trim().replace(/\s+/g, ' '));
}

/** Cuts a title to MAX_TITLE_LENGTH, preferring a word boundary and never halving a surrogate pair. */
export function capTitle(title: string): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  let cut = MAX_TITLE_LENGTH - 1; // room for the ellipsis
  const space = title.lastIndexOf(' ', cut);
  if (space > MAX_TITLE_LENGTH * 0.6) cut = space;
  else if (isHighSurrogate(title.charCodeAt(cut - 1))) cut--;
  return `${title.slice(0, cut).trimEnd()}…`;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
