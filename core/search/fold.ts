/**
 * The one text folding of the search index: the indexer folds article text and annotation
 * fields with it, the query parser folds what a person typed with it, so `lodz` finds Łódź,
 * `jorgensen` Jørgensen, `strasse` Straße and `"they're"` “they’re”. FTS5's own tokenizer
 * (unicode61, remove_diacritics 2) then sees already-folded text on both sides.
 *
 * Folding works one code point at a time, so `foldWithMap` can say where each folded unit
 * came from and snippets can highlight the original text.
 */

import { FOLD } from '../text/find.js';

/** Letters that NFKD leaves alone but a reader treats as plain ones (after lower-casing). */
const SPECIAL: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ĸ: 'k',
  // Greek final sigma lower-cases by context; one form keeps folding per code point exact.
  ς: 'σ',
  // Quote marks and dashes as Find and anchoring fold them: one table (core/text/find.ts).
  ...FOLD,
};

const MARKS = /\p{M}/gu;
const cache = new Map<string, string>();

/** One code point, folded: NFKD, marks dropped, lower case, then the special letters. */
export function foldChar(c: string): string {
  let out = cache.get(c);
  if (out !== undefined) return out;
  out = '';
  for (const d of c.normalize('NFKD').replace(MARKS, '').toLowerCase()) out += SPECIAL[d] ?? d;
  if (cache.size < 20_000) cache.set(c, out);
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_QUOTE = /`/g;

/** Text folded for indexing and matching (case, diacritics, quote and dash styles). */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(ASCII_QUOTE, "'");
  let out = '';
  for (const c of text) out += foldChar(c);
  return out;
}

export interface FoldMap {
  text: string;
  /** map[k]: offset in the source of folded unit k; map[text.length]: the source length. */
  map: Int32Array;
}

/** Folded text and, per folded UTF-16 unit, the source offset it came from. */
export function foldWithMap(source: string): FoldMap {
  const map = new Int32Array(source.length * 3 + 1);
  const parts: string[] = [];
  let k = 0;
  for (let i = 0; i < source.length;) {
    // Runs of ASCII fold as a whole (lower case, one unit for one): most text is mostly ASCII.
    let j = i;
    while (j < source.length && source.charCodeAt(j) < 0x80) j++;
    if (j > i) {
      parts.push(source.slice(i, j).toLowerCase().replace(ASCII_QUOTE, "'"));
      for (let x = i; x < j; x++) map[k++] = x;
      i = j;
      continue;
    }
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldChar(source.slice(i, i + width));
    for (let x = 0; x < f.length; x++) map[k++] = i;
    parts.push(f);
    i += width;
  }
  map[k] = source.length;
  return { text: parts.join(''), map: map.subarray(0, k + 1) };
}

/** Word characters as FTS5's unicode61 tokenizer counts them (letters, digits, private use). */
export const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** The tokens FTS5 makes of already-folded text. */
export const tokensOf = (folded: string): string[] => folded.match(TOKEN) ?? [];
