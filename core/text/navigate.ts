/**
 * Moving one edge of a span by a word, for extending or shrinking a selection or a tagged
 * span from the keyboard. Pure (shared with the reader).
 *
 * The stops an edge moves between are the ends of words (as snapToWords sees them: "1,526",
 * "law-abiding" and "It’s" are one word) and the ends of runs of punctuation touching a word
 * (",”" after "police"), so a span can take or leave its closing quote mark in one step.
 * White space is never left at either end.
 */
import { snapToWords } from './words.js';

export type Edge = 'start' | 'end';
export type Direction = 'grow' | 'shrink';

const SPACE = /\s/;
const LETTER_DIGIT = /[\p{L}\p{N}]/u;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const lenAt = (t: string, i: number) => (isHigh(t.charCodeAt(i)) && isLow(t.charCodeAt(i + 1)) ? 2 : 1);
const lenBefore = (t: string, i: number) => (i >= 2 && isLow(t.charCodeAt(i - 1)) && isHigh(t.charCodeAt(i - 2)) ? 2 : 1);
const isSpace = (t: string, i: number) => SPACE.test(t.charAt(i));

/** The whole word around the character at i, or null when that character is not part of a word. */
function wordAt(t: string, i: number): { start: number; end: number } | null {
  if (i < 0 || i >= t.length || isSpace(t, i)) return null;
  const n = lenAt(t, i);
  const w = snapToWords(t, i, i + n);
  if (w.end - w.start > n || LETTER_DIGIT.test(t.slice(i, i + n))) return w;
  return null;
}

/** End of the word or punctuation run that starts at i (i is not white space). */
function tokenEnd(t: string, i: number): number {
  const w = wordAt(t, i);
  if (w) return w.end;
  let p = i;
  while (p < t.length && !isSpace(t, p) && !wordAt(t, p)) p += lenAt(t, p);
  return p;
}

/** Start of the word or punctuation run that ends at i (the character before i is not white space). */
function tokenStart(t: string, i: number): number {
  const w = wordAt(t, i - lenBefore(t, i));
  if (w) return w.start;
  let p = i;
  while (p > 0 && !isSpace(t, p - 1) && !wordAt(t, p - lenBefore(t, p))) p -= lenBefore(t, p);
  return p;
}

/**
 * The span with one edge moved by one stop. Returns the span unchanged when the edge cannot
 * move (the text ends, or shrinking would leave nothing).
 */
export function moveEdge(text: string, span: { start: number; end: number }, edge: Edge, direction: Direction): { start: number; end: number } {
  let { start, end } = span;
  if (edge === 'end' && direction === 'grow') {
    let p = end;
    while (p < text.length && isSpace(text, p)) p++;
    if (p < text.length) end = Math.max(end, tokenEnd(text, p));
  } else if (edge === 'end') {
    let p = end;
    while (p > start && isSpace(text, p - 1)) p--;
    p = tokenStart(text, p);
    // A word that only starts inside the span (an exact, unsnapped edge) still ends the step there.
    while (p > start && isSpace(text, p - 1)) p--;
    if (p > start) end = p;
  } else if (direction === 'grow') {
    let p = start;
    while (p > 0 && isSpace(text, p - 1)) p--;
    if (p > 0) start = Math.min(start, tokenStart(text, p));
  } else {
    let p = start;
    while (p < end && isSpace(text, p)) p++;
    p = tokenEnd(text, p);
    while (p < end && isSpace(text, p)) p++;
    if (p < end) start = p;
  }
  return { start, end };
}
