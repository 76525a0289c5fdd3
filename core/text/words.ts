/**
 * Word-level helpers on the canonical text (pure, shared with the reader).
 *
 * A word is a run of Unicode letters, digits and combining marks. Apostrophes (' ’) and
 * hyphens between two word characters belong to the word ("It’s", "law-abiding"), and so
 * do "," and "." between two digits ("1,526", "2.5"), so a figure snaps whole.
 */

const LETTER_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\p{Nd}/u;
const MARK = /\p{M}/u;
const WHITE = /\s/;
const JOINERS = new Set(["'", '’', '-', '‐', '‑']);
const NUMBER_JOINERS = new Set([',', '.']);

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Length (1 or 2) of the code point starting at i. */
const lenAt = (t: string, i: number) => (isHigh(t.charCodeAt(i)) && isLow(t.charCodeAt(i + 1)) ? 2 : 1);
/** Length (1 or 2) of the code point ending at i. */
const lenBefore = (t: string, i: number) => (i >= 2 && isLow(t.charCodeAt(i - 1)) && isHigh(t.charCodeAt(i - 2)) ? 2 : 1);
const charAt = (t: string, i: number) => t.slice(i, i + lenAt(t, i));
const splitsPair = (t: string, i: number) => i > 0 && i < t.length && isHigh(t.charCodeAt(i - 1)) && isLow(t.charCodeAt(i));

/** Is the code point starting at i part of a word (in its context)? */
function isWordAt(t: string, i: number): boolean {
  if (i < 0 || i >= t.length) return false;
  const c = charAt(t, i);
  if (LETTER_DIGIT.test(c)) return true;
  if (MARK.test(c)) {
    // A combining mark is part of a word when the character it sits on is.
    let base = i;
    while (base > 0 && MARK.test(charAt(t, base))) base -= lenBefore(t, base);
    return LETTER_DIGIT.test(charAt(t, base));
  }
  if (i === 0 || i + 1 >= t.length) return false;
  const after = charAt(t, i + 1);
  if (JOINERS.has(c)) return LETTER_DIGIT.test(after) && isWordAt(t, i - lenBefore(t, i));
  if (NUMBER_JOINERS.has(c)) return DIGIT.test(after) && DIGIT.test(charAt(t, i - lenBefore(t, i)));
  return false;
}

/**
 * Snaps a selection to whole words: trims white space at both ends, then extends an end
 * that falls inside a word to the whole word. Punctuation the selection already starts or
 * ends with (a quote mark, a full stop) is kept and not extended past. The result never
 * splits a surrogate pair or separates a combining mark from its letter. A selection of
 * only white space collapses to an empty span (start === end).
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  const clamp = (n: number) => Math.min(text.length, Math.max(0, Math.trunc(Number.isFinite(n) ? n : 0)));
  let s = clamp(Math.min(start, end));
  let e = clamp(Math.max(start, end));
  if (splitsPair(text, s)) s--;
  if (splitsPair(text, e)) e++;

  while (s < e && WHITE.test(text.charAt(s))) s++;
  while (e > s && WHITE.test(text.charAt(e - 1))) e--;
  if (s === e) return { start: s, end: s };

  if (isWordAt(text, s)) {
    while (s > 0 && isWordAt(text, s - lenBefore(text, s))) s -= lenBefore(text, s);
  }
  if (isWordAt(text, e - lenBefore(text, e))) {
    while (e < text.length && isWordAt(text, e)) e += lenAt(text, e);
  }
  // Combining marks belong to the character before them (é written as e + ◌́, emoji + VS16).
  // (A mark after white space has no letter to join, so it stays a character of its own.)
  let base = s;
  while (base > 0 && MARK.test(charAt(text, base))) base -= lenBefore(text, base);
  if (!WHITE.test(charAt(text, base))) s = base;
  while (e < text.length && MARK.test(charAt(text, e))) e += lenAt(text, e);
  return { start: s, end: e };
}

/**
 * A word for counting, close to Unicode's word rules (UAX #29): letters, digits and marks,
 * joined by apostrophes, full stops and colons between letters ("It’s", "U.S") and by
 * commas or semicolons between digits ("1,526"). Hyphens separate words there, and here.
 */
const WORD_RUN = /[\p{L}\p{N}\p{M}\p{Pc}]+(?:(?:['’.:·]|(?<=\p{N})[,;](?=\p{N}))[\p{L}\p{N}\p{M}\p{Pc}]+)*/gu;
/** Scripts written without spaces between words: only a dictionary (Intl.Segmenter) can count them. */
const NO_SPACES = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
/** Chunk size: V8's segment iterator slows down more than linearly on long strings. */
const CHUNK = 256;
const SPACE = /\s/g;

/**
 * Number of words. Text is taken in chunks cut at white space (no word spans it); a chunk
 * in a script written without spaces goes to Intl.Segmenter, any other to the pattern
 * above, which counts the same for such text and is ten times faster.
 */
export function countWords(text: string): number {
  const segmenter = typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('und', { granularity: 'word' }) : null;
  if (!segmenter || !NO_SPACES.test(text)) return text.match(WORD_RUN)?.length ?? 0;
  let n = 0;
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + CHUNK);
    if (end < text.length) {
      // Cut after the next white space; a chunk without any runs on to it.
      SPACE.lastIndex = end;
      end = SPACE.exec(text) ? SPACE.lastIndex : text.length;
    }
    const chunk = text.slice(at, end);
    if (NO_SPACES.test(chunk)) {
      for (const seg of segmenter.segment(chunk)) if (seg.isWordLike) n++;
    } else n += chunk.match(WORD_RUN)?.length ?? 0;
    at = end;
  }
  return n;
}
